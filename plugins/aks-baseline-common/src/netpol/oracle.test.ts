import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { sharedDir } from '../__testUtils__/sharedDir';
import { analyzeNetworkPolicies } from './analyze';
import {
  clusterFromManifests,
  renderConnlist,
} from '../__testUtils__/netpol/oracle';

/**
 * The public oracle: np-guard netpol-analyzer outputs for 33 cluster snapshots.
 * Every case is evaluated the same way; none is special-cased.
 */
interface OracleCase {
  name: string;
  inputFiles: string[];
  expected: string;
}

const casesDir = sharedDir('netpol-cases');
const cases: OracleCase[] = JSON.parse(
  readFileSync(join(casesDir, 'cases.json'), 'utf8'),
);

function readManifests(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map(document => {
    if (document.errors.length > 0) {
      throw new Error(`${path}: ${document.errors[0].message}`);
    }
    return document.toJS();
  });
}

function readExpectedLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  // Every line, the last included, ends with "\n".
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

describe('netpol-analyzer oracle (shared/netpol-cases)', () => {
  it('has the 33 public cases', () => {
    expect(cases).toHaveLength(33);
  });

  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, oracleCase) => {
    const caseDir = join(casesDir, oracleCase.name);
    const documents = oracleCase.inputFiles.flatMap(file =>
      readManifests(join(caseDir, file)),
    );
    const { snapshot, workloadOfPod } = clusterFromManifests(documents);

    const actualLines = renderConnlist(
      analyzeNetworkPolicies(snapshot),
      workloadOfPod,
    );

    const expectedLines = readExpectedLines(join(caseDir, oracleCase.expected));
    expect(actualLines).toEqual(expectedLines);
  });
});
