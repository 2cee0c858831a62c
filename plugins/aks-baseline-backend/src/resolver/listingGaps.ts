import type { SourceError } from '@aks-baseline/plugin-aks-baseline-common';
import { parseArmId } from '@aks-baseline/plugin-aks-baseline-common';
import type { ArmResourceKind, FailedListing } from '../inventory';
import type { InventoryIndex } from './inventoryIndex';

/**
 * An input of one cluster's resolution that a failed list may have hidden:
 * a resource type, or the secrets of one vault.
 */
export type UnknownInput =
  | Exclude<ArmResourceKind, 'managedClusters'>
  | 'vaultSecrets'
  | 'ruleCollectionGroups'
  // Traefik's file configuration, when the cluster's ConfigMap list failed.
  | 'traefikConfiguration'
  | 'maintenanceConfigurations'
  | 'diagnosticSettings'
  | 'dataCollectionRuleAssociations';

/** One input left unknown for a cluster, and the failure that left it so. */
export interface ListingGap {
  input: UnknownInput;
  error: SourceError;
}

/** The parts of a snapshot a resource type can feed (controls aside). */
export type SnapshotSection =
  | 'ingress'
  | 'egress'
  | 'keyVault'
  | 'certificates';

/**
 * What each input feeds directly. A lookup that came back empty also stops
 * the lookups after it, hence `LEADS_TO`: without the node subnet's VNet there
 * is no route table (and no association by VNet), without gateways no WAF
 * policy, public IP or gateway certificate vault, and so on.
 */
const SECTIONS: Record<UnknownInput, SnapshotSection[]> = {
  applicationGateways: ['ingress', 'certificates'],
  wafPolicies: ['ingress'],
  publicIpAddresses: ['ingress'],
  virtualNetworks: ['egress'],
  routeTables: ['egress'],
  // Read by packet traces only.
  networkSecurityGroups: [],
  azureFirewalls: ['egress'],
  firewallPolicies: ['egress'],
  ipGroups: ['egress'],
  ruleCollectionGroups: ['egress'],
  keyVaults: ['certificates', 'keyVault'],
  privateEndpoints: ['keyVault'],
  // Judged by ACR-01/02 only: no section of the snapshot shows registries.
  containerRegistries: [],
  // Judged by GOV-01 only.
  policyAssignments: [],
  vaultSecrets: ['certificates'],
  traefikConfiguration: [],
  // Judged by UPG-01 only.
  maintenanceConfigurations: [],
  // Judged by LOG-01..03 only.
  dataCollectionRules: [],
  diagnosticSettings: [],
  dataCollectionRuleAssociations: [],
};

const LEADS_TO: Partial<Record<UnknownInput, UnknownInput[]>> = {
  virtualNetworks: ['applicationGateways', 'routeTables'],
  applicationGateways: ['wafPolicies', 'publicIpAddresses', 'keyVaults'],
  routeTables: ['azureFirewalls'],
  azureFirewalls: ['firewallPolicies'],
  firewallPolicies: ['ruleCollectionGroups'],
  keyVaults: ['privateEndpoints', 'vaultSecrets'],
  // Registries are found through their private endpoints in the cluster's VNet.
  privateEndpoints: ['containerRegistries'],
};

/**
 * The baseline controls judged on each input (`BaselineResources` member of
 * the common package's evaluator). `listingGaps.test.ts` checks this against
 * the evaluator itself: withdrawing an input changes exactly these controls.
 */
export const CONTROLS_FED_BY: Record<UnknownInput, readonly string[]> = {
  applicationGateways: [
    'WAF-01',
    'WAF-02',
    'WAF-03',
    'TLS-01',
    'TLS-02',
    'TLS-03',
    'TLS-04',
    'ING-01',
    'K8S-03',
    // The edge and trust-root certificates, and where Traefik is probed,
    // are found through the gateways.
    'CERT-01',
    'CERT-02',
    'CERT-04',
    'CERT-05',
    // Their diagnostics are among LOG-03's.
    'LOG-03',
  ],
  wafPolicies: ['WAF-02', 'WAF-03'],
  publicIpAddresses: [],
  // LOG-03: the NSGs whose diagnostics it reads are the VNet's subnets'.
  virtualNetworks: ['NET-03', 'NET-04', 'K8S-03', 'FW-02', 'LOG-03'],
  routeTables: ['NET-03'],
  networkSecurityGroups: [],
  // With a policy attached, FW-01 judges the policy (fed by its own list).
  azureFirewalls: ['NET-03', 'FW-02'],
  firewallPolicies: ['FW-01', 'FW-02'],
  ipGroups: ['FW-02'],
  ruleCollectionGroups: ['FW-02'],
  keyVaults: ['KV-01', 'KV-02', 'KV-03', 'LOG-03'],
  privateEndpoints: ['KV-02', 'ACR-01'],
  containerRegistries: ['ACR-01', 'ACR-02'],
  policyAssignments: ['GOV-01'],
  vaultSecrets: ['CERT-01', 'CERT-02', 'CERT-03', 'CERT-05'],
  traefikConfiguration: ['K8S-02', 'K8S-03'],
  maintenanceConfigurations: ['UPG-01'],
  dataCollectionRules: ['LOG-02'],
  diagnosticSettings: ['LOG-01', 'LOG-03'],
  dataCollectionRuleAssociations: ['LOG-02'],
};

