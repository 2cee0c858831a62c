import {
  asBoolean,
  asString,
  isRecord,
  readArm,
  readArmList,
  refersTo,
  resourceLabel,
  sameText,
} from '../arm/read';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  about,
  combine,
  fail,
  judge,
  notObserved,
  show,
} from './judgement';
import type { ArmResource } from '../arm/types';
import type { BaselineResources } from './types';

/** Subnets given directly and those nested in the VNets given. */
export function allSubnets(input: BaselineResources): unknown[] {
  const nested = (input.virtualNetworks ?? []).flatMap(vnet =>
    readArmList(vnet, 'subnets'),
  );
  return [...(input.subnets ?? []), ...nested];
}

/** Private IPs the egress route may point at: the firewalls given, or the context's. */
export function firewallPrivateIps(input: BaselineResources): string[] {
  const fromFirewalls = (input.azureFirewalls ?? []).flatMap(firewall => [
    ...readArmList(firewall, 'ipConfigurations').map(c =>
      asString(readArm(c, 'privateIPAddress')),
    ),
    // A firewall in a Virtual WAN secured hub has no ipConfigurations.
    asString(readArm(firewall, 'hubIPAddresses.privateIPAddress')),
  ]);
  const ips = [...fromFirewalls, input.context?.firewallPrivateIp];
  return [...new Set(ips.filter((ip): ip is string => !!ip))];
}

function nodeSubnetRoute(
  subnetRef: string,
  input: BaselineResources,
  firewallIps: string[],
): Judgement {
  const subnet = allSubnets(input).find(s => refersTo(subnetRef, s));
  if (!subnet)
    return notObserved(
      `node subnet ${subnetRef} not in the input, so its route table cannot be checked`,
    );
  const tableRef = readArm(subnet, 'routeTable');
  if (!isRecord(tableRef) || !tableRef.id) {
    return about(
      subnet,
      fail(
        '(no route table)',
        `node subnet ${resourceLabel(
          subnet,
        )} has no route table: egress uses the default internet route`,
      ),
    );
  }
  const table = (input.routeTables ?? []).find(t => refersTo(tableRef, t));
  if (!table)
    return notObserved(
      `route table ${show(tableRef.id)} of the node subnet not in the input`,
    );
  const defaultRoute = readArmList(table, 'routes').find(
    r => readArm(r, 'addressPrefix') === '0.0.0.0/0',
  );
  if (!defaultRoute) {
    return about(
      table,
      fail(
        `${resourceLabel(table)}: no 0.0.0.0/0 route`,
        'the route table has no default route: internet egress bypasses the firewall',
      ),
    );
  }
  const hopType = asString(readArm(defaultRoute, 'nextHopType'));
  const hopIp = asString(readArm(defaultRoute, 'nextHopIpAddress'));
  const found = `${resourceLabel(table)}: 0.0.0.0/0 -> ${show(hopType)} ${
    hopIp ?? ''
  }`.trim();
  if (!sameText(hopType, 'VirtualAppliance')) {
    return about(
      table,
      fail(
        found,
        `0.0.0.0/0 goes to ${show(
          hopType,
        )}, not to the firewall (VirtualAppliance)`,
      ),
    );
  }
  if (firewallIps.length === 0) {
    return about(
      table,
      notObserved(
        input.context?.firewallNotIdentified ??
          "the firewall's private IP is not known (no firewall in the input, no context.firewallPrivateIp)",
        found,
      ),
    );
  }
  if (!hopIp || !firewallIps.includes(hopIp)) {
    return about(
      table,
      fail(
        found,
        `next hop ${show(
          hopIp,
        )} is not the firewall's private IP (${firewallIps.join(', ')})`,
      ),
    );
  }
  return about(table, {
    status: 'pass',
    found,
    reason: 'egress is routed to the firewall',
  });
}

