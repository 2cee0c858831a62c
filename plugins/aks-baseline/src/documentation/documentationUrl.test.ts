import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  README_SECTIONS,
  defaultDocumentationUrl,
  readmeSectionUrl,
} from './documentationUrl';

/** GitHub's (and npm's) anchor for a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

describe('the README the portal links to', () => {
  it("defaults to the package's homepage, else its npm page", () => {
    expect(defaultDocumentationUrl()).toBe(
      'https://www.npmjs.com/package/@aks-baseline/plugin-aks-baseline',
    );
    expect(
      defaultDocumentationUrl({
        name: '@aks-baseline/plugin-aks-baseline',
        homepage: 'https://github.com/contoso/portal#readme',
      }),
    ).toBe('https://github.com/contoso/portal#readme');
  });

  it('appends the section anchor to the configured address, replacing any', () => {
    expect(
      readmeSectionUrl(
        'privateApiServers',
        'https://dev.azure.com/contoso/portal/_git/portal?path=/plugins/aks-baseline/README.md#top',
      ),
    ).toBe(
      'https://dev.azure.com/contoso/portal/_git/portal?path=/plugins/aks-baseline/README.md#private-api-servers',
    );
  });

  it('falls back to the default for a value that is no web address', () => {
    // A script URL, a relative path, nothing.
    for (const bad of ['javascript'.concat(':alert(1)'), 'README.md', '']) {
      expect(readmeSectionUrl('privateApiServers', bad)).toBe(
        'https://www.npmjs.com/package/@aks-baseline/plugin-aks-baseline#private-api-servers',
      );
    }
  });

  it("links only to sections the plugin's README has", () => {
    const readme = readFileSync(
      join(__dirname, '..', '..', 'README.md'),
      'utf8',
    );
    const anchors = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map(m =>
      anchorOf(m[1]),
    );
    for (const anchor of Object.values(README_SECTIONS)) {
      expect(anchors).toContain(anchor);
    }
  });
});
