import {
  AKS_RESERVED_RANGES,
  API_SERVER_SUBNET_MAX_PREFIX,
  APP_GATEWAY_SUBNET_RECOMMENDED_PREFIX,
  AZURE_MIN_SUBNET_PREFIX,
  AZURE_RESERVED_ADDRESSES,
  MAX_PODS_PER_NODE,
  PRIVATE_RANGES,
  SERVICE_CIDR_MIN_PREFIX,
  UPGRADE_SURGE_PERCENT,
} from './clusterRules';
import { invalidInput } from './fields';
import {
  Block,
  addressNumber,
  block,
  blockSize,
  contains,
  holdsAddress,
  overlaps,
} from './ipv4Plan';

/**
 * The spoke's address plan, checked as Azure and AKS will check it at
 * deployment (and a little earlier than they would): subnets inside the
 * VNet and apart from each other, the service CIDR apart from everything
 * the pods must reach, sizes that fit what each subnet hosts.
 */
export interface NetworkPlanInput {
  vnetAddressSpace: string;
  nodeSubnetCidr: string;
  ingressSubnetCidr: string;
  appGatewaySubnetCidr: string;
  privateEndpointsSubnetCidr: string;
  serviceCidr: string;
  dnsServiceIp: string;
  traefikInternalIp: string;
  firewallPrivateIp: string;
  /** Azure CNI Overlay's pod CIDR, when chosen. */
  podCidr?: string;
  /** API Server VNet Integration's subnet, when chosen. */
  apiServerSubnetCidr?: string;
  /** Largest node count of each pool (system count, user maximum). */
  poolMaxNodes: number[];
}

type SubnetField =
  | 'nodeSubnetCidr'
  | 'ingressSubnetCidr'
  | 'appGatewaySubnetCidr'
  | 'privateEndpointsSubnetCidr'
  | 'apiServerSubnetCidr';

/** The spoke's subnets, the API server's when chosen. */
function subnetFields(plan: NetworkPlanInput): SubnetField[] {
  return [
    'nodeSubnetCidr',
    'ingressSubnetCidr',
    'appGatewaySubnetCidr',
    'privateEndpointsSubnetCidr',
    ...(plan.apiServerSubnetCidr ? (['apiServerSubnetCidr'] as const) : []),
  ];
}

/** Checks the plan; throws an InputError naming the first field at fault. Returns notes (warnings). */
export function checkNetworkPlan(plan: NetworkPlanInput): string[] {
  const notes: string[] = [];
  const vnet = block(plan.vnetAddressSpace);
  if (!PRIVATE_RANGES.some(range => contains(block(range), vnet))) {
    throw invalidInput(
      'vnetAddressSpace',
      `private address space (inside ${PRIVATE_RANGES.join(', ')})`,
      plan.vnetAddressSpace,
    );
  }

  const subnets = subnetFields(plan).map(field => ({
    field,
    block: block(plan[field]!),
  }));
  for (const { field, block: subnet } of subnets) {
    if (!contains(vnet, subnet)) {
      throw invalidInput(
        field,
        `a subnet inside the VNet address space ${vnet.text}`,
        subnet.text,
      );
    }
    if (subnet.prefix > AZURE_MIN_SUBNET_PREFIX) {
      throw invalidInput(
        field,
        `a /${AZURE_MIN_SUBNET_PREFIX} or larger subnet (Azure's smallest)`,
        subnet.text,
      );
    }
  }
  subnets.forEach((a, i) =>
    subnets.slice(0, i).forEach(b => {
      if (overlaps(a.block, b.block)) {
        throw invalidInput(
          a.field,
          `a subnet apart from ${b.field} (${b.block.text})`,
          a.block.text,
        );
      }
    }),
  );

  // Its size and privacy are the field's own rule (textRules.appGatewaySubnet).
  const appGateway = block(plan.appGatewaySubnetCidr);
  if (appGateway.prefix > APP_GATEWAY_SUBNET_RECOMMENDED_PREFIX) {
    notes.push(
      `The App Gateway subnet ${appGateway.text} is smaller than the recommended /${APP_GATEWAY_SUBNET_RECOMMENDED_PREFIX}: it limits how far App Gateway v2 can autoscale.`,
    );
  }

  if (
    plan.apiServerSubnetCidr &&
    block(plan.apiServerSubnetCidr).prefix > API_SERVER_SUBNET_MAX_PREFIX
  ) {
    throw invalidInput(
      'apiServerSubnetCidr',
      `a /${API_SERVER_SUBNET_MAX_PREFIX} or larger subnet (API Server VNet Integration's minimum)`,
      plan.apiServerSubnetCidr,
    );
  }

  checkNodeSubnetCapacity(
    block(plan.nodeSubnetCidr),
    plan.poolMaxNodes,
    !!plan.podCidr,
  );
  checkServiceCidr(plan, vnet);
  if (plan.podCidr) checkPodCidr(plan.podCidr, plan, vnet);
  checkTraefikIp(plan);
  checkFirewallIp(plan, vnet);
  return notes;
}

/** Addresses a subnet hands out: all but Azure's five reserved ones. */
const usable = (subnet: Block) => blockSize(subnet) - AZURE_RESERVED_ADDRESSES;

