import {
  ArmResource,
  BaselineResources,
  DEFAULT_EXPIRY_THRESHOLDS,
  evaluateBaselineControls,
} from '@aks-baseline/plugin-aks-baseline-common';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { demoClusterObjects } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { indexInventory } from './inventoryIndex';
import { CONTROLS_FED_BY, UnknownInput } from './listingGaps';
import {
  certificateObservations,
  controlInputs,
  lookUpResources,
} from './resolveCluster';

const NOW = new Date('2026-11-26T12:00:00Z');

/** The evaluator's member each input is, where it is one. */
const MEMBER: Partial<Record<UnknownInput, keyof BaselineResources>> = {
  applicationGateways: 'applicationGateways',
  wafPolicies: 'wafPolicies',
  virtualNetworks: 'virtualNetworks',
  routeTables: 'routeTables',
  azureFirewalls: 'azureFirewalls',
  firewallPolicies: 'firewallPolicies',
  ipGroups: 'ipGroups',
  ruleCollectionGroups: 'firewallPolicyRuleCollectionGroups',
  keyVaults: 'keyVaults',
  privateEndpoints: 'privateEndpoints',
  containerRegistries: 'containerRegistries',
  policyAssignments: 'policyAssignments',
  maintenanceConfigurations: 'maintenanceConfigurations',
  dataCollectionRules: 'dataCollectionRules',
  diagnosticSettings: 'diagnosticSettings',
  dataCollectionRuleAssociations: 'dataCollectionRuleAssociations',
};

/** The evaluator's input as it is without `input`'s list. */
function without(
  input: UnknownInput,
  full: BaselineResources,
): BaselineResources | undefined {
  const certificates = full.certificates!;
  switch (input) {
    case 'applicationGateways':
      // Their certificates, and the backends Traefik is probed at, go too.
      return {
        ...full,
        applicationGateways: undefined,
        certificates: {
          ...certificates,
          certificates: certificates.certificates.filter(
            c => c.purpose === 'ingress',
          ),
          backendTrust: undefined,
        },
      };
    case 'vaultSecrets':
      // No certificate's expiry is known.
      return {
        ...full,
        certificates: {
          ...certificates,
          certificates: certificates.certificates.map(c => ({
            ...c,
            notAfter: undefined,
            daysLeft: undefined,
            status: 'unknown' as const,
            statusText: 'vault secrets not readable',
          })),
        },
      };
    case 'traefikConfiguration':
      // The objects were read; the ConfigMaps holding Traefik's files were not.
      return {
        ...full,
        kubernetes: {
          ...full.kubernetes,
          traefikStaticConfig: undefined,
          traefikDynamicConfig: undefined,
        },
      };
    default: {
      const member = MEMBER[input];
      return member ? { ...full, [member]: undefined } : undefined;
    }
  }
}

/** What the controls of the demo clusters whose API servers answer are judged on. */
function controlInputsOf(estate: ArmResource[]): BaselineResources[] {
  const inventory = inventoryOf(estate);
  const index = indexInventory(inventory);
  return Object.entries(demoClusterObjects()).map(([name, objects]) => {
    const cluster = inventory.managedClusters.find(c => c.name === name)!;
    const resources = lookUpResources(cluster, index, {
      kubernetes: { objects },
    });
    return controlInputs(
      cluster,
      resources,
      index,
      certificateObservations(resources, {
        index,
        now: NOW,
        thresholds: DEFAULT_EXPIRY_THRESHOLDS,
        vaultErrors: new Map(),
      }),
    );
  });
}

describe('CONTROLS_FED_BY', () => {
  const inputs = controlInputsOf(buildDemoEstate(NOW));

  it.each(Object.keys(CONTROLS_FED_BY) as UnknownInput[])(
    'lists exactly the controls whose verdict changes without %s',
    input => {
      const changed = new Set<string>();
      for (const full of inputs) {
        const reduced = without(input, full);
        if (!reduced) continue;
        const before = evaluateBaselineControls(full);
        const after = evaluateBaselineControls(reduced);
        before.forEach((result, i) => {
          if (JSON.stringify(result) !== JSON.stringify(after[i])) {
            changed.add(result.id);
          }
        });
      }
      expect([...CONTROLS_FED_BY[input]].sort()).toEqual([...changed].sort());
    },
  );
});
