import { asString, readArm, readArmList, refersTo } from '../arm/read';
import {
  buildFirewallPolicyModel,
  evaluateFirewallFlow,
} from '../egress/firewallPolicy';
import type { EgressFlow } from '../egress/types';
import type { InClusterModel } from '../inCluster';
import { addressContext, subnetById } from './network';
import { nsgStep } from './nsg';
import { egressPolicyStep, INTERNET_STAND_IN } from './outboundPolicy';
import { modelForNamespaces } from './policyScope';
import { privateEndpointFor } from './privateEndpoints';
import { selectRoute, systemRoutes, userRoutes } from './routeTable';
import type { OutboundTraceRequest, TraceInputs, TraceStep } from './types';

const destinationText = (request: OutboundTraceRequest) =>
  `${
    'fqdn' in request.destination
      ? request.destination.fqdn
      : request.destination.address
  }:${request.port}`;

function firewallStep(
  inputs: TraceInputs,
  request: OutboundTraceRequest,
  sources: string[],
): TraceStep {
  const base = { kind: 'firewall' as const, title: 'Azure Firewall' };
  const policy = inputs.firewallPolicies[0];
  if (!inputs.firewall || !policy || !inputs.ruleCollectionGroups) {
    const missing = !inputs.firewall
      ? 'the firewall'
      : 'its policy and rule collection groups';
    return {
      ...base,
      outcome: 'unknown',
      text: `unknown: ${missing} not in snapshot`,
      missing,
    };
  }
  const model = buildFirewallPolicyModel(policy.id!, {
    policies: inputs.firewallPolicies,
    ruleCollectionGroups: inputs.ruleCollectionGroups,
    ipGroups: inputs.ipGroups,
  });
  const applicationProtocol = request.port === 443 ? 'Https' : 'Http';
  const flow: EgressFlow = {
    sources,
    destination:
      'fqdn' in request.destination
        ? { kind: 'fqdn', value: request.destination.fqdn }
        : { kind: 'cidr', value: request.destination.address },
    protocol:
      request.protocol === 'TCP' &&
      [80, 443].includes(request.port) &&
      'fqdn' in request.destination
        ? applicationProtocol
        : request.protocol,
    port: request.port,
  };
  const verdict = evaluateFirewallFlow(model, flow);
  const rule = verdict.rule;
  const decidedBy = rule
    ? {
        name: `${rule.group} / ${rule.collection} / ${rule.rule}`,
        resourceId:
          inputs.ruleCollectionGroups.find(
            g => (g.name ?? '').split('/').pop() === rule.group,
          )?.id ?? policy.id,
      }
    : { name: `${policy.name}: default deny`, resourceId: policy.id };
  return {
    ...base,
    outcome: verdict.allowed ? 'passed' : 'stopped',
    text: `${inputs.firewall.name}: ${destinationText(request)} ${
      verdict.reason
    }`,
    decidedBy,
    ...(verdict.allowed
      ? {}
      : {
          fix: `add an ${
            flow.protocol === 'TCP' || flow.protocol === 'UDP'
              ? 'network'
              : 'application'
          } rule to ${policy.name} allowing ${sources.join(
            ', ',
          )} to ${destinationText(request)} (${flow.protocol})`,
        }),
  };
}

const sourceNamespace = (request: OutboundTraceRequest) =>
  'pod' in request.source
    ? request.source.pod.namespace
    : request.source.namespace;

