import { findControl } from '@aks-baseline/plugin-aks-baseline-common';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { renderCluster } from '.';
import {
  REFERENCE_COMPARISON,
  referenceComparisonSection,
} from './referenceComparison';

/** The Markdown table's rows under a heading, split into cells (escaped pipes kept). */
function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  const table = lines.slice(first, end === -1 ? undefined : end);
  return table.map(line =>
    line
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map(c => c.replace(/\\\|/g, '|')),
  );
}

describe('the comparison with the reference', () => {
  const [request] = clusterExampleRequests();
  const readme = renderCluster(request.spec, { outputDir: '' }).files.find(
    f => f.path === 'README.md',
  )!.content;

  it('is in the generated README: one table line per row, every cell as the data says', () => {
    const [header, separator, ...rows] = tableUnder(
      readme,
      '## Compared with the reference',
    );
    expect(header).toEqual([
      'reference setting',
      'reference value',
      'our value',
      'control',
      'difference explained',
    ]);
    expect(separator).toEqual(['---', '---', '---', '---', '---']);
    expect(rows).toEqual(
      REFERENCE_COMPARISON.map(r => [
        r.setting,
        r.reference,
        r.ours,
        r.control,
        r.note,
      ]),
    );
  });

  it('names only controls of the catalogue, and explains every row', () => {
    for (const row of REFERENCE_COMPARISON) {
      for (const id of row.control.split(/,\s*/).filter(c => c !== '—')) {
        expect(findControl(id)).toBeDefined();
      }
      expect(row.note.trim()).not.toBe('');
    }
  });

  it('keeps a pipe or a line break inside its cell', () => {
    const section = referenceComparisonSection([
      { setting: 'a|b', reference: 'x\ny', ours: 'z', control: '—', note: 'n' },
    ]);
    expect(tableUnder(section, '## Compared with the reference')[2]).toEqual([
      'a|b',
      'x y',
      'z',
      '—',
      'n',
    ]);
  });
});
