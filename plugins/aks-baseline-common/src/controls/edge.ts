import {
  asBoolean,
  asString,
  isRecord,
  readArm,
  readArmList,
  referenceName,
  refersTo,
  resourceLabel,
  sameText,
} from '../arm/read';
import { ipv4CidrContains, isPrivateIpv4, parseIpv4Address } from './ipv4';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  about,
  combine,
  fail,
  judge,
  notObserved,
  pass,
  show,
} from './judgement';
import type { InClusterModel } from '../inCluster/model';
import { vnetAddressSpace } from './cluster';
import type { ArmApplicationGateway, ArmResource } from '../arm/types';
import type { BaselineResources } from './types';

/** Runs `evaluate` on every gateway given and folds the verdicts. */
function onGateways(
  evaluate: (
    gateway: ArmApplicationGateway,
    input: BaselineResources,
    inCluster?: InClusterModel,
  ) => Judgement,
) {
  return (input: BaselineResources, inCluster?: InClusterModel): Judgement => {
    const gateways = input.applicationGateways ?? [];
    if (gateways.length === 0)
      return notObserved('no Application Gateway associated with this cluster');
    return combine(
      gateways.map(g => ({
        label: resourceLabel(g),
        judgement: about(g, evaluate(g, input, inCluster)),
      })),
    );
  };
}

const name = (item: unknown) => asString(readArm(item, 'name')) ?? '(unnamed)';

function wafSku(gateway: ArmApplicationGateway): Judgement {
  const skuName = asString(readArm(gateway, 'sku.name'));
  const tier = asString(readArm(gateway, 'sku.tier'));
  const found = `${show(skuName)} / ${show(tier)}`;
  return sameText(skuName, 'WAF_v2') && sameText(tier, 'WAF_v2')
    ? pass(found)
    : fail(
        found,
        'not the WAF_v2 SKU: no web application firewall in front of the cluster',
      );
}

/** What protects a gateway: WAF policies (gateway, listener or path level) or the legacy in-gateway configuration. */
interface WafProtection {
  policies: ArmResource[];
  missing: string[];
  legacy?: unknown;
}

function wafProtection(
  gateway: ArmApplicationGateway,
  input: BaselineResources,
): WafProtection {
  const known = input.wafPolicies ?? [];
  const refs = [
    readArm(gateway, 'firewallPolicy'),
    ...readArmList(gateway, 'httpListeners').map(l =>
      readArm(l, 'firewallPolicy'),
    ),
    ...readArmList(gateway, 'urlPathMaps').flatMap(m =>
      readArmList(m, 'pathRules').map(r => readArm(r, 'firewallPolicy')),
    ),
  ].filter(ref => isRecord(ref) && ref.id);
  const policies = new Set<ArmResource>();
  const missing = new Set<string>();
  for (const ref of refs) {
    const policy = known.find(p => refersTo(ref, p));
    if (policy) policies.add(policy);
    else missing.add(show((ref as { id: unknown }).id));
  }
  // A live policy lists the gateways it is attached to.
  for (const policy of known) {
    if (
      readArmList(policy, 'applicationGateways').some(ref =>
        refersTo(ref, gateway),
      )
    )
      policies.add(policy);
  }
  const legacy = readArm(gateway, 'webApplicationFirewallConfiguration');
  return {
    policies: [...policies],
    missing: [...missing],
    legacy: policies.size || missing.size ? undefined : legacy,
  };
}

function onWaf(
  judgePolicy: (policy: ArmResource) => Judgement,
  judgeLegacy: (config: unknown) => Judgement,
) {
  return (
    gateway: ArmApplicationGateway,
    input: BaselineResources,
  ): Judgement => {
    const { policies, missing, legacy } = wafProtection(gateway, input);
    const items = [
      ...policies.map(p => ({
        label: resourceLabel(p),
        judgement: about(p, judgePolicy(p)),
      })),
      ...missing.map(id => ({
        label: referenceName(id) ?? id,
        judgement: notObserved(
          `WAF policy ${id} is referenced but not in the input`,
        ),
      })),
    ];
    if (items.length) return combine(items);
    if (legacy !== undefined) return judgeLegacy(legacy);
    return fail('(no WAF policy)', 'no WAF policy associated with the gateway');
  };
}

