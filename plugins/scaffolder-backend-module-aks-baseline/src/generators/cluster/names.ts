import {
  STAMP_GATEWAY_NAMES,
  stampGatewayName,
} from '@aks-baseline/plugin-aks-baseline-common';
import { ClusterSpec } from './spec';

/**
 * Names of everything the cluster generators create, derived in one place so
 * the ARM resources, their references, the manifests and the README agree.
 * Names that can outgrow an Azure limit with a 63-character cluster name are
 * shortened with a stable hash suffix instead of failing.
 */
export interface ClusterNames {
  vnet: string;
  subnets: {
    nodes: string;
    ingress: string;
    appGateway: string;
    privateEndpoints: string;
    /** API Server VNet Integration's subnet (only when chosen). */
    apiServer: string;
  };
  routeTable: string;
  /**
   * The spoke's peering with the hub (a child of the spoke VNet), the hub's
   * peering back (a child of the hub VNet) and the nested deployment that
   * creates the latter in the hub's resource group.
   */
  hubPeering: { spokeToHub: string; hubToSpoke: string; deployment: string };
  /** The hub side (hub/egress-rules.json): IP group of the node subnet, rule collection group. */
  hubEgress: { ipGroup: string; ruleCollectionGroup: string };
  nsgs: {
    nodes: string;
    ingress: string;
    appGateway: string;
    privateEndpoints: string;
  };
  identities: { controlPlane: string; appGateway: string; traefik: string };
  federatedCredential: string;
  keyVaultPrivateEndpoint: string;
  keyVaultPrivateDnsZone: string;
  keyVaultDnsLink: string;
  /** The stamp's private container registry. */
  registry: {
    /** 5-50 lowercase letters and digits, globally unique (see registryName). */
    name: string;
    /** `<name>.azurecr.io`: every image of cluster-manifests/ starts with it. */
    loginServer: string;
    privateEndpoint: string;
    privateDnsZone: string;
    dnsLink: string;
  };
  publicIp: string;
  wafPolicy: string;
  appGateway: string;
  /** App Gateway sub-resources: the contract onboarding relies on. */
  gateway: typeof STAMP_GATEWAY_NAMES;
  nodeResourceGroup: string;
  /** Traefik, in the cluster. */
  traefik: {
    serviceAccount: string;
    service: string;
    deployment: string;
    clusterRole: string;
    staticConfig: string;
    dynamicConfig: string;
    secretProviderClass: string;
    /** The kubernetes.io/tls secret the CSI driver syncs from Key Vault. */
    tlsSecret: string;
    ingressClass: string;
    podDisruptionBudget: string;
    /** File-provider middleware that admits only App Gateway's subnet. */
    appGatewayOnlyMiddleware: string;
    identityConfigMap: string;
  };
  /** Host name App Gateway sends to Traefik (SNI and Host), inside the ingress wildcard. */
  backendHostName: string;
  /** The wildcard Traefik's certificate must cover. */
  ingressWildcard: string;
  /** The wildcard App Gateway's listener (and edge certificate) covers. */
  publicWildcard: string;
  /** Audit and telemetry (arm/diagnostics.ts). */
  monitoring: {
    /** The workspace the stamp creates when none is given. */
    workspace: string;
    /** Container insights' data collection rule, and its association to the cluster. */
    containerInsightsRule: string;
    containerInsightsAssociation: string;
    /** Every diagnostic setting's name (one per resource). */
    diagnosticSetting: string;
  };
}

/** Labels that select Traefik's pods: the onboarding action's defaults. */
export const TRAEFIK_POD_LABELS = {
  'app.kubernetes.io/name': 'traefik-ingress-ilb',
} as const;

