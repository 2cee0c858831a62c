import {
  asBoolean,
  asString,
  readArm,
  readArmList,
  sameText,
} from '../arm/read';
import { ipv4CidrContains, ipv4CidrsOverlap, parseIpv4Cidr } from './ipv4';
import {
  ControlEvaluators,
  about,
  Finding,
  Judgement,
  fail,
  judge,
  notApplicable,
  notObserved,
  pass,
  show,
  warn,
} from './judgement';
import type { ArmManagedCluster } from '../arm/types';
import type { BaselineResources } from './types';

// AKS defaults when a template leaves the CIDRs out (documented AKS defaults).
const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
const DEFAULT_DNS_SERVICE_IP = '10.0.0.10';
const DEFAULT_POD_CIDR = '10.244.0.0/16';

const NO_CLUSTER = 'no managed cluster in the input';

/** Runs `evaluate` on the cluster, or says it was not observed. */
export function onCluster(
  evaluate: (cluster: ArmManagedCluster, input: BaselineResources) => Judgement,
) {
  return (input: BaselineResources): Judgement => {
    if (!input.cluster) return notObserved(NO_CLUSTER);
    return about(input.cluster, evaluate(input.cluster, input));
  };
}

function addonEnabled(
  cluster: ArmManagedCluster,
  addon: string,
): boolean | undefined {
  return asBoolean(readArm(cluster, `addonProfiles.${addon}.enabled`));
}

/** The VNet address space NET-04 compares against: context first, else the VNets given. */
export function vnetAddressSpace(input: BaselineResources): string[] {
  if (input.context?.vnetAddressSpace?.length)
    return input.context.vnetAddressSpace;
  return (input.virtualNetworks ?? []).flatMap(vnet =>
    readArmList(vnet, 'addressSpace.addressPrefixes').filter(
      (p): p is string => typeof p === 'string',
    ),
  );
}

function networkPlugin(cluster: ArmManagedCluster): Judgement {
  const plugin = asString(readArm(cluster, 'networkProfile.networkPlugin'));
  const mode = asString(readArm(cluster, 'networkProfile.networkPluginMode'));
  const found = mode
    ? `${show(plugin)} (networkPluginMode ${mode})`
    : show(plugin);
  if (sameText(plugin, 'azure')) {
    // Overlay is what the reference deploys: accepted as a pass, with
    // the difference it makes for network rules stated.
    return pass(
      found,
      sameText(mode, 'overlay')
        ? 'Azure CNI Overlay (as the reference): pods take addresses from the pod CIDR, not the VNet, so NSGs and peered networks see node IPs'
        : undefined,
    );
  }
  if (sameText(plugin, 'kubenet')) {
    return fail(
      found,
      'kubenet NATs pod traffic through the nodes on AKS-maintained routes, and Azure network policy does not support it',
    );
  }
  if (!plugin)
    return fail(
      found,
      'no network plugin set; AKS then picks a default that depends on the api-version (kubenet on older ones)',
    );
  return fail(
    found,
    `network plugin ${plugin} is outside the baseline (Azure CNI)`,
  );
}

function networkPolicy(cluster: ArmManagedCluster): Judgement {
  const policy = asString(readArm(cluster, 'networkProfile.networkPolicy'));
  const found = show(policy);
  if (sameText(policy, 'azure')) return pass(found);
  if (sameText(policy, 'calico') || sameText(policy, 'cilium')) {
    return warn(
      found,
      `${policy} enforces NetworkPolicy and is accepted; the reference uses Azure Network Policy Manager`,
    );
  }
  return fail(
    found,
    'no network policy engine: NetworkPolicy objects are accepted by the API server but not enforced',
  );
}

/** CIDR list from the plural field, else the singular one, else the AKS default. */
function cidrs(
  cluster: ArmManagedCluster,
  plural: string,
  singular: string,
  fallback?: string,
) {
  const list = readArmList(cluster, `networkProfile.${plural}`).filter(
    (c): c is string => typeof c === 'string',
  );
  const one = asString(readArm(cluster, `networkProfile.${singular}`));
  if (list.length) return { values: list, defaulted: false };
  if (one) return { values: [one], defaulted: false };
  return { values: fallback ? [fallback] : [], defaulted: !!fallback };
}

