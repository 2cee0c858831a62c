import { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  buildBaselineStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  hubVirtualNetworkId,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { resolveOptionsAt } from '../__testUtils__/resolveOptions';
import { buildBenchEstate } from '../__testUtils__/baselineStampEstate';
import { syntheticEstate } from '../__testUtils__/syntheticEstate';
import { indexInventory } from './inventoryIndex';
import { lookUpResources, resolveCluster } from './resolveCluster';

/*
 * Two hubs in two subscriptions, both with their firewall at 10.200.0.4 as
 * mspnp/aks-baseline's hub puts it, and each hub's firewall governed by a
 * policy of its own (threat intelligence Deny in A, Alert in B). Which hub a
 * spoke meets is written in its VNet's peerings, nowhere else.
 */

const NOW = new Date('2026-11-26T12:00:00Z');
const FIREWALL_IP = '10.200.0.4';
const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002';

const options = resolveOptionsAt(NOW);

const hubAt = (subscriptionId: string) => ({
  subscriptionId,
  location: 'westeurope',
  privateIp: FIREWALL_IP,
});

function hub(subscriptionId: string, threatIntelMode: 'Deny' | 'Alert') {
  const policyId = `/subscriptions/${subscriptionId}/resourceGroups/rg-enterprise-networking-hubs/providers/Microsoft.Network/firewallPolicies/fw-policies-westeurope`;
  const policy: ArmResource = {
    id: policyId,
    name: 'fw-policies-westeurope',
    type: 'Microsoft.Network/firewallPolicies',
    location: 'westeurope',
    properties: { threatIntelMode, dnsSettings: { enableProxy: true } },
  };
  const firewall = buildHubFirewall({
    ...hubAt(subscriptionId),
    firewallPolicyId: policyId,
  });
  return {
    firewall,
    policy,
    resources: [
      buildHubVirtualNetwork(hubAt(subscriptionId)),
      firewall,
      policy,
    ],
  };
}

const hubA = hub(SUB_A, 'Deny');
const hubB = hub(SUB_B, 'Alert');

function spoke(subscriptionId: string, name: string, spokeOctet: number) {
  return buildBaselineStamp({
    subscriptionId,
    resourceGroup: `rg-${name}`,
    name,
    location: 'westeurope',
    spokeOctet,
    firewall: {
      id: (subscriptionId === SUB_A ? hubA : hubB).firewall.id!,
      privateIp: FIREWALL_IP,
      hubVirtualNetworkId: hubVirtualNetworkId(hubAt(subscriptionId)),
    },
    host: `${name}.contoso.com`,
    certificateDaysLeft: { edge: 90, backendTrustRoot: 90, ingress: 90 },
    tagGateway: true,
    now: NOW,
  });
}

/** Two spokes per hub; B's hub listed last, as the bug kept the last one. */
function estate(): ArmResource[] {
  return [
    ...hubA.resources,
    ...hubB.resources,
    ...spoke(SUB_A, 'aks-a1', 10),
    ...spoke(SUB_A, 'aks-a2', 11),
    ...spoke(SUB_B, 'aks-b1', 10),
    ...spoke(SUB_B, 'aks-b2', 11),
  ];
}

/** The estate with one cluster's spoke VNet peerings replaced (undefined: not listed). */
function withPeerings(
  resources: ArmResource[],
  cluster: string,
  peerings: unknown[] | undefined,
): ArmResource[] {
  return resources.map(r => {
    if (r.name !== `vnet-spoke-${cluster}`) return r;
    const { virtualNetworkPeerings: _, ...properties } = r.properties ?? {};
    return {
      ...r,
      properties:
        peerings === undefined
          ? properties
          : { ...properties, virtualNetworkPeerings: peerings },
    };
  });
}

function peeringTo(hubSubscriptionId: string, peeringState: string) {
  return {
    id: `x/virtualNetworkPeerings/to-${hubSubscriptionId}`,
    name: `to-${hubSubscriptionId}`,
    properties: {
      remoteVirtualNetwork: {
        id: hubVirtualNetworkId(hubAt(hubSubscriptionId)),
      },
      peeringState,
    },
  };
}

function resolve(resources: ArmResource[], name: string) {
  const inventory = inventoryOf(resources);
  const index = indexInventory(inventory);
  const cluster = inventory.managedClusters.find(c => c.name === name)!;
  const snapshot = resolveCluster(cluster, index, options);
  const firewallHop = snapshot.egress.find(h => h.kind === 'firewall')!;
  const control = (id: string) => {
    const result = snapshot.controls.find(c => c.id === id)!;
    return { status: result.status, reason: result.reason };
  };
  return {
    resources: lookUpResources(cluster, index, {}),
    firewallHop,
    control,
  };
}

describe('the firewall egress meets', () => {
  it("is the peered hub's: each cluster resolves to its own subscription's firewall and policy", () => {
    const resources = estate();
    for (const [name, own] of [
      ['aks-a1', hubA],
      ['aks-a2', hubA],
      ['aks-b1', hubB],
      ['aks-b2', hubB],
    ] as const) {
      const resolved = resolve(resources, name);
      expect([name, resolved.resources.firewall?.id]).toEqual([
        name,
        own.firewall.id,
      ]);
      expect(resolved.resources.firewallPolicy?.id).toBe(own.policy.id);
      expect(resolved.firewallHop.resourceId).toBe(own.firewall.id);
      expect(resolved.control('NET-03').status).toBe('pass');
      // A's policy denies known-malicious traffic; B's only alerts.
      expect(resolved.control('FW-01').status).toBe(
        own === hubA ? 'pass' : 'warning',
      );
    }
  });

  it('is not picked when the spoke is peered with two hubs whose firewalls share the IP', () => {
    const resources = withPeerings(estate(), 'aks-a1', [
      peeringTo(SUB_A, 'Connected'),
      peeringTo(SUB_B, 'Connected'),
    ]);
    const resolved = resolve(resources, 'aks-a1');
    const reason = `2 firewalls with private IP ${FIREWALL_IP} are in or peered with VNet vnet-spoke-aks-a1, so which one egress meets is not known: ${
      hubA.firewall.id
    } (in ${hubVirtualNetworkId(hubAt(SUB_A))}, peering Connected); ${
      hubB.firewall.id
    } (in ${hubVirtualNetworkId(
      hubAt(SUB_B),
    )}, peering Connected). Check the VNet's peerings: the spoke should be peered with one hub`;

    expect(resolved.resources.firewall).toBeUndefined();
    expect(resolved.resources.firewallPolicy).toBeUndefined();
    expect(resolved.firewallHop).toMatchObject({
      status: 'not-observed',
      statusText: `not observed: ${reason}`,
    });
    expect(resolved.firewallHop.resourceId).toBeUndefined();
    for (const id of ['NET-03', 'FW-01', 'FW-02'])
      expect([id, resolved.control(id)]).toEqual([
        id,
        { status: 'not-observed', reason },
      ]);
  });

  it('is not picked when no firewall with the IP is peered (a listed but empty or disconnected peering)', () => {
    const hubVnetA = hubVirtualNetworkId(hubAt(SUB_A));
    const hubVnetB = hubVirtualNetworkId(hubAt(SUB_B));
    const reasonWith = (a: string) =>
      `no firewall with private IP ${FIREWALL_IP} is in VNet vnet-spoke-aks-a1 or a VNet peered with it (peering state Connected), so which one egress meets is not known: ${hubA.firewall.id} (in ${hubVnetA}, ${a}); ${hubB.firewall.id} (in ${hubVnetB}, not peered). Check the spoke's peering to its hub (virtualNetworkPeerings)`;

    const unpeered = resolve(withPeerings(estate(), 'aks-a1', []), 'aks-a1');
    expect(unpeered.resources.firewall).toBeUndefined();
    expect(unpeered.control('FW-01')).toEqual({
      status: 'not-observed',
      reason: reasonWith('not peered'),
    });

    const disconnected = resolve(
      withPeerings(estate(), 'aks-a1', [peeringTo(SUB_A, 'Disconnected')]),
      'aks-a1',
    );
    expect(disconnected.resources.firewall).toBeUndefined();
    expect(disconnected.firewallHop.statusText).toBe(
      `not observed: ${reasonWith('peering Disconnected')}`,
    );
    expect(disconnected.control('NET-03')).toEqual({
      status: 'not-observed',
      reason: reasonWith('peering Disconnected'),
    });
  });

  it('is the only firewall with the IP when the spoke lists no peerings, as before peerings were read', () => {
    const single = [
      ...hubA.resources,
      ...withPeerings(spoke(SUB_A, 'aks-a1', 10), 'aks-a1', undefined),
    ];
    const resolved = resolve(single, 'aks-a1');
    expect(resolved.resources.firewall?.id).toBe(hubA.firewall.id);
    expect(resolved.firewallHop.resourceId).toBe(hubA.firewall.id);
    expect(resolved.control('NET-03').status).toBe('pass');
    expect(resolved.control('FW-01').status).toBe('pass');
  });

  it('is not guessed among several when the spoke lists no peerings', () => {
    const resolved = resolve(
      withPeerings(estate(), 'aks-b1', undefined),
      'aks-b1',
    );
    expect(resolved.resources.firewall).toBeUndefined();
    expect(resolved.control('FW-01').reason).toBe(
      `no firewall with private IP ${FIREWALL_IP} is in VNet vnet-spoke-aks-b1 or a VNet peered with it (peering state Connected), so which one egress meets is not known: ${
        hubA.firewall.id
      } (in ${hubVirtualNetworkId(
        hubAt(SUB_A),
      )}; the node VNet's peerings were not listed); ${
        hubB.firewall.id
      } (in ${hubVirtualNetworkId(
        hubAt(SUB_B),
      )}; the node VNet's peerings were not listed). Check the spoke's peering to its hub (virtualNetworkPeerings)`,
    );
  });
});

describe("the benchmark estates' clusters", () => {
  const subscriptionOf = (id: string | undefined) =>
    id?.split('/')[2]?.toLowerCase();

  /** Clusters whose firewall is not in their own subscription's hub. */
  function judgedOnAnotherHub(resources: ArmResource[]) {
    const inventory = inventoryOf(resources);
    const index = indexInventory(inventory);
    return inventory.managedClusters.filter(cluster => {
      const { firewall } = lookUpResources(cluster, index, {});
      return subscriptionOf(firewall?.id) !== subscriptionOf(cluster.id);
    });
  }

  // Before peerings were read, 20 of these 30 met the last-listed hub's firewall.
  it("each meet their own subscription's hub firewall (stamps: 30 clusters, 3 hubs at one IP)", () => {
    const resources = buildBenchEstate(30, 3, NOW);
    expect(
      resources.filter(r => r.type === 'Microsoft.Network/azureFirewalls'),
    ).toHaveLength(3);
    expect(judgedOnAnotherHub(resources).map(c => c.name)).toEqual([]);
  });

  it("each meet their own subscription's hub firewall (synthetic: 30 clusters, 3 hubs at one IP)", () => {
    const { resources } = syntheticEstate({
      clusters: 30,
      subscriptions: 3,
      now: NOW,
    });
    expect(judgedOnAnotherHub(resources).map(c => c.name)).toEqual([]);
  });
});
