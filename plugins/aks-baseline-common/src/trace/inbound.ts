import { asString, readArm, readArmList, refersTo } from '../arm/read';
import type { ArmResource } from '../arm/types';
import type { CertificateInfo } from '../fleet';
import { buildInClusterModel, InClusterModel } from '../inCluster';
import { backendSettingsStep, readBackendSettings } from './backendSettings';
import {
  gatewayListeners,
  GatewayListener,
  selectListener,
} from './gatewayListener';
import { routeThroughGateway, routingStep } from './gatewayRouting';
import { inClusterSteps } from './inboundCluster';
import {
  addressContext,
  firstUsableAddress,
  subnetById,
  subnetHolding,
} from './network';
import { nsgStep } from './nsg';
import type { InboundTraceRequest, TraceInputs, TraceStep } from './types';
import { wafStep } from './waf';

/** Finds the gateway and listener that take the request, among the cluster's gateways. */
function listenerFor(inputs: TraceInputs, request: InboundTraceRequest) {
  for (const gateway of inputs.applicationGateways) {
    const listener = selectListener(gatewayListeners(gateway), request);
    if (listener) return { gateway, listener };
  }
  return undefined;
}

function publicIpOf(inputs: TraceInputs, gateway: ArmResource) {
  const ids = readArmList(gateway, 'frontendIPConfigurations')
    .map(c => asString(readArm(c, 'publicIPAddress.id')))
    .filter((id): id is string => !!id);
  return inputs.publicIpAddresses.find(p => ids.some(id => refersTo(id, p)));
}

function edgeCertificateStep(
  listener: GatewayListener,
  gateway: ArmResource,
  host: string,
  certificates: CertificateInfo[],
): TraceStep {
  const hostNames =
    listener.hostNames.join(', ') || 'any host (basic listener)';
  const decidedBy = { name: listener.name, resourceId: gateway.id };
  const text = `listener ${listener.name} (${listener.protocol.toUpperCase()} ${
    listener.port
  }, ${hostNames}) takes ${host}`;
  const certificateName = listener.sslCertificateId?.split('/').pop();
  const edge = certificates.find(
    c =>
      c.purpose === 'edge' && (c.name === certificateName || c.host === host),
  );
  if (listener.protocol === 'https' && edge?.status === 'expired') {
    return {
      kind: 'listener',
      title: 'Listener',
      outcome: 'stopped',
      text: `${text}, but its certificate ${edge.name} ${edge.statusText}: browsers refuse the handshake`,
      decidedBy: { name: edge.name, resourceId: gateway.id },
      fix: `renew ${edge.name} in Key Vault; App Gateway picks it up within 4 hours`,
    };
  }
  return {
    kind: 'listener',
    title: 'Listener',
    outcome: 'passed',
    text: edge ? `${text}; certificate ${edge.name} ${edge.statusText}` : text,
    decidedBy,
  };
}