export function clusterNames(spec: ClusterSpec): ClusterNames {
  const c = spec.clusterName;
  const vault = spec.keyVault.name;
  const vnet = fitName(`vnet-spoke-${c}`, 64);
  const ingressDomain = `aks-ingress.${spec.ingressDomain}`;
  return {
    vnet,
    subnets: {
      nodes: 'snet-clusternodes',
      ingress: 'snet-clusteringressservices',
      appGateway: 'snet-applicationgateway',
      privateEndpoints: 'snet-privatelinkendpoints',
      apiServer: 'snet-apiserver',
    },
    routeTable: `rt-${c}-to-hub`,
    // As the reference names them: `to_<remote VNet>` (peering names: 1-80).
    hubPeering: {
      spokeToHub: fitName(`to_${spec.hub.name}`, 80),
      hubToSpoke: fitName(`to_${vnet}`, 80),
      // Deployment names: at most 64.
      deployment: fitName(`peer-${spec.hub.name}-to-${vnet}`, 64),
    },
    hubEgress: {
      ipGroup: fitName(`ipg-${c}-nodes`, 80),
      ruleCollectionGroup: fitName(`rcg-${c}-egress`, 80),
    },
    nsgs: {
      nodes: `nsg-${c}-nodes`,
      ingress: `nsg-${c}-ingress`,
      appGateway: `nsg-${c}-appgw`,
      privateEndpoints: `nsg-${c}-pe`,
    },
    identities: {
      controlPlane: `id-${c}-controlplane`,
      appGateway: `id-${c}-appgateway`,
      traefik: `id-${c}-traefik`,
    },
    federatedCredential: 'traefik-ingress-ilb',
    keyVaultPrivateEndpoint: `pe-${vault}`,
    keyVaultPrivateDnsZone: 'privatelink.vaultcore.azure.net',
    keyVaultDnsLink: fitName(`link-${vnet}`, 80),
    registry: registryNames(spec, vnet),
    publicIp: `pip-${c}-appgw`,
    wafPolicy: `waf-${c}`,
    appGateway: stampGatewayName(c),
    gateway: STAMP_GATEWAY_NAMES,
    nodeResourceGroup: `rg-${c}-nodepools`,
    traefik: {
      serviceAccount: 'traefik-ingress-ilb',
      service: 'traefik-ingress-ilb',
      deployment: 'traefik-ingress-ilb',
      clusterRole: `traefik-ingress-ilb-${spec.traefik.namespace}`,
      staticConfig: 'traefik-static-config',
      dynamicConfig: 'traefik-dynamic-config',
      secretProviderClass: 'traefik-ingress-tls-csi-akv',
      tlsSecret: 'traefik-ingress-tls',
      ingressClass: 'traefik-internal',
      podDisruptionBudget: 'traefik-ingress-ilb',
      appGatewayOnlyMiddleware: 'app-gateway-only',
      identityConfigMap: 'traefik-workload-identity',
    },
    backendHostName: `${spec.dnsLabel}.${ingressDomain}`,
    ingressWildcard: `*.${ingressDomain}`,
    publicWildcard: `*.${spec.ingressDomain}`,
    monitoring: {
      // Workspace names: 4-63 letters, digits and hyphens; rule names: at most 64.
      workspace: fitName(`la-${c}`, 63),
      containerInsightsRule: fitName(`MSCI-${spec.location}-${c}`, 64),
      containerInsightsAssociation: fitName(`MSCI-${spec.location}-${c}`, 64),
      diagnosticSetting: 'default',
    },
  };
}

function registryNames(spec: ClusterSpec, vnet: string) {
  const name = registryName(spec);
  return {
    name,
    loginServer: `${name}.azurecr.io`,
    privateEndpoint: `pe-${name}`,
    privateDnsZone: 'privatelink.azurecr.io',
    dnsLink: fitName(`link-${vnet}`, 80),
  };
}

/**
 * The registry's name, known when generating (the manifests name
 * `<registry>.azurecr.io/...`): `acr`, the cluster name's letters and
 * digits (at most 39), and a hash of the subscription and resource group.
 * 12-50 lowercase alphanumerics, as Azure requires 5-50. Registry names are
 * global across Azure: the hash keeps two clusters of the same name in
 * different subscriptions or groups apart, so a clash needs another tenant
 * to pick this exact name (unique in practice, not guaranteed: the
 * deployment then fails with AlreadyInUse rather than sharing a registry).
 */
export function registryName(spec: ClusterSpec): string {
  const scope = `${spec.subscriptionId}/${spec.resourceGroup}`.toLowerCase();
  const stem = spec.clusterName.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `acr${stem.slice(0, 39)}${fnv1a(scope)}`;
}

/**
 * `name` itself when it fits, else its first characters and a hash of the
 * whole, so two long names stay apart and the same name maps the same way.
 */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const suffix = `-${fnv1a(name)}`;
  return name.slice(0, max - suffix.length).replace(/[-_.]+$/, '') + suffix;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, dependency-free. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Labels every generated Kubernetes object carries. */
export function clusterLabels(spec: ClusterSpec): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': 'aks-baseline-ingress',
    'app.kubernetes.io/managed-by': 'backstage-aks-baseline',
    // Label values allow 63 characters of [-A-Za-z0-9_.]: the cluster name fits.
    'aks-baseline.io/cluster-name': spec.clusterName,
  };
}
