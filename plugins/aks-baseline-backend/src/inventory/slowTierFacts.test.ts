import type {
  ArmResource,
  ClusterSnapshot,
} from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  indexInventory,
  resolveClusterWithGaps,
  type ResolverInventory,
} from '../resolver';
import { buildBenchEstate } from '../__testUtils__/baselineStampEstate';
import { exampleResources } from '../__testUtils__/azureExamples';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { resolveOptionsAt } from '../__testUtils__/resolveOptions';
import { syntheticEstate } from '../__testUtils__/syntheticEstate';
import { RESOURCE_LISTINGS, policyAssignmentFacts } from './resourceListings';
import { secretFacts } from './secrets';
import {
  dataCollectionRuleAssociationFacts,
  diagnosticSettingFacts,
  maintenanceConfigurationFacts,
} from './slowTierFacts';
import { StringTable } from './stringTable';
import { LISTED_IN_SUBSCRIPTION } from './types';

/*
 * The slow tier keeps its lists as projections (the facts the resolver and
 * the controls read). Proof that nothing read was dropped: the same estates
 * resolved from the bodies as listed and from their projections give the
 * same snapshot for every cluster, on estates whose stamps fail and pass
 * each control the projected kinds feed (UPG-01, LOG-01..03, GOV-01, the
 * certificate controls), with extra fields ARM returns and a recorded
 * Microsoft example body among them.
 */

const NOW = new Date('2026-12-01T00:00:00Z');

const dataCollectionRuleListing = RESOURCE_LISTINGS.find(
  l => l.kind === 'dataCollectionRules',
)!;

/** Each slow-tier part of the inventory as `collectInventory` keeps it. */
function projected(inventory: ResolverInventory): ResolverInventory {
  const strings = new StringTable();
  const each = (
    lists: Record<string, ArmResource[]> | undefined,
    facts: (item: ArmResource, table: StringTable) => ArmResource,
  ) =>
    lists &&
    Object.fromEntries(
      Object.entries(lists).map(([key, items]) => [
        key,
        items.map(item => facts(item, strings)),
      ]),
    );
  return {
    ...inventory,
    vaultSecrets: each(inventory.vaultSecrets, secretFacts)!,
    maintenanceConfigurations: each(
      inventory.maintenanceConfigurations,
      maintenanceConfigurationFacts,
    ),
    diagnosticSettings: each(
      inventory.diagnosticSettings,
      diagnosticSettingFacts,
    ),
    dataCollectionRuleAssociations: each(
      inventory.dataCollectionRuleAssociations,
      dataCollectionRuleAssociationFacts,
    ),
    // Through the listing's own `keep`, as a subscription's list is kept.
    dataCollectionRules: dataCollectionRuleListing.keep!(
      inventory.dataCollectionRules,
      '',
      strings,
    ),
    policyAssignments: inventory.policyAssignments.map(a =>
      policyAssignmentFacts(a, String(a[LISTED_IN_SUBSCRIPTION]), strings),
    ),
  };
}

function snapshots(inventory: ResolverInventory): ClusterSnapshot[] {
  const index = indexInventory(inventory);
  return inventory.managedClusters.map(
    cluster =>
      resolveClusterWithGaps(cluster, index, resolveOptionsAt(NOW)).snapshot,
  );
}

const inGroup = (resource: ArmResource, stamp: number) =>
  !!resource.id?.toLowerCase().includes(`/resourcegroups/rg-aks-${stamp}/`);
const ofType = (resource: ArmResource, type: string) =>
  resource.type?.toLowerCase() === type.toLowerCase();
const props = (resource: ArmResource) => resource.properties as any;

/**
 * The benchmarks' baseline stamps, each of the first ten changed the way a
 * real estate differs from the reference in the projected kinds, with the
 * extra fields ARM returns (systemData, retention policies, display names,
 * metadata, secret URIs) that the projections drop.
 */