/** Internet -> public IP -> App Gateway subnet NSG -> listener -> WAF -> rule -> settings -> pool -> ILB subnet NSG -> Traefik ... -> pod. */
export function traceInbound(
  inputs: TraceInputs,
  certificates: CertificateInfo[],
  request: InboundTraceRequest,
  model?: InClusterModel,
): TraceStep[] {
  const context = addressContext(inputs);
  const found = listenerFor(inputs, request);
  if (!found) {
    const listeners = inputs.applicationGateways.flatMap(g =>
      gatewayListeners(g).map(
        l =>
          `${l.name} (${l.protocol} ${l.port} ${
            l.hostNames.join(', ') || 'any host'
          })`,
      ),
    );
    return [
      {
        kind: 'listener',
        title: 'Listener',
        outcome: 'stopped',
        text: `no listener takes ${request.scheme}://${request.host}:${
          request.port
        }: ${
          listeners.length
            ? `the gateway listens on ${listeners.join('; ')}`
            : 'the cluster has no App Gateway'
        }`,
        decidedBy: inputs.applicationGateways[0]
          ? {
              name: inputs.applicationGateways[0].name ?? 'App Gateway',
              resourceId: inputs.applicationGateways[0].id,
            }
          : undefined,
        fix: `add a ${request.scheme.toUpperCase()} listener on port ${
          request.port
        } for ${request.host}`,
      },
    ];
  }
  const { gateway, listener } = found;
  const publicIp = publicIpOf(inputs, gateway);
  const publicAddress = asString(readArm(publicIp, 'ipAddress'));
  const gatewaySubnet = subnetById(
    inputs,
    asString(
      readArm(readArmList(gateway, 'gatewayIPConfigurations')[0], 'subnet.id'),
    ),
  );
  const gatewayAddress = firstUsableAddress(gatewaySubnet?.prefixes[0]);
  const steps: TraceStep[] = [
    publicAddress
      ? {
          kind: 'public-ip',
          title: 'Public IP',
          outcome: 'passed',
          text: `${request.host} reaches ${
            publicIp!.name
          } (${publicAddress}), the frontend of ${gateway.name}`,
          decidedBy: {
            name: publicIp!.name ?? publicAddress,
            resourceId: publicIp!.id,
          },
        }
      : {
          kind: 'public-ip',
          title: 'Public IP',
          outcome: 'unknown',
          text: `unknown: the public IP of ${gateway.name} is not in the snapshot`,
          missing: 'public IP address',
        },
    nsgStep({
      subnetName: gatewaySubnet?.name ?? 'of App Gateway',
      nsgId: gatewaySubnet?.nsgId,
      nsgs: inputs.networkSecurityGroups,
      context,
      flow: {
        direction: 'Inbound',
        protocol: 'TCP',
        source: request.clientAddress,
        // The subnet's NSG sees the gateway's instances, in its subnet, as the destination.
        destination: gatewayAddress ?? publicAddress ?? '0.0.0.0',
        port: request.port,
      },
    }),
    edgeCertificateStep(listener, gateway, request.host, certificates),
  ];
  const wafId =
    listener.firewallPolicyId ??
    asString(readArm(gateway, 'firewallPolicy.id'));
  const policy = wafId
    ? inputs.wafPolicies.find(p => refersTo(wafId, p))
    : undefined;
  steps.push(
    wafId && !policy
      ? {
          kind: 'waf',
          title: 'WAF policy',
          outcome: 'unknown',
          text: `unknown: WAF policy ${wafId
            .split('/')
            .pop()} is not in the snapshot`,
          missing: 'WAF policy',
        }
      : wafStep(policy, request),
  );
  const target = routeThroughGateway(gateway, listener, request.path);
  const routing = routingStep(gateway, target, listener);
  steps.push(routing);
  if (!target?.pool || !target.settings) return steps;

  const settings = readBackendSettings(target.settings);
  steps.push(
    backendSettingsStep({
      gateway,
      settings,
      certificates,
      traefikPorts: model?.traefik.service
        ? model.traefik.servicePorts
        : undefined,
    }),
  );
  const addresses = readArmList(target.pool, 'backendAddresses')
    .map(a => asString(readArm(a, 'ipAddress')) ?? asString(readArm(a, 'fqdn')))
    .filter((a): a is string => !!a);
  const poolName = asString(readArm(target.pool, 'name')) ?? '(unnamed)';
  const traefikIp = model?.traefik.internalIps[0];
  const poolStep: TraceStep = {
    kind: 'backend-pool',
    title: 'Backend pool',
    outcome: 'passed',
    text: `pool ${poolName} targets ${addresses.join(', ') || 'nothing'}`,
    decidedBy: { name: poolName, resourceId: gateway.id },
  };
  if (!addresses.length)
    Object.assign(poolStep, {
      outcome: 'stopped',
      text: `pool ${poolName} is empty: App Gateway answers 502`,
      fix: `add Traefik's internal load balancer address to ${poolName}`,
    });
  else if (model && traefikIp && !addresses.includes(traefikIp))
    Object.assign(poolStep, {
      outcome: 'stopped',
      text: `pool ${poolName} targets ${addresses.join(
        ', ',
      )}, but Traefik's internal load balancer is ${traefikIp}: App Gateway answers 502`,
      fix: `set ${poolName} to ${traefikIp}`,
    });
  steps.push(poolStep);
  const backendAddress = traefikIp ?? addresses[0];
  const ilbSubnet = backendAddress
    ? subnetHolding(inputs, backendAddress)
    : undefined;
  const servicePort = model?.traefik.servicePorts.includes(settings.port)
    ? settings.port
    : model?.traefik.servicePorts[0] ?? settings.port;
  steps.push(
    nsgStep({
      subnetName: ilbSubnet?.name ?? 'of the internal load balancer',
      nsgId: ilbSubnet?.nsgId,
      nsgs: inputs.networkSecurityGroups,
      context,
      flow: {
        direction: 'Inbound',
        protocol: 'TCP',
        source: gatewayAddress ?? '0.0.0.0',
        destination: backendAddress ?? '0.0.0.0',
        port: servicePort,
      },
    }),
  );
  return [
    ...steps,
    ...inClusterSteps({
      inputs,
      model,
      request,
      servicePort,
      gatewayAddress: gatewayAddress ?? '',
    }),
  ];
}

/** The in-cluster model of the stored objects, or undefined when they were not read. */
export function modelOf(inputs: TraceInputs): InClusterModel | undefined {
  return inputs.kubernetes?.objects
    ? buildInClusterModel({
        objects: inputs.kubernetes.objects,
        traefik: inputs.kubernetes.traefik,
        appNamespaces: inputs.kubernetes.appNamespaces,
      })
    : undefined;
}