function loadBalancerAndCidrs(
  cluster: ArmManagedCluster,
  input: BaselineResources,
): Judgement {
  const sku = asString(readArm(cluster, 'networkProfile.loadBalancerSku'));
  const plugin = asString(readArm(cluster, 'networkProfile.networkPlugin'));
  const overlay = sameText(
    readArm(cluster, 'networkProfile.networkPluginMode'),
    'overlay',
  );
  // Pod CIDRs exist only where pods are not on the VNet: kubenet and overlay.
  const podsOffVnet = sameText(plugin, 'kubenet') || overlay || !plugin;
  const services = cidrs(
    cluster,
    'serviceCidrs',
    'serviceCidr',
    DEFAULT_SERVICE_CIDR,
  );
  const pods = cidrs(
    cluster,
    'podCidrs',
    'podCidr',
    podsOffVnet ? DEFAULT_POD_CIDR : undefined,
  );
  const dnsIp = asString(readArm(cluster, 'networkProfile.dnsServiceIP'));
  const dns =
    dnsIp ?? (services.defaulted ? DEFAULT_DNS_SERVICE_IP : undefined);
  const ipv4 = (list: string[]) => list.filter(c => parseIpv4Cidr(c));
  const vnet = vnetAddressSpace(input);

  const dflt = (d: boolean) => (d ? ' (absent: AKS default)' : '');
  const found = [
    `loadBalancerSku=${show(sku)}`,
    `serviceCidr=${show(services.values)}${dflt(services.defaulted)}`,
    `dnsServiceIP=${show(dns)}${dflt(!dnsIp && !!dns)}`,
    `podCidr=${show(pods.values.length ? pods.values : undefined)}${dflt(
      pods.defaulted,
    )}`,
    `vnet=${show(vnet.length ? vnet : undefined)}`,
  ].join(', ');

  const findings: Finding[] = [];
  if (!sku)
    findings.push({
      status: 'warning',
      reason:
        'loadBalancerSku not set: AKS defaults to standard, but the baseline declares it',
    });
  else if (!sameText(sku, 'standard'))
    findings.push({
      status: 'fail',
      reason: `${sku} load balancer: the basic SKU has no availability zones, no outbound rules and is retired`,
    });

  if (!dns)
    findings.push({
      status: 'fail',
      reason: 'dnsServiceIP not set while serviceCidr is',
    });
  else if (!ipv4(services.values).some(c => ipv4CidrContains(c, dns))) {
    findings.push({
      status: 'fail',
      reason: `dnsServiceIP ${dns} is not inside the service CIDR`,
    });
  }
  for (const s of ipv4(services.values)) {
    for (const p of ipv4(pods.values)) {
      if (ipv4CidrsOverlap(s, p))
        findings.push({
          status: 'fail',
          reason: `service CIDR ${s} overlaps pod CIDR ${p}`,
        });
    }
  }
  if (vnet.length === 0) {
    findings.push({
      status: 'not-observed',
      reason:
        'VNet address space not known (pass the virtual network or context.vnetAddressSpace), so overlap with the VNet cannot be judged',
    });
  }
  for (const range of ipv4([...services.values, ...pods.values])) {
    for (const space of ipv4(vnet)) {
      if (ipv4CidrsOverlap(range, space)) {
        findings.push({
          status: 'fail',
          reason: `${range} overlaps the VNet address space ${space}: those destinations become unreachable from pods`,
        });
      }
    }
  }
  return judge(found, findings);
}

function keyVaultCsi(cluster: ArmManagedCluster): Judgement {
  const enabled = addonEnabled(cluster, 'azureKeyvaultSecretsProvider');
  return enabled === true
    ? pass('true')
    : fail(
        show(enabled),
        'the Key Vault CSI provider add-on is off: the ingress certificate cannot be mounted from Key Vault',
      );
}

