import { generatedFilesMarkdown } from './filesMarkdown';

describe('generatedFilesMarkdown', () => {
  it('gives each file a heading and a fenced block in its language', () => {
    expect(
      generatedFilesMarkdown([
        { path: 'cluster-repo/namespace.yaml', content: 'kind: Namespace\n' },
        { path: 'platform-infra/gateway.json', content: '{}' },
      ]),
    ).toBe(
      [
        '#### `cluster-repo/namespace.yaml`',
        '',
        '```yaml',
        'kind: Namespace',
        '```',
        '',
        '#### `platform-infra/gateway.json`',
        '',
        '```json',
        '{}',
        '```',
      ].join('\n'),
    );
  });

  it('fences a file holding backticks with a longer run, so it cannot close early', () => {
    const readme = 'Run:\n\n```sh\nkubectl apply -k .\n```\n';
    const markdown = generatedFilesMarkdown([
      { path: 'cluster-repo/README.md', content: readme },
    ]);
    expect(markdown).toBe(
      `#### \`cluster-repo/README.md\`\n\n\`\`\`\`markdown\n${readme}\`\`\`\``,
    );
  });
});