/** The inputs `gaps` leave unknown, following what each lookup leads to. */
function unknownInputs(gaps: ListingGap[]): Set<UnknownInput> {
  const unknown = new Set<UnknownInput>();
  const visit = (input: UnknownInput) => {
    if (unknown.has(input)) return;
    unknown.add(input);
    (LEADS_TO[input] ?? []).forEach(visit);
  };
  gaps.forEach(gap => visit(gap.input));
  return unknown;
}

/** The sections of a snapshot that `gaps` leave unknown. */
export function sectionsFedBy(gaps: ListingGap[]): Set<SnapshotSection> {
  return new Set([...unknownInputs(gaps)].flatMap(input => SECTIONS[input]));
}

/** The controls that `gaps` leave unknown. */
export function controlsFedBy(gaps: ListingGap[]): Set<string> {
  return new Set(
    [...unknownInputs(gaps)].flatMap(input => CONTROLS_FED_BY[input]),
  );
}

/** Whether `gaps` leave the cluster's App Gateways themselves unknown. */
export function gatewaysUnknown(gaps: ListingGap[]): boolean {
  return unknownInputs(gaps).has('applicationGateways');
}

/** A failed list for humans: what, where, and why (the status is in the message). */
export function describeFailure(error: SourceError): string {
  return error.kind === 'subscription'
    ? `${error.message} (subscription ${error.scope})`
    : `${error.message} (${error.scope})`;
}

/** Each distinct failure behind `gaps`, for stale reasons and hop texts. */
export function describeGaps(gaps: ListingGap[]): string {
  return [...new Set(gaps.map(g => describeFailure(g.error)))].join('; ');
}

/** Each failure once (one failed list can hide several inputs). */
export function uniqueErrors(errors: SourceError[]): SourceError[] {
  const seen = new Map<string, SourceError>();
  for (const error of errors) {
    seen.set(`${error.kind}|${error.scope}|${error.message}`, error);
  }
  return [...seen.values()];
}

export interface GapTrackerOptions {
  /** The cluster's own subscription. */
  subscriptionId: string;
  /**
   * Other subscriptions the cluster is known to use (from its last good
   * snapshot: a hub's gateway, a shared vault's endpoints).
   */
  relatedSubscriptions?: string[];
  /** Errors of vaults whose secrets could not be listed, by lower-cased id. */
  vaultErrors: Map<string, string>;
}

/**
 * Wraps the inventory index so that every lookup whose answer a failed list
 * could have held is recorded as a gap. The rule, per kind of lookup:
 *
 * - by ARM id (node subnet's VNet, route table, public IP, WAF policy,
 *   firewall policy): a miss is a gap when that type's list failed in the
 *   subscription the id names;
 * - by a value that names one resource (a firewall by private IP, a vault by
 *   its globally unique name): a miss is a gap when that type's list failed in
 *   any subscription;
 * - for every match (the gateways in front of a cluster, the private
 *   endpoints of a vault or in the cluster's VNet): a failed list of that type is a gap, found or not,
 *   when it failed in the cluster's subscription, the vault's, or one the
 *   cluster's last good snapshot used. A gateway or endpoint that first appears
 *   in a third subscription while that subscription's list fails is seen at the
 *   next good list.
 * - the policy assignments that apply to a cluster: a gap when the list of
 *   the cluster's subscription failed (it alone holds what applies there);
 * - a vault's secrets, a firewall policy's rule collection groups: a gap
 *   when that vault's or policy's list failed (IP groups the rules name are
 *   looked up by id, above).
 */
