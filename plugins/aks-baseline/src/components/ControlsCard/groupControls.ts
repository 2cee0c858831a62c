import {
  ControlArea,
  ControlResult,
  ControlSeverity,
  ControlStatus,
} from '@aks-baseline/plugin-aks-baseline-common';

export const AREA_LABEL: Record<ControlArea, string> = {
  edge: 'Edge: App Gateway, WAF and TLS',
  certificates: 'Certificates in the chain',
  cluster: 'Cluster',
  kubernetes: 'Kubernetes',
  keyvault: 'Key Vault',
  egress: 'Egress',
  'supply-chain': 'Supply chain: registry and images',
  governance: 'Governance: Azure Policy',
  telemetry: 'Audit and telemetry',
  'security-profile': 'Security profile: Defender and image cleaner',
  upgrades: 'Upgrades and resilience: channels, windows, pools, zones',
};

const AREA_ORDER: ControlArea[] = [
  'edge',
  'certificates',
  'cluster',
  'kubernetes',
  'keyvault',
  'egress',
  'supply-chain',
  'governance',
  'telemetry',
  'security-profile',
  'upgrades',
];

/** What needs attention first. */
const STATUS_RANK: Record<ControlStatus, number> = {
  fail: 0,
  warning: 1,
  'not-observed': 2,
  pass: 3,
  'not-applicable': 4,
};

const SEVERITY_RANK: Record<ControlSeverity, number> = {
  high: 0,
  medium: 1,
  low: 2,
};

export interface ControlGroup {
  area: ControlArea;
  controls: ControlResult[];
  counts: Partial<Record<ControlStatus, number>>;
  /** Fails or warns: shown open. */
  needsAttention: boolean;
}

function byAttention(a: ControlResult, b: ControlResult): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Controls grouped by area, failures first inside each group and groups with
 * failures before the others (then in the baseline's own order).
 */
export function groupControls(controls: ControlResult[]): ControlGroup[] {
  const groups = AREA_ORDER.map(area => {
    const inArea = controls.filter(c => c.area === area).sort(byAttention);
    const counts: ControlGroup['counts'] = {};
    for (const c of inArea) counts[c.status] = (counts[c.status] ?? 0) + 1;
    return {
      area,
      controls: inArea,
      counts,
      needsAttention: Boolean(counts.fail || counts.warning),
    };
  }).filter(g => g.controls.length > 0);
  const worst = (g: ControlGroup) => STATUS_RANK[g.controls[0].status];
  return groups.sort((a, b) => worst(a) - worst(b));
}

/** e.g. "2 fail · 1 warning · 5 pass". */
export function countsText(counts: ControlGroup['counts']): string {
  return (Object.keys(STATUS_RANK) as ControlStatus[])
    .filter(status => counts[status])
    .map(status => `${counts[status]} ${status.replace('-', ' ')}`)
    .join(' · ');
}
