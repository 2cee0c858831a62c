import { TELEMETRY_ROWS } from './telemetryComparison';

/**
 * The generated stamp compared setting by setting with the reference
 * implementation, mspnp/aks-baseline `workload-team/cluster-stamp.bicep`
 * (and its `modules/policies.bicep`), rendered into the generated README
 * under "Compared with the reference". Each slice of the stamp keeps its
 * rows as one exported array (this file holds the security profile and
 * upgrade/resilience/network rows); `REFERENCE_COMPARISON` joins them.
 */
export interface ReferenceComparisonRow {
  /** The reference's setting, as its ARM property path or resource. */
  setting: string;
  /** What the reference sets. */
  reference: string;
  /** What the generated stamp sets. */
  ours: string;
  /** The control that checks it, or '—' when none does. */
  control: string;
  /** Why ours differs, or what matching means here. */
  note: string;
}

/** Security profile, upgrades, pools, zones and network options (issue #17 items 2 and 4). */
export const SECURITY_AND_UPGRADE_ROWS: readonly ReferenceComparisonRow[] = [
  {
    setting: 'securityProfile.workloadIdentity.enabled',
    reference: 'true',
    ours: 'true',
    control: 'SEC-03',
    note: 'same',
  },
  {
    setting: 'securityProfile.defender',
    reference: 'securityMonitoring on, to the stamp workspace',
    ours: 'not set',
    control: '—',
    note: 'not generated yet',
  },
  {
    setting: 'securityProfile.imageCleaner',
    reference: 'enabled, intervalHours 120',
    ours: 'not set',
    control: '—',
    note: 'not generated yet',
  },
  {
    setting: 'autoUpgradeProfile',
    reference: "upgradeChannel 'none', nodeOSUpgradeChannel 'NodeImage'",
    ours: "upgradeChannel 'patch', nodeOSUpgradeChannel 'NodeImage'",
    control: '—',
    note: 'ours also takes Kubernetes patch releases automatically: patches carry security fixes and stay within the minor version the template pins',
  },
  {
    setting: 'agentPoolProfiles[npsystem].nodeTaints',
    reference: 'CriticalAddonsOnly=true:NoSchedule',
    ours: 'CriticalAddonsOnly=true:NoSchedule',
    control: '—',
    note: 'same',
  },
];

/** Every slice's rows, in README order. */
export const REFERENCE_COMPARISON: readonly ReferenceComparisonRow[] = [
  ...SECURITY_AND_UPGRADE_ROWS,
  ...TELEMETRY_ROWS,
];

const COLUMNS: ReadonlyArray<[keyof ReferenceComparisonRow, string]> = [
  ['setting', 'reference setting'],
  ['reference', 'reference value'],
  ['ours', 'our value'],
  ['control', 'control'],
  ['note', 'difference explained'],
];

/** A Markdown table cell: a pipe or a line break would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The README section: the rows as a Markdown table. */
export function referenceComparisonSection(
  rows: readonly ReferenceComparisonRow[],
): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    '## Compared with the reference',
    '',
    'Setting by setting against mspnp/aks-baseline (`workload-team/cluster-stamp.bicep`): what the',
    'reference sets, what this stamp sets, the baseline control that checks it, and why any difference.',
    '',
    line(COLUMNS.map(([, title]) => title)),
    line(COLUMNS.map(() => '---')),
    ...rows.map(row => line(COLUMNS.map(([key]) => cell(row[key])))),
    '',
  ].join('\n');
}