function secretRotation(cluster: ArmManagedCluster): Judgement {
  if (addonEnabled(cluster, 'azureKeyvaultSecretsProvider') !== true) {
    return notApplicable('the Key Vault CSI provider add-on is off (SEC-01)');
  }
  const rotation = readArm(
    cluster,
    'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
  );
  const interval = asString(
    readArm(
      cluster,
      'addonProfiles.azureKeyvaultSecretsProvider.config.rotationPollInterval',
    ),
  );
  const found = `enableSecretRotation=${show(
    rotation,
  )}, rotationPollInterval=${show(interval)}`;
  if (asBoolean(rotation) === true) {
    return pass(
      found,
      interval
        ? 'rotation on'
        : 'rotation on, polling at the default interval (2m)',
    );
  }
  return warn(
    found,
    'rotation off (the reference default): pods keep serving a rotated-out certificate until restarted; set enableSecretRotation "true" with a rotationPollInterval',
  );
}

function workloadIdentity(cluster: ArmManagedCluster): Judgement {
  const wi = asBoolean(
    readArm(cluster, 'securityProfile.workloadIdentity.enabled'),
  );
  const oidc = asBoolean(readArm(cluster, 'oidcIssuerProfile.enabled'));
  const podIdentity = asBoolean(readArm(cluster, 'podIdentityProfile.enabled'));
  const found = `workloadIdentity=${show(wi)}, oidcIssuer=${show(
    oidc,
  )}, podIdentity=${show(podIdentity)}`;
  const findings: Finding[] = [];
  if (wi !== true)
    findings.push({ status: 'fail', reason: 'workload identity is off' });
  if (oidc !== true)
    findings.push({
      status: 'fail',
      reason: 'the OIDC issuer is off (workload identity federation needs it)',
    });
  if (podIdentity === true)
    findings.push({
      status: 'fail',
      reason:
        'AAD Pod Identity is on: it is retired, migrate to workload identity',
    });
  return judge(found, findings);
}

function entraRbac(cluster: ArmManagedCluster): Judgement {
  const managed = asBoolean(readArm(cluster, 'aadProfile.managed'));
  const azureRbac = asBoolean(readArm(cluster, 'aadProfile.enableAzureRBAC'));
  const noLocal = asBoolean(readArm(cluster, 'disableLocalAccounts'));
  const k8sRbac = asBoolean(readArm(cluster, 'enableRBAC'));
  const rbacNote = k8sRbac === false ? ', enableRBAC=false' : '';
  const found = `aadProfile.managed=${show(managed)}, enableAzureRBAC=${show(
    azureRbac,
  )}, disableLocalAccounts=${show(noLocal)}${rbacNote}`;
  const findings: Finding[] = [];
  if (managed !== true)
    findings.push({
      status: 'fail',
      reason: 'no managed Entra ID integration',
    });
  if (azureRbac !== true)
    findings.push({
      status: 'fail',
      reason: 'Azure RBAC for Kubernetes authorization is off',
    });
  if (noLocal !== true)
    findings.push({
      status: 'fail',
      reason:
        'local accounts are enabled: the cluster-admin certificate bypasses Entra ID',
    });
  if (k8sRbac === false)
    findings.push({ status: 'fail', reason: 'Kubernetes RBAC is disabled' });
  return judge(found, findings);
}

