import {
  ArmResource,
  asString,
  ChainHop,
  ControlResult,
  EgressProof,
  proveClusterEgress,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import { notObserved, statusFromControls } from '../chain/hopStatus';
import { InventoryIndex, SubnetEntry } from './inventoryIndex';

/** The node subnet the cluster's first pool runs in. */
export function nodeSubnetOf(
  cluster: ArmResource,
  index: InventoryIndex,
): { id?: string; entry?: SubnetEntry } {
  const id = readArmList(cluster, 'agentPoolProfiles')
    .map(p => asString(readArm(p, 'vnetSubnetID')))
    .find(Boolean);
  return { id, entry: index.subnet(id) };
}

export function defaultRoute(routeTable: ArmResource | undefined) {
  return readArmList(routeTable, 'routes').find(
    r => asString(readArm(r, 'addressPrefix')) === '0.0.0.0/0',
  );
}

/** Pods -> node subnet's route table -> firewall -> Internet. */
export function buildEgressPath(options: {
  cluster: ArmResource;
  index: InventoryIndex;
  controls: ControlResult[];
  routeTable?: ArmResource;
  firewall?: ArmResource;
  /** Why no firewall was picked though some own the route's next hop. */
  firewallNotIdentified?: string;
  /** FW-02's evidence, or the judgement saying why there is none. */
  egressProof?: ReturnType<typeof proveClusterEgress>;
}): ChainHop[] {
  const { cluster, index, controls, routeTable, firewall, egressProof } =
    options;
  const flows =
    egressProof && 'flows' in egressProof ? egressProof.flows : undefined;
  const subnet = nodeSubnetOf(cluster, index);
  const route = defaultRoute(routeTable);
  return [
    podsAndNodesHop(cluster, subnet.id, controls),
    routeTableHop(routeTable, route, subnet.entry !== undefined, controls),
    firewall
      ? firewallHop(firewall, controls, flows)
      : unknownFirewallHop(route, options.firewallNotIdentified),
  ];
}

/** `<type> <ip>` of a route's next hop. */
const nextHopOf = (route: unknown) =>
  `${readArm(route, 'nextHopType')} ${
    readArm(route, 'nextHopIpAddress') ?? ''
  }`.trim();

function podsAndNodesHop(
  cluster: ArmResource,
  nodeSubnetId: string | undefined,
  controls: ControlResult[],
): ChainHop {
  const outboundType =
    asString(readArm(cluster, 'networkProfile.outboundType')) ?? 'loadBalancer';
  return {
    kind: 'pods',
    title: 'Pods and nodes',
    ...statusFromControls(
      ['NET-03'],
      controls,
      `outbound type ${outboundType}`,
    ),
    details: [
      { label: 'Outbound type', value: outboundType },
      ...(nodeSubnetId
        ? [{ label: 'Node subnet', value: nodeSubnetId.split('/').pop()! }]
        : []),
    ],
    controlIds: ['NET-03'],
  };
}

function routeTableHop(
  routeTable: ArmResource | undefined,
  route: unknown,
  nodeSubnetKnown: boolean,
  controls: ControlResult[],
): ChainHop {
  if (!routeTable) {
    return notObserved(
      { kind: 'route-table', title: 'Route table', controlIds: ['NET-03'] },
      nodeSubnetKnown
        ? 'the node subnet has no route table'
        : 'the node subnet is not in the scanned subscriptions',
    );
  }
  return {
    kind: 'route-table',
    title: `Route table ${routeTable.name}`,
    ...statusFromControls(
      ['NET-03'],
      controls,
      `0.0.0.0/0 -> ${nextHopOf(route)}`,
    ),
    resourceId: routeTable.id,
    details: route
      ? [
          { label: 'Default route', value: '0.0.0.0/0' },
          { label: 'Next hop', value: nextHopOf(route) },
        ]
      : [{ label: 'Default route', value: 'none (Azure default: Internet)' }],
    controlIds: ['NET-03'],
  };
}

const FIREWALL_CONTROLS = ['FW-01', 'FW-02'];

/** The firewall hop when no firewall was found, or none could be told apart. */
function unknownFirewallHop(
  route: unknown,
  notIdentified: string | undefined,
): ChainHop {
  return notObserved(
    {
      kind: 'firewall',
      title: 'Azure Firewall',
      controlIds: FIREWALL_CONTROLS,
    },
    notIdentified ??
      (route
        ? `no firewall with private IP ${readArm(
            route,
            'nextHopIpAddress',
          )} in the scanned subscriptions`
        : 'egress does not go through a firewall'),
  );
}

function firewallHop(
  firewall: ArmResource,
  controls: ControlResult[],
  egressFlows: EgressProof['flows'] | undefined,
): ChainHop {
  const blocked = egressFlows?.filter(f => !f.allowed).length ?? 0;
  return {
    kind: 'firewall',
    title: `Azure Firewall ${firewall.name}`,
    ...statusFromControls(
      FIREWALL_CONTROLS,
      controls,
      egressFlows
        ? `${egressFlows.length - blocked}/${
            egressFlows.length
          } required flows allowed`
        : `threat intelligence ${
            readArm(firewall, 'threatIntelMode') ?? 'Alert'
          }`,
    ),
    resourceId: firewall.id,
    details: [
      {
        label: 'Threat intelligence',
        value: String(
          readArm(firewall, 'threatIntelMode') ?? 'Alert (default)',
        ),
      },
      {
        label: 'SKU',
        value: String(readArm(firewall, 'sku.tier') ?? 'unknown'),
      },
    ],
    controlIds: FIREWALL_CONTROLS,
    ...(egressFlows ? { egressFlows } : {}),
  };
}

/** Private endpoint -> vault, for each vault the chain's certificates live in. */
export function buildKeyVaultPath(options: {
  vaults: ArmResource[];
  index: InventoryIndex;
  controls: ControlResult[];
}): ChainHop[] {
  const { vaults, index, controls } = options;
  return vaults.flatMap(vault => [
    privateEndpointHop(
      vault,
      vault.id ? index.privateEndpointsTo(vault.id)[0] : undefined,
      controls,
    ),
    keyVaultHop(vault, controls),
  ]);
}

/** The approval state of the endpoint's connection to the vault. */
function connectionState(
  endpoint: ArmResource,
  vault: ArmResource,
): string | undefined {
  const connection = [
    ...readArmList(endpoint, 'privateLinkServiceConnections'),
    ...readArmList(endpoint, 'manualPrivateLinkServiceConnections'),
  ].find(
    c =>
      asString(readArm(c, 'privateLinkServiceId'))?.toLowerCase() ===
      vault.id?.toLowerCase(),
  );
  return asString(
    readArm(connection, 'privateLinkServiceConnectionState.status'),
  );
}

function privateEndpointHop(
  vault: ArmResource,
  endpoint: ArmResource | undefined,
  controls: ControlResult[],
): ChainHop {
  if (!endpoint) {
    return {
      kind: 'private-endpoint',
      title: 'Private endpoint',
      status: 'error',
      statusText: `KV-02: no private endpoint connects to ${vault.name}`,
      details: [],
      controlIds: ['KV-02'],
    };
  }
  const state = connectionState(endpoint, vault);
  return {
    kind: 'private-endpoint',
    title: `Private endpoint ${endpoint.name}`,
    ...statusFromControls(
      ['KV-02'],
      controls,
      `connection ${state ?? 'state unknown'}`,
    ),
    resourceId: endpoint.id,
    details: [
      { label: 'Connection state', value: state ?? 'unknown' },
      {
        label: 'Subnet',
        value:
          String(readArm(endpoint, 'subnet.id') ?? '')
            .split('/')
            .pop() || 'unknown',
      },
    ],
    controlIds: ['KV-02'],
  };
}

function keyVaultHop(vault: ArmResource, controls: ControlResult[]): ChainHop {
  return {
    kind: 'key-vault',
    title: `Key Vault ${vault.name}`,
    ...statusFromControls(
      ['KV-01', 'KV-03'],
      controls,
      'closed to public networks, RBAC authorization',
    ),
    resourceId: vault.id,
    details: [
      {
        label: 'Public network access',
        value: String(
          readArm(vault, 'publicNetworkAccess') ?? 'Enabled (default)',
        ),
      },
      {
        label: 'Default action',
        value: String(
          readArm(vault, 'networkAcls.defaultAction') ?? 'Allow (default)',
        ),
      },
      {
        label: 'RBAC authorization',
        value: String(readArm(vault, 'enableRbacAuthorization') ?? false),
      },
    ],
    controlIds: ['KV-01', 'KV-03'],
  };
}