export function trackListingGaps(
  index: InventoryIndex,
  options: GapTrackerOptions,
): { index: InventoryIndex; gaps: () => ListingGap[] } {
  const failed = index.inventory.failedListings ?? [];
  const gaps = new Map<string, ListingGap>();
  const record = (input: UnknownInput, error: SourceError) => {
    gaps.set(`${input}|${error.scope}|${error.message}`, { input, error });
  };
  const recordListings = (listings: FailedListing[]) => {
    for (const { kind, error } of listings) {
      // A cluster's own list failing means it is not resolved at all.
      if (kind !== 'managedClusters') record(kind, error);
    }
  };
  const ofKind = (kind: ArmResourceKind) => failed.filter(f => f.kind === kind);
  const inSubscriptions = (kind: ArmResourceKind, subscriptions: string[]) => {
    const wanted = new Set(subscriptions.map(s => s.toLowerCase()));
    return ofKind(kind).filter(f => wanted.has(f.subscriptionId.toLowerCase()));
  };
  const related = [
    options.subscriptionId,
    ...(options.relatedSubscriptions ?? []),
  ];
  /** The failed list that would have held the resource with this id. */
  const listingOf = (id: string) => {
    const parts = parseArmId(id);
    if (!parts) return [];
    const armType = `${parts.namespace}/${parts.types[0]}`.toLowerCase();
    return failed.filter(
      f =>
        f.armType.toLowerCase() === armType &&
        f.subscriptionId.toLowerCase() === parts.subscriptionId.toLowerCase(),
    );
  };
  const gatewayMatches =
    <A extends unknown[]>(
      lookup: (...args: A) => ReturnType<InventoryIndex['gatewaysTagged']>,
    ) =>
    (...args: A) => {
      recordListings(inSubscriptions('applicationGateways', related));
      return lookup(...args);
    };

  /** Endpoints of a vault or in a VNet: the related subscriptions' lists, and that resource's. */
  const endpointMatches = (resourceId: string) => {
    const subscription = parseArmId(resourceId)?.subscriptionId;
    recordListings(
      inSubscriptions('privateEndpoints', [
        ...related,
        ...(subscription ? [subscription] : []),
      ]),
    );
  };

  /** The failure of a per-resource child list (a policy's groups, a cluster's windows). */
  const childListError = (parentId: string) =>
    (index.inventory.errors ?? []).find(
      e =>
        e.kind === 'resource' &&
        e.scope.toLowerCase() === parentId.toLowerCase(),
    );

  const tracked: InventoryIndex = {
    ...index,
    byId: id => {
      const found = index.byId(id);
      if (!found && id) recordListings(listingOf(id));
      return found;
    },
    subnet: id => {
      const found = index.subnet(id);
      if (!found && id) {
        recordListings(listingOf(id.replace(/\/subnets\/[^/]+$/i, '')));
      }
      return found;
    },
    gatewaysTagged: gatewayMatches(index.gatewaysTagged),
    untaggedGatewaysWithBackendIn: gatewayMatches(
      index.untaggedGatewaysWithBackendIn,
    ),
    gatewaysInVnet: gatewayMatches(index.gatewaysInVnet),
    privateEndpointsTo: resourceId => {
      endpointMatches(resourceId);
      return index.privateEndpointsTo(resourceId);
    },
    privateEndpointsInVnet: vnetId => {
      endpointMatches(vnetId);
      return index.privateEndpointsInVnet(vnetId);
    },
    // Only the cluster's own subscription's list says what applies to it.
    policyAssignmentsListedIn: subscriptionId => {
      recordListings(inSubscriptions('policyAssignments', [subscriptionId]));
      return index.policyAssignmentsListedIn(subscriptionId);
    },
    vaultByName: name => {
      const found = index.vaultByName(name);
      if (!found) recordListings(ofKind('keyVaults'));
      return found;
    },
    firewallsByPrivateIp: ip => {
      const found = index.firewallsByPrivateIp(ip);
      if (!found.length) recordListings(ofKind('azureFirewalls'));
      return found;
    },
    secretsOf: vaultId => {
      const secrets = index.secretsOf(vaultId);
      const message = options.vaultErrors.get(vaultId.toLowerCase());
      if (!secrets && message) {
        record('vaultSecrets', { kind: 'vault', scope: vaultId, message });
      }
      return secrets;
    },
    ruleCollectionGroupsOf: policyId => {
      const groups = index.ruleCollectionGroupsOf(policyId);
      const error = groups ? undefined : childListError(policyId);
      if (error) record('ruleCollectionGroups', error);
      return groups;
    },
    maintenanceConfigurationsOf: clusterId => {
      const configurations = index.maintenanceConfigurationsOf(clusterId);
      const error = configurations ? undefined : childListError(clusterId);
      if (error) record('maintenanceConfigurations', error);
      return configurations;
    },
    diagnosticSettingsOf: resourceId => {
      const settings = index.diagnosticSettingsOf(resourceId);
      const error = settings ? undefined : childListError(resourceId);
      if (error) record('diagnosticSettings', error);
      return settings;
    },
    dataCollectionRuleAssociationsOf: clusterId => {
      const associations = index.dataCollectionRuleAssociationsOf(clusterId);
      const error = associations ? undefined : childListError(clusterId);
      if (error) record('dataCollectionRuleAssociations', error);
      return associations;
    },
    dataCollectionRules: () => {
      // A rule may live in any subscription: those the cluster is known to use.
      recordListings(inSubscriptions('dataCollectionRules', related));
      return index.dataCollectionRules();
    },
  };
  return { index: tracked, gaps: () => [...gaps.values()] };
}