function egressThroughFirewall(input: BaselineResources): Judgement {
  const cluster = input.cluster;
  if (!cluster) return notObserved('no managed cluster in the input');
  const outbound = asString(readArm(cluster, 'networkProfile.outboundType'));
  if (!sameText(outbound, 'userDefinedRouting')) {
    return about(
      cluster,
      fail(
        `outboundType=${show(outbound)}`,
        outbound
          ? `outbound type ${outbound}: egress leaves without passing the firewall`
          : 'no outbound type set: AKS defaults to loadBalancer, whose public IPs bypass the firewall',
      ),
    );
  }
  const subnetRefs = [
    ...new Set(
      readArmList(cluster, 'agentPoolProfiles')
        .map(pool => asString(readArm(pool, 'vnetSubnetID')))
        .filter((id): id is string => !!id),
    ),
  ];
  if (subnetRefs.length === 0) {
    return about(
      cluster,
      fail(
        'outboundType=userDefinedRouting, no vnetSubnetID',
        'no agent pool names its subnet: user-defined routing needs a subnet with a route table to the firewall',
      ),
    );
  }
  const firewallIps = firewallPrivateIps(input);
  const routes = combine(
    subnetRefs.map(ref => ({
      label: ref.split('/').pop() ?? ref,
      judgement: nodeSubnetRoute(ref, input, firewallIps),
    })),
  );
  return about(cluster, {
    ...routes,
    found: `outboundType=userDefinedRouting; ${routes.found}`,
  });
}

/** Threat intelligence and DNS proxy from a firewall policy or a classic-rules firewall. */
function inspectionSettings(owner: ArmResource, dnsProxy: unknown): Judgement {
  const threat = asString(readArm(owner, 'threatIntelMode'));
  const proxy = asBoolean(dnsProxy);
  const found = `threatIntelMode=${show(threat)}, dnsProxy=${show(proxy)}`;
  const findings: Finding[] = [];
  if (sameText(threat, 'Alert'))
    findings.push({
      status: 'warning',
      reason:
        'threat intelligence in Alert mode only logs traffic to known-malicious addresses; the baseline prefers Deny',
    });
  else if (!threat)
    findings.push({
      status: 'warning',
      reason: 'threatIntelMode not set: defaults to Alert (logs only)',
    });
  else if (!sameText(threat, 'Deny'))
    findings.push({
      status: 'fail',
      reason: `threat intelligence is ${threat}`,
    });
  if (proxy !== true)
    findings.push({
      status: 'fail',
      reason:
        'DNS proxy is off: FQDN network rules resolve differently from the clients, and DNS bypasses the firewall',
    });
  return about(owner, judge(found, findings));
}

function firewallInspects(input: BaselineResources): Judgement {
  const firewalls = input.azureFirewalls ?? [];
  const policies = input.firewallPolicies ?? [];
  if (firewalls.length === 0 && policies.length === 0) {
    return notObserved(
      input.context?.firewallNotIdentified ??
        "no Azure Firewall or firewall policy in the input (the hub firewall usually lives in the network team's subscription)",
    );
  }
  const judgePolicy = (policy: ArmResource) =>
    inspectionSettings(policy, readArm(policy, 'dnsSettings.enableProxy'));
  if (firewalls.length === 0) {
    return combine(
      policies.map(p => ({
        label: resourceLabel(p),
        judgement: judgePolicy(p),
      })),
    );
  }
  return combine(
    firewalls.map(firewall => {
      const policyRef = readArm(firewall, 'firewallPolicy');
      let judgement: Judgement;
      if (isRecord(policyRef) && policyRef.id) {
        // With a policy attached, the policy's settings govern the firewall.
        const policy = policies.find(p => refersTo(policyRef, p));
        judgement = policy
          ? judgePolicy(policy)
          : about(
              firewall,
              notObserved(
                `firewall policy ${show(policyRef.id)} not in the input`,
              ),
            );
      } else {
        // Classic rules: DNS proxy is an additional property of the firewall.
        judgement = inspectionSettings(firewall, dnsProxyProperty(firewall));
      }
      return { label: resourceLabel(firewall), judgement };
    }),
  );
}

/** `additionalProperties` has a dotted key (`Network.DNS.EnableProxy`) that a path cannot address. */
function dnsProxyProperty(firewall: ArmResource): unknown {
  const extra = readArm(firewall, 'additionalProperties');
  if (!isRecord(extra)) return undefined;
  const key = Object.keys(extra).find(
    k => k.toLowerCase() === 'network.dns.enableproxy',
  );
  return key ? extra[key] : undefined;
}

export const egressEvaluators: ControlEvaluators = {
  'NET-03': egressThroughFirewall,
  'FW-01': firewallInspects,
};