/**
 * With flat Azure CNI every pod takes a node-subnet address: each node
 * needs maxPods + 1, for every node a pool can reach, surge nodes
 * included. With Azure CNI Overlay pods take the pod CIDR's addresses, so
 * each node needs one.
 */
export function nodeSubnetAddressesNeeded(
  poolMaxNodes: number[],
  overlay = false,
): number {
  const nodes = poolMaxNodes.reduce(
    (sum, max) => sum + max + Math.ceil((max * UPGRADE_SURGE_PERCENT) / 100),
    0,
  );
  return nodes * (overlay ? 1 : MAX_PODS_PER_NODE + 1);
}

function checkNodeSubnetCapacity(
  subnet: Block,
  poolMaxNodes: number[],
  overlay: boolean,
) {
  const needed = nodeSubnetAddressesNeeded(poolMaxNodes, overlay);
  if (usable(subnet) < needed) {
    const perNode = overlay
      ? 'one address per node (Azure CNI Overlay)'
      : `times ${MAX_PODS_PER_NODE + 1} addresses per node`;
    throw invalidInput(
      'nodeSubnetCidr',
      `a subnet with at least ${needed} usable addresses for Azure CNI (every node of both pools at their maximum plus ${UPGRADE_SURGE_PERCENT}% upgrade surge, ${perNode}); ${
        subnet.text
      } has ${usable(subnet)}`,
      subnet.text,
    );
  }
}

/** The overlay's pod CIDR: private, and apart from everything pods must reach. */
function checkPodCidr(podCidr: string, plan: NetworkPlanInput, vnet: Block) {
  const pods = block(podCidr);
  const clash = [
    { what: `the VNet address space ${vnet.text}`, range: vnet },
    {
      what: `the service CIDR ${plan.serviceCidr}`,
      range: block(plan.serviceCidr),
    },
    ...AKS_RESERVED_RANGES.map(r => ({
      what: `${r} (reserved by AKS)`,
      range: block(r),
    })),
  ].find(({ range }) => overlaps(pods, range));
  if (!PRIVATE_RANGES.some(range => contains(block(range), pods))) {
    throw invalidInput(
      'podCidr',
      `a private range (inside ${PRIVATE_RANGES.join(', ')})`,
      podCidr,
    );
  }
  if (clash) {
    throw invalidInput('podCidr', `a range apart from ${clash.what}`, podCidr);
  }
  if (holdsAddress(pods, plan.firewallPrivateIp)) {
    throw invalidInput(
      'podCidr',
      `a range that does not hold the hub firewall's IP ${plan.firewallPrivateIp}`,
      podCidr,
    );
  }
}

function checkServiceCidr(plan: NetworkPlanInput, vnet: Block) {
  const services = block(plan.serviceCidr);
  if (services.prefix < SERVICE_CIDR_MIN_PREFIX) {
    throw invalidInput(
      'serviceCidr',
      `a /${SERVICE_CIDR_MIN_PREFIX} or smaller range (AKS limit)`,
      plan.serviceCidr,
    );
  }
  if (overlaps(services, vnet)) {
    throw invalidInput(
      'serviceCidr',
      `a range apart from the VNet address space ${vnet.text} (those addresses would become unreachable from pods)`,
      plan.serviceCidr,
    );
  }
  const reserved = AKS_RESERVED_RANGES.find(r => overlaps(services, block(r)));
  if (reserved) {
    throw invalidInput(
      'serviceCidr',
      `a range apart from ${reserved} (reserved by AKS)`,
      plan.serviceCidr,
    );
  }
  if (holdsAddress(services, plan.firewallPrivateIp)) {
    throw invalidInput(
      'serviceCidr',
      `a range that does not hold the hub firewall's IP ${plan.firewallPrivateIp} (egress would never reach it)`,
      plan.serviceCidr,
    );
  }
  const dns = addressNumber(plan.dnsServiceIp);
  // .0 is the network, .1 the kubernetes Service, the last one the broadcast.
  if (dns <= services.first + 1 || dns >= services.last) {
    throw invalidInput(
      'dnsServiceIp',
      `an address inside the service CIDR ${services.text}, not its first two or its last`,
      plan.dnsServiceIp,
    );
  }
}

function checkTraefikIp(plan: NetworkPlanInput) {
  const ingress = block(plan.ingressSubnetCidr);
  const ip = addressNumber(plan.traefikInternalIp);
  if (ip < ingress.first + 4 || ip >= ingress.last) {
    throw invalidInput(
      'traefikInternalIp',
      `an address of the ingress subnet ${ingress.text} that Azure hands out (not its first four or its last)`,
      plan.traefikInternalIp,
    );
  }
}

function checkFirewallIp(plan: NetworkPlanInput, vnet: Block) {
  const ip = plan.firewallPrivateIp;
  if (!PRIVATE_RANGES.some(range => holdsAddress(block(range), ip))) {
    throw invalidInput(
      'firewallPrivateIp',
      `a private IP address (inside ${PRIVATE_RANGES.join(', ')})`,
      ip,
    );
  }
  if (holdsAddress(vnet, ip)) {
    throw invalidInput(
      'firewallPrivateIp',
      `the hub firewall's IP, outside the spoke's address space ${vnet.text}`,
      ip,
    );
  }
}