function privateApiServer(cluster: ArmManagedCluster): Judgement {
  const isPrivate = asBoolean(
    readArm(cluster, 'apiServerAccessProfile.enablePrivateCluster'),
  );
  const ranges = readArmList(
    cluster,
    'apiServerAccessProfile.authorizedIPRanges',
  );
  const noRunCommand = asBoolean(
    readArm(cluster, 'apiServerAccessProfile.disableRunCommand'),
  );
  const vnetIntegration = asBoolean(
    readArm(cluster, 'apiServerAccessProfile.enableVnetIntegration'),
  );
  const apiServerSubnet = asString(
    readArm(cluster, 'apiServerAccessProfile.subnetId'),
  );
  const found = `enablePrivateCluster=${show(
    isPrivate,
  )}, authorizedIPRanges=${show(ranges)}, disableRunCommand=${show(
    noRunCommand,
  )}${
    vnetIntegration === true
      ? `, enableVnetIntegration=true, subnetId=${show(apiServerSubnet)}`
      : ''
  }`;
  const findings: Finding[] = [];
  // API Server VNet Integration projects the API server into a delegated
  // subnet of the cluster's VNet: private with enablePrivateCluster, and
  // with no private endpoint. With bring-your-own VNet that subnet is
  // required (AKS refuses the cluster without it).
  if (vnetIntegration === true && !apiServerSubnet && hasOwnVnet(cluster)) {
    findings.push({
      status: 'fail',
      reason:
        'API Server VNet Integration is on without apiServerAccessProfile.subnetId: the nodes are in your own VNet, so the API server needs a subnet there delegated to Microsoft.ContainerService/managedClusters',
    });
  }
  if (isPrivate !== true && ranges.length === 0) {
    findings.push({
      status: 'fail',
      reason:
        'the API server is reachable from the internet (neither private nor limited to authorized IP ranges)',
    });
  }
  if (noRunCommand !== true) {
    findings.push({
      status: 'fail',
      reason:
        'run command is enabled: kubectl through ARM bypasses the private API server',
    });
  }
  return judge(
    found,
    findings,
    privateApiServerPassReason(isPrivate === true, vnetIntegration === true),
  );
}

function hasOwnVnet(cluster: ArmManagedCluster): boolean {
  return readArmList(cluster, 'agentPoolProfiles').some(
    pool => !!asString(readArm(pool, 'vnetSubnetID')),
  );
}

function privateApiServerPassReason(
  isPrivate: boolean,
  vnetIntegration: boolean,
): string {
  if (!isPrivate)
    return 'API server limited to authorized IP ranges, run command disabled';
  return vnetIntegration
    ? "private API server in the cluster's VNet (API Server VNet Integration, no private endpoint), run command disabled"
    : 'private API server, run command disabled';
}

function addonOn(addon: string, why: string, passReason?: string) {
  return (cluster: ArmManagedCluster): Judgement => {
    const enabled = addonEnabled(cluster, addon);
    return enabled === true
      ? pass('true', passReason)
      : fail(show(enabled), why);
  };
}

const LEGACY_ADDONS = [
  'httpApplicationRouting',
  'ingressApplicationGateway',
  'kubeDashboard',
];

function noLegacyAddons(cluster: ArmManagedCluster): Judgement {
  const enabled = LEGACY_ADDONS.filter(
    addon => addonEnabled(cluster, addon) === true,
  );
  if (enabled.length === 0) return pass('none enabled');
  return fail(
    `${enabled.join(', ')} enabled`,
    `${enabled.join(
      ', ',
    )}: ingress is App Gateway in front of Traefik; HTTP application routing is unfit for production, AGIC bypasses Traefik and the dashboard add-on is retired`,
  );
}

/** NET-01, NET-02, NET-04, SEC-*, OPS-*; NET-03 lives in egress.ts with the route checks. */
export const clusterEvaluators: ControlEvaluators = {
  'NET-01': onCluster(networkPlugin),
  'NET-02': onCluster(networkPolicy),
  'NET-04': onCluster(loadBalancerAndCidrs),
  'SEC-01': onCluster(keyVaultCsi),
  'SEC-02': onCluster(secretRotation),
  'SEC-03': onCluster(workloadIdentity),
  'SEC-04': onCluster(entraRbac),
  'SEC-05': onCluster(privateApiServer),
  'SEC-06': onCluster(
    addonOn(
      'azurepolicy',
      "the Azure Policy add-on is off: none of the Kubernetes policies assigned to the cluster's scope (GOV-01) is enforced, so no admission guardrails (privileged pods, allowed images, host paths); enable it (az aks enable-addons --addons azure-policy, ARM addonProfiles.azurepolicy.enabled; https://learn.microsoft.com/azure/aks/use-azure-policy)",
      "the add-on runs; what it enforces is the policies assigned to the cluster's scope, which GOV-01 judges",
    ),
  ),
  'OPS-01': onCluster(
    addonOn('omsagent', 'the monitoring add-on (Container insights) is off'),
  ),
  'OPS-02': onCluster(noLegacyAddons),
};
