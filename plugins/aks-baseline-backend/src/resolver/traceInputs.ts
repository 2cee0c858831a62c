import {
  ArmResource,
  asString,
  BaselineResources,
  KubernetesObject,
  readArm,
  readArmList,
  TraceInputs,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';
import type { ClusterResources } from './resolveCluster';

/**
 * The kinds a trace reads (Traefik, routes, middlewares, Services, endpoints,
 * pods and the workloads standing for them, NetworkPolicies): the rest of
 * what the reader got (ConfigMaps, SecretProviderClasses...) stays out of
 * the stored snapshot.
 */
const TRACED_KINDS = new Set([
  'Namespace',
  'Service',
  'EndpointSlice',
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'IngressClass',
  'IngressRoute',
  'Ingress',
  'Middleware',
  'NetworkPolicy',
]);

const byId = (a: ArmResource, b: ArmResource) =>
  (a.id ?? '').localeCompare(b.id ?? '');

const present = (items: Array<ArmResource | undefined>) =>
  [...new Set(items)].filter((r): r is ArmResource => !!r?.id);

/**
 * What packet traces read, from what the resolver already looked up: no
 * extra Azure request (NSGs come from the inventory's one list per
 * subscription).
 */
export function traceInputsOf(
  resources: ClusterResources,
  controlInputs: BaselineResources,
  index: InventoryIndex,
): TraceInputs {
  const vnet = resources.nodeSubnet.entry?.vnet;
  const subnetRef = (field: string) =>
    readArmList(vnet, 'subnets').map(s => asString(readArm(s, `${field}.id`)));
  const publicIps = resources.gateways.flatMap(g =>
    readArmList(g, 'frontendIPConfigurations').map(c =>
      index.byId(asString(readArm(c, 'publicIPAddress.id'))),
    ),
  );
  const { inCluster } = resources;
  const observation = inCluster.observation;
  return {
    applicationGateways: resources.gateways,
    wafPolicies: resources.wafPolicies,
    publicIpAddresses: present(publicIps),
    virtualNetwork: vnet,
    nodeSubnetId: resources.nodeSubnet.id,
    routeTables: present(subnetRef('routeTable').map(id => index.byId(id))),
    networkSecurityGroups: present(
      subnetRef('networkSecurityGroup').map(id => index.byId(id)),
    ),
    firewall: resources.firewall,
    firewallPolicies: resources.firewallPolicies,
    ruleCollectionGroups: resources.ruleCollectionGroups,
    ipGroups: controlInputs.ipGroups,
    // Sorted by id: the listing's order differs between ARM lists and
    // Resource Graph, and a stored snapshot must not depend on it.
    privateEndpoints: vnet?.id
      ? [...index.privateEndpointsInVnet(vnet.id)].sort(byId)
      : [],
    ...(inCluster.observed && observation.objects
      ? {
          kubernetes: {
            objects: observation.objects.filter((o: KubernetesObject) =>
              TRACED_KINDS.has(o.kind ?? ''),
            ),
            traefik: observation.traefik,
            traefikStaticConfig: observation.traefikStaticConfig,
            appNamespaces: observation.appNamespaces,
          },
        }
      : {
          kubernetesNotRead: inCluster.observed ? 'not read' : inCluster.reason,
        }),
  };
}
