import {
  ArmResource,
  asString,
  ChainHop,
  ControlResult,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import { notObserved, statusFromControls } from '../chain/hopStatus';
import { detail } from '../chain/hopDetails';
import {
  backendAddresses,
  ListenerEntry,
  listenerEntry,
  speaksHttps,
} from './gatewayRoute';

/*
 * The App Gateway half of an ingress chain, one function per hop (pure), as
 * kubernetes/model/inClusterHops.ts draws the half inside the cluster. Each
 * takes the sub-resource it draws, already looked up (gatewayRoute.ts), and
 * the controls judged on it; a missing one is a not-observed hop saying why.
 */

export function internetHop(entry: ListenerEntry): ChainHop {
  return {
    kind: 'internet',
    title: 'Internet',
    status: 'ok',
    statusText: `clients request ${entry.https ? 'https' : 'http'}://${
      entry.host
    }`,
    details: detail('Host names', entry.hosts),
    controlIds: [],
  };
}

export function publicIpHop(publicIp: ArmResource | undefined): ChainHop {
  if (!publicIp) {
    return notObserved(
      { kind: 'public-ip', title: 'Public IP' },
      'the frontend has no public IP in the scanned subscriptions',
    );
  }
  return {
    kind: 'public-ip',
    title: `Public IP ${publicIp.name}`,
    status: 'ok',
    statusText:
      asString(readArm(publicIp, 'ipAddress')) ?? 'address not allocated',
    resourceId: publicIp.id,
    details: [
      ...detail('Address', readArm(publicIp, 'ipAddress')),
      ...detail('DNS name', readArm(publicIp, 'dnsSettings.fqdn')),
      ...detail('SKU', publicIp.sku?.name),
    ],
    controlIds: [],
  };
}

const LISTENER_CONTROLS = ['WAF-01', 'TLS-01', 'TLS-02'];

/** The listener on its gateway: where the client's TLS session ends. */
export function listenerHop(
  gateway: ArmResource,
  listener: unknown,
  certificate: { name: string; secretId?: string } | undefined,
  controls: ControlResult[],
): ChainHop {
  const { name, hosts, host, https } = listenerEntry(listener);
  return {
    kind: 'listener',
    title: `App Gateway ${gateway.name} · ${name ?? 'listener'}`,
    ...statusFromControls(
      LISTENER_CONTROLS,
      controls,
      `${https ? 'HTTPS' : 'HTTP'} listener for ${host}`,
    ),
    resourceId: gateway.id,
    details: [
      ...detail('Protocol', readArm(listener, 'protocol')),
      ...detail('Host', hosts),
      ...detail('SKU', readArm(gateway, 'sku.name')),
      ...detail(
        'TLS policy',
        readArm(gateway, 'sslPolicy.policyName') ??
          readArm(gateway, 'sslPolicy.minProtocolVersion'),
      ),
      ...detail('Certificate', certificate?.secretId ?? certificate?.name),
    ],
    controlIds: [...LISTENER_CONTROLS],
    tls: https
      ? {
          boundary: 'terminates',
          note: 'the client TLS session ends at App Gateway',
        }
      : { boundary: 'plaintext', note: 'clients connect without TLS' },
  };
}

const WAF_CONTROLS = ['WAF-02', 'WAF-03'];

/** The WAF policy the listener (else its gateway) names, when the inventory has it. */
export function wafHop(
  policyId: string | undefined,
  policy: ArmResource | undefined,
  controls: ControlResult[],
): ChainHop {
  if (!policy) {
    return notObserved(
      { kind: 'waf', title: 'WAF policy', controlIds: [...WAF_CONTROLS] },
      policyId
        ? 'the WAF policy is not in the scanned subscriptions'
        : 'no WAF policy is attached',
    );
  }
  const mode = readArm(policy, 'policySettings.mode');
  return {
    kind: 'waf',
    title: `WAF policy ${policy.name}`,
    ...statusFromControls(WAF_CONTROLS, controls, `${mode} mode`),
    resourceId: policy.id,
    details: [
      ...detail('State', readArm(policy, 'policySettings.state')),
      ...detail('Mode', mode),
      ...detail(
        'Rule sets',
        readArmList(policy, 'managedRules.managedRuleSets').map(
          r => `${readArm(r, 'ruleSetType')} ${readArm(r, 'ruleSetVersion')}`,
        ),
      ),
    ],
    controlIds: [...WAF_CONTROLS],
  };
}

export function routingRuleHop(rule: unknown, pathMap: unknown): ChainHop {
  if (!rule) {
    return notObserved(
      { kind: 'routing-rule', title: 'Routing rule' },
      'no routing rule uses this listener',
    );
  }
  return {
    kind: 'routing-rule',
    title: `Routing rule ${readArm(rule, 'name')}`,
    status: 'ok',
    statusText: `${readArm(rule, 'ruleType') ?? 'Basic'} rule`,
    details: [
      ...detail('Priority', readArm(rule, 'priority')),
      ...detail('Path map', readArm(pathMap, 'name')),
    ],
    controlIds: [],
  };
}

const BACKEND_SETTINGS_CONTROLS = ['TLS-03'];

/** How App Gateway talks to Traefik: re-encrypted, or plain. */
export function backendSettingsHop(
  settings: unknown,
  controls: ControlResult[],
): ChainHop {
  if (!settings) {
    return notObserved(
      {
        kind: 'backend-settings',
        title: 'Backend settings',
        controlIds: [...BACKEND_SETTINGS_CONTROLS],
      },
      'the routing rule names no backend settings',
    );
  }
  return {
    kind: 'backend-settings',
    title: `Backend settings ${readArm(settings, 'name')}`,
    ...statusFromControls(
      BACKEND_SETTINGS_CONTROLS,
      controls,
      `re-encrypts to port ${readArm(settings, 'port')}`,
    ),
    details: [
      ...detail('Protocol', readArm(settings, 'protocol')),
      ...detail('Port', readArm(settings, 'port')),
      ...detail('Host name', readArm(settings, 'hostName')),
      ...detail(
        'Trusted roots',
        readArmList(settings, 'trustedRootCertificates').map(r =>
          String(readArm(r, 'id')).split('/').pop(),
        ),
      ),
    ],
    controlIds: [...BACKEND_SETTINGS_CONTROLS],
    tls: speaksHttps(settings)
      ? {
          boundary: 're-encrypts',
          note: 'App Gateway opens a new TLS session to Traefik',
        }
      : {
          boundary: 'plaintext',
          note: 'traffic to the cluster is not encrypted',
        },
  };
}

const PROBE_CONTROLS = ['TLS-04'];

export function probeHop(probe: unknown, controls: ControlResult[]): ChainHop {
  if (!probe) {
    return notObserved(
      {
        kind: 'probe',
        title: 'Health probe',
        controlIds: [...PROBE_CONTROLS],
      },
      'the backend settings use the default probe',
    );
  }
  return {
    kind: 'probe',
    title: `Health probe ${readArm(probe, 'name')}`,
    ...statusFromControls(
      PROBE_CONTROLS,
      controls,
      `${readArm(probe, 'protocol')} ${readArm(probe, 'path')}`,
    ),
    details: [
      ...detail('Protocol', readArm(probe, 'protocol')),
      ...detail('Path', readArm(probe, 'path')),
      ...detail('Host', readArm(probe, 'host')),
    ],
    controlIds: [...PROBE_CONTROLS],
  };
}

const BACKEND_POOL_CONTROLS = ['ING-01'];

/** Where App Gateway sends: in the baseline, Traefik's internal load balancer. */
export function backendPoolHop(
  pool: unknown,
  controls: ControlResult[],
): ChainHop {
  if (!pool) {
    return notObserved(
      {
        kind: 'backend-pool',
        title: 'Backend pool',
        controlIds: [...BACKEND_POOL_CONTROLS],
      },
      'the routing rule names no backend pool',
    );
  }
  const addresses = backendAddresses(pool);
  return {
    kind: 'backend-pool',
    title: `Backend pool ${readArm(pool, 'name')}`,
    ...statusFromControls(
      BACKEND_POOL_CONTROLS,
      controls,
      `targets ${addresses.join(', ') || 'nothing'}`,
    ),
    details: detail('Addresses', addresses),
    controlIds: [...BACKEND_POOL_CONTROLS],
  };
}