const LEGACY_NOTE =
  'legacy WAF configuration inside the gateway; migrate to a WAF policy';

function wafEnforcing(policy: ArmResource): Judgement {
  const state = asString(readArm(policy, 'policySettings.state'));
  const mode = asString(readArm(policy, 'policySettings.mode'));
  const found = `state=${show(state)}, mode=${show(mode)}`;
  const findings: Finding[] = [];
  if (!sameText(state, 'Enabled'))
    findings.push({
      status: 'fail',
      reason: `the WAF policy is ${state ? state : 'not enabled'}`,
    });
  if (sameText(mode, 'Detection'))
    findings.push({
      status: 'fail',
      reason: 'Detection mode only logs: attacks reach the cluster',
    });
  else if (!sameText(mode, 'Prevention'))
    findings.push({ status: 'fail', reason: 'mode not Prevention' });
  return judge(found, findings, 'enabled, in Prevention mode');
}

function legacyEnforcing(config: unknown): Judgement {
  const enabled = asBoolean(readArm(config, 'enabled'));
  const mode = asString(readArm(config, 'firewallMode'));
  const found = `webApplicationFirewallConfiguration: enabled=${show(
    enabled,
  )}, firewallMode=${show(mode)}`;
  if (enabled === true && sameText(mode, 'Prevention'))
    return { status: 'warning', found, reason: LEGACY_NOTE };
  return fail(
    found,
    enabled === true
      ? 'Detection mode only logs: attacks reach the cluster'
      : 'the WAF is disabled',
  );
}

