import { TELEMETRY_ROWS } from './telemetryComparison';

/**
 * The generated stamp compared setting by setting with the reference
 * implementation, mspnp/aks-baseline `workload-team/cluster-stamp.bicep`
 * (and its `modules/policies.bicep`), rendered into the generated README
 * under "Compared with the reference". Each slice of the stamp keeps its
 * rows as one exported array (this file holds the security profile and
 * upgrade/resilience/network rows); `REFERENCE_COMPARISON` joins them.
 */
import { POLICY_ASSIGNMENT_ROWS } from './policyComparison';

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
    reference:
      'securityMonitoring.enabled true, logAnalyticsWorkspaceResourceId the stamp workspace',
    ours: "the same: the given workspace (logAnalyticsWorkspaceId) or the stamp's own",
    control: 'DEF-01',
    note: "same. Whether the subscription's Defender plan is on (Microsoft.Security/pricings) is not read",
  },
  {
    setting: 'securityProfile.imageCleaner',
    reference: 'enabled, intervalHours 120',
    ours: 'enabled, intervalHours 120',
    control: 'DEF-02',
    note: 'same',
  },
  {
    setting: 'securityProfile.nodeRestriction',
    reference: 'enabled',
    ours: 'not set',
    control: '—',
    note: 'not in the stable 2026-10-01 API the template validates against: the reference sets it through a preview api-version (2024-03-02-preview); it comes back when a stable version has it',
  },
  {
    setting: 'securityProfile.azureKeyVaultKms',
    reference: 'enabled false',
    ours: 'not set',
    control: '—',
    note: 'same effect: KMS encryption of secrets with a customer key is off in both',
  },
  {
    setting: 'autoUpgradeProfile',
    reference: "upgradeChannel 'none', nodeOSUpgradeChannel 'NodeImage'",
    ours: "upgradeChannel 'patch', nodeOSUpgradeChannel 'NodeImage'",
    control: 'UPG-01',
    note: 'ours also takes Kubernetes patch releases automatically, inside their own window: patches carry security fixes and stay within the minor version the template pins. UPG-01 accepts none with a warning',
  },
  {
    setting: 'maintenanceConfigurations',
    reference:
      'aksManagedNodeOSUpgradeSchedule: weekly Tuesday 21:00, 12 hours',
    ours: 'the same, and aksManagedAutoUpgradeSchedule: weekly Thursday 21:00 UTC, 8 hours',
    control: 'UPG-01',
    note: 'a window for the patch channel the reference does not use, two days apart from the node image so a bad image and a bad patch are told apart; both UTC (utcOffset +00:00), as the reference (no offset)',
  },
  {
    setting: 'agentPoolProfiles[npsystem]',
    reference:
      'autoscaling 3 to 4, CriticalAddonsOnly=true:NoSchedule, Standard_DS2_v2',
    ours: 'autoscaling from systemNodeCount (default 3) to one more, CriticalAddonsOnly=true:NoSchedule, Standard_D4ds_v5 by default',
    control: 'UPG-02',
    note: 'same shape; the size is a newer generation with a temporary disk for the ephemeral OS disk',
  },
  {
    setting: 'agentPoolProfiles[].osDiskType, osDiskSizeGB',
    reference: 'Ephemeral, 80 GiB (system) and 120 GiB (user)',
    ours: 'Ephemeral, the size fitting the VM local disk (128 GiB on the default sizes) for the sizes the generator knows; other sizes left to AKS',
    control: '—',
    note: 'an ephemeral OS disk must fit the VM size cache or temporary disk, which cannot be looked up offline: the generator knows a few sizes (arm/osDisk.ts); for any other it sets nothing and AKS picks Ephemeral when it fits, else Managed (the summary says so)',
  },
  {
    setting: 'agentPoolProfiles[].availabilityZones',
    reference: '1, 2, 3 on both pools',
    ours: '1, 2, 3 on both pools where the region has zones',
    control: 'UPG-03',
    note: 'in a region without zones the pools are regional and the gate lists UPG-03 as accepted with that reason',
  },
  {
    setting: 'autoScalerProfile',
    reference:
      'expander random, scale-down after 10m under 0.5 utilization, scan every 10s, skip nodes with local storage and system pods (17 settings)',
    ours: 'the same 17 settings',
    control: '—',
    note: 'same',
  },
  {
    setting: 'networkProfile.networkPluginMode, podCidr',
    reference: 'overlay, 192.168.0.0/16',
    ours: 'flat Azure CNI by default; overlay with the podCidr given (option)',
    control: 'NET-01, NET-04',
    note: 'flat Azure CNI keeps pod IPs visible to NSGs and the hub firewall (rules can name pod addresses); overlay saves node-subnet addresses, as the reference wants. NET-01 passes both, NET-04 checks the pod CIDR stays apart',
  },
  {
    setting: 'apiServerAccessProfile',
    reference:
      'public API server, authorizedIPRanges from a parameter (empty by default)',
    ours: 'private cluster (system private DNS zone), run command disabled; API Server VNet Integration into a delegated subnet with apiServerSubnetCidr (option)',
    control: 'SEC-05',
    note: 'private by default: the reference keeps the API server public so its walkthrough can run kubectl from anywhere. VNet integration puts the API server in the spoke without a private endpoint; SEC-05 passes both and fails integration without its subnet',
  },
  {
    setting: 'role assignments on the cluster for the admin group',
    reference:
      'Azure Kubernetes Service RBAC Cluster Admin and Azure Kubernetes Service Cluster User Role',
    ours: 'the same two roles, principalType Group',
    control: '—',
    note: 'same; the group also stays in aadProfile.adminGroupObjectIDs, as before (the reference empties it under Azure RBAC): AKS binds it to cluster-admin, which the Cluster Admin role grants already, so it adds no access',
  },
];

