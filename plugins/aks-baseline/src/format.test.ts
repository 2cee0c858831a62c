import { expiryText, formatAge, formatDate } from './format';

describe('format', () => {
  it.each([
    [21, 'expires in 21 days'],
    [1, 'expires in 1 day'],
    [0, 'expires in 0 days'],
    [-1, 'expired 1 day ago'],
    [-3, 'expired 3 days ago'],
  ])('words %i days left as "%s"', (days, text) => {
    expect(expiryText(days)).toBe(text);
  });

  it('says how long ago, coarsely', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(formatAge('2026-11-26T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-11-26T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAge('2026-11-26T11:00:00Z', now)).toBe('1 hour ago');
    expect(formatAge('2026-11-23T12:00:00Z', now)).toBe('3 days ago');
  });

  it('shows a date without its time', () => {
    expect(formatDate('2026-12-17T08:00:00.000Z')).toBe('2026-12-17');
    expect(formatDate(undefined)).toBe('—');
  });
});