/** Pod -> NetworkPolicy egress -> node subnet NSG and route table -> (private endpoint | firewall policy) -> verdict. */
export function traceOutbound(
  inputs: TraceInputs,
  request: OutboundTraceRequest,
  model?: InClusterModel,
): TraceStep[] {
  const context = addressContext(inputs);
  const fqdn =
    'fqdn' in request.destination ? request.destination.fqdn : undefined;
  const endpoint = fqdn
    ? privateEndpointFor(inputs.privateEndpoints, fqdn)
    : undefined;
  const address =
    'address' in request.destination
      ? request.destination.address
      : endpoint?.address;
  const steps: TraceStep[] = [
    model
      ? egressPolicyStep(
          modelForNamespaces(
            inputs,
            [sourceNamespace(request)],
            model.traefik.namespace,
          ),
          request,
          address,
        )
      : {
          kind: 'network-policy',
          title: 'NetworkPolicy (egress)',
          outcome: 'unknown',
          text: `unknown: Kubernetes objects: ${
            inputs.kubernetesNotRead ?? 'not read'
          }`,
          missing: 'Kubernetes objects',
        },
  ];
  const nodeSubnet = subnetById(inputs, inputs.nodeSubnetId);
  if (endpoint) {
    steps.push({
      kind: 'private-endpoint',
      title: 'Private endpoint',
      outcome: 'passed',
      text: `${fqdn} resolves to private endpoint ${endpoint.endpoint.name}${
        endpoint.address ? ` (${endpoint.address})` : ''
      } in the VNet: the system route keeps it local, the firewall never sees it`,
      decidedBy: {
        name: endpoint.endpoint.name ?? 'private endpoint',
        resourceId: endpoint.endpoint.id,
      },
    });
    return steps;
  }
  const judged = address ?? INTERNET_STAND_IN;
  const routeTable = inputs.routeTables.find(
    t => nodeSubnet?.routeTableId && refersTo(nodeSubnet.routeTableId, t),
  );
  const routes = [
    ...(routeTable ? userRoutes(routeTable) : []),
    ...systemRoutes(context, []),
  ];
  const route = selectRoute(routes, judged, context);
  const stand = address
    ? ''
    : ` (${INTERNET_STAND_IN} stands for ${fqdn}'s address)`;
  steps.push(
    nsgStep({
      subnetName: nodeSubnet?.name ?? 'of the nodes',
      nsgId: nodeSubnet?.nsgId,
      nsgs: inputs.networkSecurityGroups,
      context,
      flow: {
        direction: 'Outbound',
        protocol: request.protocol,
        source: nodeSubnet?.prefixes[0]?.split('/')[0] ?? '0.0.0.0',
        destination: judged,
        port: request.port,
      },
    }),
  );
  if (!route || route.nextHopType.toLowerCase() === 'none') {
    steps.push({
      kind: 'route-table',
      title: 'Route table',
      outcome: 'stopped',
      text: `${
        route?.name ?? 'no route'
      } drops ${judged}${stand} (next hop None)`,
      decidedBy: route
        ? { name: route.name, resourceId: route.resourceId }
        : undefined,
      fix: `add a route for ${judged} to the firewall`,
    });
    return steps;
  }
  const hop = `${route.nextHopType}${
    route.nextHopIpAddress ? ` ${route.nextHopIpAddress}` : ''
  }`;
  steps.push({
    kind: 'route-table',
    title: 'Route table',
    outcome: 'passed',
    text: `${route.name} (${route.addressPrefix}, longest prefix holding ${judged}${stand}) -> ${hop}`,
    decidedBy: {
      name: route.name,
      resourceId: route.resourceId ?? routeTable?.id,
    },
  });
  const firewallIps = readArmList(inputs.firewall, 'ipConfigurations').map(c =>
    asString(readArm(c, 'privateIPAddress')),
  );
  if (
    route.nextHopType.toLowerCase() === 'virtualappliance' &&
    firewallIps.includes(route.nextHopIpAddress)
  ) {
    steps.push(firewallStep(inputs, request, nodeSubnet?.prefixes ?? []));
  } else if (route.nextHopType.toLowerCase() === 'virtualappliance') {
    steps.push({
      kind: 'firewall',
      title: 'Azure Firewall',
      outcome: 'unknown',
      text: `unknown: next hop ${route.nextHopIpAddress} is not a firewall in the snapshot`,
      missing: `the appliance at ${route.nextHopIpAddress}`,
    });
  }
  return steps;
}
