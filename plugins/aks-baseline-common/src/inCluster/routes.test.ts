import { hostsOfRule } from './routes';

describe('hostsOfRule', () => {
  it.each([
    ['Host(`a.example.com`)', ['a.example.com']],
    [
      'Host(`a.example.com`, `B.example.com`)',
      ['a.example.com', 'b.example.com'],
    ],
    [
      'Host(`a.example.com`) || Host("b.example.com") && PathPrefix(`/api`)',
      ['a.example.com', 'b.example.com'],
    ],
    ['PathPrefix(`/`)', []],
  ])('%s', (rule, hosts) => {
    expect(hostsOfRule(rule)).toEqual(hosts);
  });
});
