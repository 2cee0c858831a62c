import { loadTemplate, Schema } from '../__testUtils__/templateForm';

/*
 * The form renders every title, description and ui:help as Markdown
 * (CommonMark with GitHub's extensions, as the scaffolder's MarkdownContent
 * does): a `<name>` placeholder outside a code span is read as an HTML tag
 * and vanishes ("into apps//."), and a `*` opens emphasis ("*.;"). Code
 * spans keep both literally; placeholders are written `{name}`.
 */

/** Every text the form shows as Markdown, with where it is. */
function helpTexts(node: unknown, path: string[] = []): [string, string][] {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => helpTexts(item, [...path, String(i)]));
  }
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Schema).flatMap(([key, value]) => {
    const at = [...path, key];
    if (
      ['title', 'description', 'ui:help'].includes(key) &&
      typeof value === 'string'
    ) {
      return [[at.join('.'), value] as [string, string]];
    }
    return helpTexts(value, at);
  });
}

/** The text with CommonMark code spans (matching backtick runs) removed. */
function outsideCodeSpans(text: string): string {
  return text.replace(/(`+)[\s\S]*?\1/g, '');
}

describe.each(['app-onboarding', 'baseline-cluster'])(
  'templates/%s/template.yaml help text',
  folder => {
    const { template } = loadTemplate(folder, '');
    const texts = helpTexts(template.spec.parameters);

    it('has help text to check', () => {
      expect(texts.length).toBeGreaterThan(20);
    });

    it('has no < or > outside code spans (Markdown would eat them as HTML)', () => {
      const bad = texts.filter(([, text]) =>
        /[<>]/.test(outsideCodeSpans(text)),
      );
      expect(bad).toEqual([]);
    });

    it('has no * outside code spans (Markdown would read it as emphasis)', () => {
      const bad = texts.filter(([, text]) => /\*/.test(outsideCodeSpans(text)));
      expect(bad).toEqual([]);
    });

    it('closes every code span it opens', () => {
      const bad = texts.filter(([, text]) => /`/.test(outsideCodeSpans(text)));
      expect(bad).toEqual([]);
    });
  },
);

describe('the help-text rule', () => {
  it('finds the placeholders the issue reported, and passes their fix', () => {
    const before = 'App Gateway listens for *.<domain>; into apps/<app name>/.';
    const after =
      'App Gateway listens for `*.{domain}`; into `apps/{app name}/`.';
    expect(/[<>*]/.test(outsideCodeSpans(before))).toBe(true);
    expect(/[<>*`]/.test(outsideCodeSpans(after))).toBe(false);
  });
});