/** `a >= b` for dotted numeric versions (`3.2`, `2.1`); false when unparsable. */
export function versionAtLeast(
  version: string | undefined,
  minimum: string,
): boolean {
  if (!version || !/^\d+(\.\d+)*$/.test(version)) return false;
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

function coreRuleSetCurrent(
  type: string | undefined,
  version: string | undefined,
): boolean {
  return (
    (sameText(type, 'OWASP') && versionAtLeast(version, '3.2')) ||
    (sameText(type, 'Microsoft_DefaultRuleSet') &&
      versionAtLeast(version, '2.1'))
  );
}

const CORE_OUTDATED =
  'no current core rule set (OWASP >= 3.2 or Microsoft_DefaultRuleSet >= 2.1)';

function managedRulesCurrent(policy: ArmResource): Judgement {
  const sets = readArmList(policy, 'managedRules.managedRuleSets').map(s => ({
    type: asString(readArm(s, 'ruleSetType')),
    version: asString(readArm(s, 'ruleSetVersion')),
  }));
  const found = sets.length
    ? sets.map(s => `${show(s.type)} ${show(s.version)}`).join(', ')
    : '(no managed rule sets)';
  const findings: Finding[] = [];
  if (!sets.some(s => coreRuleSetCurrent(s.type, s.version)))
    findings.push({ status: 'fail', reason: CORE_OUTDATED });
  if (!sets.some(s => sameText(s.type, 'Microsoft_BotManagerRuleSet'))) {
    findings.push({ status: 'fail', reason: 'no Microsoft_BotManagerRuleSet' });
  }
  return judge(found, findings, 'current core rule set and bot protection');
}

function legacyRulesCurrent(config: unknown): Judgement {
  const type = asString(readArm(config, 'ruleSetType'));
  const version = asString(readArm(config, 'ruleSetVersion'));
  const found = `webApplicationFirewallConfiguration: ${show(type)} ${show(
    version,
  )}`;
  const findings: Finding[] = [
    {
      status: 'fail',
      reason: `${LEGACY_NOTE}: it cannot run the bot manager rule set`,
    },
  ];
  if (!coreRuleSetCurrent(type, version))
    findings.push({ status: 'fail', reason: CORE_OUTDATED });
  return judge(found, findings);
}

const TLS_VERSIONS = ['TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'];
/** Minimum protocol of Microsoft's predefined App Gateway policies (TLS policy overview). */
const PREDEFINED_MIN_TLS: Record<string, string> = {
  appgwsslpolicy20150501: 'TLSv1_0',
  appgwsslpolicy20170401: 'TLSv1_1',
  appgwsslpolicy20170401s: 'TLSv1_2',
  appgwsslpolicy20220101: 'TLSv1_2',
  appgwsslpolicy20220101s: 'TLSv1_2',
};

/** Judges one sslPolicy object: the minimum TLS version it implies. */
function judgeSslPolicy(
  label: string,
  policy: unknown,
): Finding & { text: string } {
  const type = asString(readArm(policy, 'policyType'));
  const policyName = asString(readArm(policy, 'policyName'));
  const min = asString(readArm(policy, 'minProtocolVersion'));
  const disabled = readArmList(policy, 'disabledSslProtocols').map(String);
  let version: string | undefined;
  let text: string;
  if (sameText(type, 'Predefined') || (policyName && !min)) {
    version = PREDEFINED_MIN_TLS[(policyName ?? '').toLowerCase()];
    text = `${label}: Predefined ${show(policyName)}${
      version ? ` (${version})` : ''
    }`;
    if (!version)
      return {
        status: 'not-observed',
        reason: `${label}: unknown predefined policy ${show(policyName)}`,
        text,
      };
  } else if (min) {
    version = min;
    text = `${label}: ${type ?? 'Custom'} ${min}`;
  } else if (disabled.length) {
    // Older gateways only list the protocols they disable.
    version = TLS_VERSIONS.find(v => !disabled.some(d => sameText(d, v)));
    text = `${label}: disabledSslProtocols ${disabled.join(', ')}`;
  } else {
    text = `${label}: ${show(policy)}`;
    return {
      status: 'fail',
      reason: `${label}: policy ${show(
        type,
      )} without a minimum protocol version`,
      text,
    };
  }
  const rank = TLS_VERSIONS.findIndex(v => sameText(version, v));
  if (rank >= TLS_VERSIONS.indexOf('TLSv1_2'))
    return { status: 'pass', reason: '', text };
  return {
    status: 'fail',
    reason: `${label} allows ${show(version)}: below TLS 1.2`,
    text,
  };
}

function edgeTlsPolicy(gateway: ArmApplicationGateway): Judgement {
  const policy = readArm(gateway, 'sslPolicy');
  const judged = [
    ...(isRecord(policy) ? [judgeSslPolicy('sslPolicy', policy)] : []),
    ...readArmList(gateway, 'sslProfiles')
      .filter(profile => isRecord(readArm(profile, 'sslPolicy')))
      .map(profile =>
        judgeSslPolicy(
          `sslProfile ${name(profile)}`,
          readArm(profile, 'sslPolicy'),
        ),
      ),
  ];
  const findings: Finding[] = [...judged];
  if (!isRecord(policy)) {
    findings.push({
      status: 'warning',
      reason:
        'no gateway sslPolicy: the default depends on the api-version that created the gateway (AppGwSslPolicy20150501, TLS 1.0, before 2023-02-01; AppGwSslPolicy20220101, TLS 1.2, since); declare a TLS 1.2+ policy',
    });
  }
  const found = [
    ...(isRecord(policy) ? [] : ['sslPolicy: (absent)']),
    ...judged.map(j => j.text),
  ].join('; ');
  return judge(found, findings, 'TLS 1.2 or newer on every listener');
}

function rulesFor(
  gateway: ArmApplicationGateway,
  listener: unknown,
): unknown[] {
  return readArmList(gateway, 'requestRoutingRules').filter(rule =>
    refersTo(readArm(rule, 'httpListener'), listener),
  );
}

function httpsListeners(gateway: ArmApplicationGateway): Judgement {
  const listeners = readArmList(gateway, 'httpListeners');
  const certificates = readArmList(gateway, 'sslCertificates');
  if (listeners.length === 0)
    return fail('(no listeners)', 'the gateway has no HTTP(S) listener');
  const findings: Finding[] = [];
  const listenerText = listeners.map(listener => {
    const protocol = asString(readArm(listener, 'protocol'));
    if (sameText(protocol, 'Https')) {
      const certRef = readArm(listener, 'sslCertificate');
      if (!isRecord(certRef) || !certRef.id)
        findings.push({
          status: 'fail',
          reason: `HTTPS listener ${name(listener)} has no certificate`,
        });
      return `${name(listener)}=Https`;
    }
    // Plain HTTP is acceptable only to redirect to HTTPS.
    const rules = rulesFor(gateway, listener);
    const redirects =
      rules.length > 0 &&
      rules.every(rule => isRecord(readArm(rule, 'redirectConfiguration')));
    if (!redirects)
      findings.push({
        status: 'fail',
        reason: `listener ${name(listener)} serves plain ${show(protocol)}`,
      });
    return `${name(listener)}=${show(protocol)}${
      redirects ? ' (redirect)' : ''
    }`;
  });
  const certificateText = certificates.map(certificate => {
    const secretId = asString(readArm(certificate, 'keyVaultSecretId'));
    if (!secretId) {
      findings.push({
        status: 'fail',
        reason: `certificate ${name(
          certificate,
        )} is uploaded to the gateway (PFX), not referenced from Key Vault: it will not rotate`,
      });
    }
    return `${name(certificate)}=${
      secretId ? `Key Vault ${secretId}` : 'uploaded'
    }`;
  });
  const found = `listeners: ${listenerText.join(', ')}; certificates: ${
    certificateText.length ? certificateText.join(', ') : '(none)'
  }`;
  return judge(found, findings, 'HTTPS listeners with Key Vault certificates');
}

function reencryption(gateway: ArmApplicationGateway): Judgement {
  const settings = readArmList(gateway, 'backendHttpSettingsCollection');
  if (settings.length === 0)
    return fail(
      '(no backend settings)',
      'the gateway has no backend HTTP settings',
    );
  const findings: Finding[] = [];
  const found = settings.map(setting => {
    const protocol = asString(readArm(setting, 'protocol'));
    const port = readArm(setting, 'port');
    const roots = readArmList(setting, 'trustedRootCertificates');
    const label = name(setting);
    if (!sameText(protocol, 'Https'))
      findings.push({
        status: 'fail',
        reason: `backend settings ${label} use ${show(
          protocol,
        )}: traffic to the cluster is not re-encrypted`,
      });
    if (Number(port) !== 443)
      findings.push({
        status: 'fail',
        reason: `backend settings ${label} use port ${show(port)}, not 443`,
      });
    if (roots.length === 0)
      findings.push({
        status: 'fail',
        reason: `backend settings ${label} trust no root certificate for the ingress certificate`,
      });
    return `${label}: ${show(protocol)}:${show(
      port,
    )}, trustedRootCertificates=${roots.length}`;
  });
  return judge(
    found.join('; '),
    findings,
    'HTTPS to port 443 with a trusted root',
  );
}

function httpsProbe(gateway: ArmApplicationGateway): Judgement {
  const probes = readArmList(gateway, 'probes');
  if (probes.length === 0) {
    return fail(
      '(no probes)',
      "no custom health probe: the default probe calls / on the backend settings' host, which Traefik may not answer",
    );
  }
  const findings: Finding[] = [];
  const found = probes.map(probe => {
    const protocol = asString(readArm(probe, 'protocol'));
    const path = asString(readArm(probe, 'path'));
    if (!sameText(protocol, 'Https'))
      findings.push({
        status: 'fail',
        reason: `probe ${name(probe)} uses ${show(protocol)}`,
      });
    if (!path || !path.startsWith('/'))
      findings.push({
        status: 'fail',
        reason: `probe ${name(probe)} has no path`,
      });
    return `${name(probe)}: ${show(protocol)} ${show(path)}`;
  });
  return judge(found.join('; '), findings, 'HTTPS probes on a real path');
}

/** Every pool reference anywhere in the gateway (rules, path maps, advanced routing, load distribution). */
function referencedPoolNames(gateway: ArmApplicationGateway): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) value.forEach(v => walk(v));
    else if (isRecord(value)) {
      if (key && /^(default)?backendAddressPool$/i.test(key)) {
        const pool = referenceName(value);
        if (pool) names.add(pool.toLowerCase());
        return;
      }
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(gateway);
  return names;
}