function variantEstate(): ArmResource[] {
  const estate: ArmResource[] = structuredClone(buildBenchEstate(12, 2, NOW));
  const systemData = {
    createdBy: 'someone@contoso.com',
    createdAt: '2026-01-01T00:00:00Z',
  };
  for (const resource of estate) {
    const p = props(resource);
    if (
      ofType(
        resource,
        'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
      )
    ) {
      resource.systemData = systemData;
      p.maintenanceWindow.utcOffset = '+01:00';
      p.maintenanceWindow.notAllowedDates = [
        { start: '2026-12-24', end: '2026-12-26' },
      ];
      if (inGroup(resource, 0)) p.maintenanceWindow.durationHours = 2;
      if (inGroup(resource, 1)) delete p.maintenanceWindow.startTime;
      if (inGroup(resource, 8)) p.maintenanceWindow.schedule = {};
    }
    if (ofType(resource, 'Microsoft.Insights/diagnosticSettings')) {
      p.storageAccountId = `${resource.id}/storage`;
      p.metrics = [{ category: 'AllMetrics', enabled: true }];
      p.logs = p.logs.map((log: any) => ({
        ...log,
        retentionPolicy: { enabled: false, days: 0 },
      }));
      if (inGroup(resource, 2)) {
        // Audit off, guard on as a string, the audit group on.
        p.logs = [
          { category: 'kube-audit-admin', enabled: false },
          { category: 'guard', enabled: 'true' },
          { categoryGroup: 'audit', enabled: true },
          { category: 'kube-apiserver', enabled: 'false' },
        ];
      }
      if (inGroup(resource, 3)) {
        delete p.workspaceId;
        p.logs = [{ categoryGroup: 'allLogs', enabled: true }];
      }
      if (inGroup(resource, 9)) {
        p.logs = [{ categoryGroup: 'allLogs', enabled: true }];
      }
    }
    if (ofType(resource, 'Microsoft.Insights/dataCollectionRules')) {
      p.dataSources.syslog = [
        { name: 'syslog', streams: ['Microsoft-Syslog'] },
      ];
      p.dataSources.extensions[0].extensionSettings = {
        dataCollectionSettings: { interval: '1m' },
      };
      if (inGroup(resource, 4)) {
        p.dataFlows = [{ streams: ['Microsoft-Syslog'], destinations: ['x'] }];
      }
    }
    if (ofType(resource, 'Microsoft.Insights/dataCollectionRuleAssociations')) {
      resource.systemData = systemData;
      p.description = 'Association of data collection rule';
      // A rule named otherwise than by its id: the whole list is matched.
      if (inGroup(resource, 5)) {
        p.dataCollectionRuleId = String(p.dataCollectionRuleId)
          .split('/')
          .pop();
      }
    }
    if (ofType(resource, 'Microsoft.Authorization/policyAssignments')) {
      p.displayName = `Assignment ${resource.name}`;
      p.description = 'As the baseline assigns it';
      p.metadata = { assignedBy: 'platform team' };
      if (inGroup(resource, 6)) p.enforcementMode = 'DoNotEnforce';
      if (inGroup(resource, 9) && p.parameters?.effect) {
        p.parameters.effect.value = 'Disabled';
      }
      if (inGroup(resource, 11) && p.parameters?.effect) {
        p.parameters.effect.value = 'Audit';
      }
      if (inGroup(resource, 7)) {
        p.notScopes = [String(p.scope)];
      }
    }
    if (ofType(resource, 'Microsoft.KeyVault/vaults/secrets')) {
      p.secretUri = `https://vault.vault.azure.net/secrets/${resource.name}`;
      p.contentType = 'application/x-pkcs12';
      if (inGroup(resource, 7)) delete p.attributes.exp;
    }
  }
  // Stamp 10's secrets as Microsoft's recorded example body (no expiry).
  const recorded = exampleResources('keyvaultArm_Secrets_Get.json')[0];
  return estate.map(resource =>
    inGroup(resource, 10) &&
    ofType(resource, 'Microsoft.KeyVault/vaults/secrets')
      ? { ...structuredClone(recorded), id: resource.id, name: resource.name }
      : resource,
  );
}

const ESTATES: Array<[string, () => ArmResource[]]> = [
  ['the demo estate', () => buildDemoEstate(NOW)],
  ['baseline stamps with variants', variantEstate],
  [
    'the synthetic estate',
    () =>
      syntheticEstate({ clusters: 12, subscriptions: 3, now: NOW }).resources,
  ],
];

const PROJECTED_CONTROLS = [
  'UPG-01',
  'LOG-01',
  'LOG-02',
  'LOG-03',
  'GOV-01',
  'CERT-01',
];

describe('the slow tier keeps what the resolver reads', () => {
  it.each(ESTATES)(
    'resolves %s to the same snapshots from the projections as from the bodies',
    (_name, estate) => {
      const inventory = inventoryOf(estate());
      expect(snapshots(projected(inventory))).toEqual(snapshots(inventory));
    },
  );

  it('the variants fail and pass each control the projected kinds feed', () => {
    const results = snapshots(projected(inventoryOf(variantEstate()))).flatMap(
      s => s.controls,
    );
    for (const id of PROJECTED_CONTROLS) {
      const statuses = new Set(
        results.filter(c => c.id === id).map(c => c.status),
      );
      expect({ id, pass: statuses.has('pass') }).toEqual({ id, pass: true });
      expect({ id, other: statuses.size > 1 }).toEqual({ id, other: true });
    }
  });

  // The comparison can fail: a projection without one field it keeps
  // changes some cluster's snapshot.
  it.each([
    [
      'maintenanceConfigurations',
      (item: ArmResource) =>
        delete props(item).maintenanceWindow?.durationHours,
    ],
    ['diagnosticSettings', (item: ArmResource) => delete props(item).logs],
    [
      'dataCollectionRuleAssociations',
      (item: ArmResource) => delete props(item).dataCollectionRuleId,
    ],
    ['vaultSecrets', (item: ArmResource) => delete props(item).attributes.exp],
  ] as const)(
    'notices a projection of %s that drops a field read',
    (part, drop) => {
      const inventory = inventoryOf(variantEstate());
      const facts = projected(inventory);
      for (const items of Object.values(facts[part] ?? {})) items.forEach(drop);
      expect(snapshots(facts)).not.toEqual(snapshots(inventory));
    },
  );

  it.each([
    [
      'policyAssignments',
      (item: ArmResource) => delete props(item).enforcementMode,
    ],
    [
      'dataCollectionRules',
      (item: ArmResource) => delete props(item).dataFlows,
    ],
  ] as const)(
    'notices a projection of %s that drops a field read',
    (part, drop) => {
      const inventory = inventoryOf(variantEstate());
      const facts = projected(inventory);
      facts[part].forEach(drop);
      expect(snapshots(facts)).not.toEqual(snapshots(inventory));
    },
  );

  it('keeps no secret value', () => {
    const listed = Object.values(inventoryOf(variantEstate()).vaultSecrets)[0];
    const secret = {
      ...listed[0],
      value: 'never kept',
      properties: { ...listed[0].properties, value: 'never kept' },
    };
    expect(JSON.stringify(secretFacts(secret))).not.toContain('never kept');
  });
});