/**
 * The spoke's peering with the hub, against mspnp/aks-baseline
 * `network-team/spoke-BU0001A0008.bicep` and its `virtualNetworkPeering.bicep`.
 */
export const HUB_PEERING_ROWS: readonly ReferenceComparisonRow[] = [
  {
    setting: 'spoke-to-hub peering (network-team/spoke-BU0001A0008.bicep)',
    reference:
      'to_<hub VNet> on the spoke VNet: allowVirtualNetworkAccess true, allowForwardedTraffic false, allowGatewayTransit false, useRemoteGateways false',
    ours: 'the same name and settings',
    control: 'NET-03',
    note: 'same settings; a child resource of the spoke VNet in infra/cluster.json rather than a module deployment, since the spoke VNet is in the same template',
  },
  {
    setting: 'hub-to-spoke peering',
    reference:
      "to_<spoke VNet> on the hub VNet, the same settings, by the same module scoped to the hub's resource group, after the spoke's side",
    ours: "the same, by a nested Microsoft.Resources/deployments (inner scope) in the subscription and resource group of hubVirtualNetworkId, after the spoke's side",
    control: 'NET-03',
    note: "same; the hub may sit in another subscription than the spoke (the reference's module assumes the spoke's subscription)",
  },
  {
    setting: 'deployment order',
    reference:
      'the network team deploys the spoke and both peerings; the cluster stamp is a later deployment',
    ours: 'one deployment: the AKS cluster dependsOn both sides of the peering (and the Flux extension on the cluster)',
    control: 'NET-03',
    note: "one template instead of two, in the same order: with userDefinedRouting the nodes' only way out is the hub firewall across the peering, so nothing needing egress starts before both sides exist. The hub's firewall rules (hub/egress-rules.json) stay a network-team deployment before it",
  },
];

/** Every slice's rows, in README order. */
export const REFERENCE_COMPARISON: readonly ReferenceComparisonRow[] = [
  ...SECURITY_AND_UPGRADE_ROWS,
  ...HUB_PEERING_ROWS,
  ...POLICY_ASSIGNMENT_ROWS,
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
    'Setting by setting against mspnp/aks-baseline (`workload-team/cluster-stamp.bicep`; for the peering,',
    '`network-team/spoke-BU0001A0008.bicep`): what the reference sets, what this stamp sets, the baseline',
    'control that checks it, and why any difference.',
    '',
    line(COLUMNS.map(([, title]) => title)),
    line(COLUMNS.map(() => '---')),
    ...rows.map(row => line(COLUMNS.map(([key]) => cell(row[key])))),
    '',
  ].join('\n');
}