function targetsTraefik(
  gateway: ArmApplicationGateway,
  input: BaselineResources,
  inCluster?: InClusterModel,
): Judgement {
  // Assigned addresses, and requested ones (a generated Service has no status yet).
  const traefikIps = [
    ...new Set([
      ...(input.context?.traefikInternalIp
        ? [input.context.traefikInternalIp]
        : []),
      ...(inCluster?.traefik.internalIps ?? []),
      ...(inCluster?.traefik.requestedIps ?? []),
    ]),
  ];
  const ingressSubnet = input.context?.ingressSubnetCidr;
  const vnet = vnetAddressSpace(input);
  const resolved = input.context?.resolvedHosts ?? {};
  const referenced = referencedPoolNames(gateway);
  const allPools = readArmList(gateway, 'backendAddressPools');
  const inUse = allPools.filter(pool =>
    referenced.has(name(pool).toLowerCase()),
  );
  const pools = inUse.length ? inUse : allPools;
  if (pools.length === 0)
    return fail('(no backend pools)', 'the gateway has no backend pool');

  const judgeIp = (ip: string, shownAs: string): Finding => {
    if (traefikIps.length) {
      return traefikIps.includes(ip)
        ? { status: 'pass', reason: '' }
        : {
            status: 'fail',
            reason: `${shownAs} is not Traefik's internal load balancer IP (${traefikIps.join(
              ', ',
            )})`,
          };
    }
    if (ingressSubnet && !ipv4CidrContains(ingressSubnet, ip)) {
      return {
        status: 'fail',
        reason: `${shownAs} is outside the ingress subnet ${ingressSubnet}`,
      };
    }
    const internal =
      vnet.some(space => ipv4CidrContains(space, ip)) || isPrivateIpv4(ip);
    if (!internal)
      return {
        status: 'fail',
        reason: `${shownAs} is a public address, not the cluster's internal ingress`,
      };
    return {
      status: 'not-observed',
      reason: `Traefik's internal IP is not known (no Traefik Service read, no context.traefikInternalIp), so ${shownAs} cannot be confirmed`,
    };
  };

  const findings: Finding[] = [];
  const found = pools.map(pool => {
    const addresses = readArmList(pool, 'backendAddresses');
    if (addresses.length === 0)
      findings.push({
        status: 'fail',
        reason: `backend pool ${name(pool)} has no backend addresses`,
      });
    const shown = addresses.map(address => {
      const ip = asString(readArm(address, 'ipAddress'));
      const fqdn = asString(readArm(address, 'fqdn'));
      if (ip && parseIpv4Address(ip) !== undefined)
        findings.push(judgeIp(ip, ip));
      else if (fqdn && resolved[fqdn]?.length)
        resolved[fqdn].forEach(r =>
          findings.push(judgeIp(r, `${fqdn} (${r})`)),
        );
      else if (fqdn)
        findings.push({
          status: 'not-observed',
          reason: `${fqdn} is not resolved (the evaluator does no DNS; pass context.resolvedHosts)`,
        });
      else
        findings.push({
          status: 'fail',
          reason: `backend pool ${name(
            pool,
          )} has an address without ipAddress or fqdn`,
        });
      return ip ?? fqdn ?? show(address);
    });
    return `${name(pool)}: ${shown.length ? shown.join(', ') : '(empty)'}`;
  });
  return judge(
    found.join('; '),
    findings,
    "every backend pool targets Traefik's internal load balancer",
  );
}

export const edgeEvaluators: ControlEvaluators = {
  'WAF-01': onGateways(wafSku),
  'WAF-02': onGateways(onWaf(wafEnforcing, legacyEnforcing)),
  'WAF-03': onGateways(onWaf(managedRulesCurrent, legacyRulesCurrent)),
  'TLS-01': onGateways(edgeTlsPolicy),
  'TLS-02': onGateways(httpsListeners),
  'TLS-03': onGateways(reencryption),
  'TLS-04': onGateways(httpsProbe),
  'ING-01': onGateways(targetsTraefik),
};
