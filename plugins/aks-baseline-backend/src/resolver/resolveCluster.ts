import {
  ArmResource,
  asString,
  BaselineResources,
  CertificateInfo,
  CertificateObservations,
  ClusterSnapshot,
  evaluateBaselineControls,
  normalizeArmResourceId,
  proveClusterEgress,
  parseArmId,
  readArm,
  readArmList,
  SourceError,
  TAG_INGRESS_CERTIFICATE,
} from '@aks-baseline/plugin-aks-baseline-common';
import { gatewaysForCluster } from './associate';
import {
  certificateFromVault,
  CertificateContext,
  ExpiryThresholds,
  parseKeyVaultSecretId,
} from './certificates';
import {
  buildEgressPath,
  buildKeyVaultPath,
  defaultRoute,
  nodeSubnetOf,
} from './egressAndVault';
import { egressFirewallOf } from './egressFirewall';
import { buildIngressChains, gatewayCertificates } from './ingressChains';
import { InventoryIndex } from './inventoryIndex';
import { ListingGap, trackListingGaps } from './listingGaps';
import { withUnobservedSections } from './unobservedSections';
import { ClusterRegistries, registriesOfCluster } from './registries';
import { policyAssignmentsOfCluster } from './policyAssignments';
import { telemetryInputs } from './telemetry';
import { traceInputsOf } from './traceInputs';
import {
  backendTargetKey,
  backendTargets,
  backendTrustObservations,
  ServedChain,
} from './backendTargets';
import { withCertificateJudgements } from '../chain/certificateBoundary';
import {
  analyzeInCluster,
  InClusterView,
  KubernetesInput,
} from '../kubernetes/model/inClusterView';
import { DEFAULT_TRAEFIK, TraefikSettings } from '../kubernetes/types';

/** Cluster tag naming its Traefik certificate as `<vault>/<object>` (written by the create-cluster template). */
export const INGRESS_CERTIFICATE_TAG = TAG_INGRESS_CERTIFICATE;

export interface ResolveOptions {
  now: Date;
  thresholds: ExpiryThresholds;
  /** Errors the inventory attached to vaults, by lower-cased vault id. */
  vaultErrors: Map<string, string>;
  /** Errors the inventory attached to this cluster's subscription. */
  subscriptionErrors: SourceError[];
  /**
   * What the Kubernetes reader got from the cluster's API server (absent:
   * not read, and `kubernetesUnavailableReason` says why).
   */
  kubernetes?: KubernetesInput & { error?: SourceError };
  /** Where Traefik runs; default: the reference implementation's. */
  traefik?: TraefikSettings;
  kubernetesUnavailableReason?: string;
  /**
   * Subscriptions the cluster's last good snapshot used besides its own: a
   * failed list there may hide one of its gateways or endpoints.
   */
  relatedSubscriptions?: string[];
  /**
   * What Traefik served to a probe of each backend target (CERT-04); absent:
   * not probed, and `servedNotProbedReason` says why.
   */
  servedByTraefik?: Map<string, ServedChain>;
  servedNotProbedReason?: string;
}

const PROBE_OFF =
  'the TLS probe is off (aksBaseline.tlsProbe.enabled): CERT-04 needs the certificate Traefik serves, read from where the portal runs';

const NOT_READ = 'Kubernetes objects were not read';

/**
 * The subscription and resource group of a cluster's id; empty for a cluster
 * without a parseable id (the snapshot's fields are plain strings).
 */
function clusterIdParts(cluster: ArmResource) {
  const parts = parseArmId(cluster.id ?? '');
  return {
    subscriptionId: parts?.subscriptionId ?? '',
    resourceGroup: parts?.resourceGroup ?? '',
  };
}

/** One cluster resolved, and the inputs failed lists left unknown for it. */
export interface ResolvedCluster {
  snapshot: ClusterSnapshot;
  gaps: ListingGap[];
}

/**
 * Everything the dashboard shows for one cluster, from the inventory alone:
 * pure, so it is tested without Azure and costs no requests.
 */
export function resolveCluster(
  cluster: ArmResource,
  index: InventoryIndex,
  options: ResolveOptions,
): ClusterSnapshot {
  return resolveClusterWithGaps(cluster, index, options).snapshot;
}

/**
 * `resolveCluster`, plus what failed lists left unknown: the sections they
 * feed say "not observed" (never ok, never silently empty), and the gaps let
 * the caller put the last good data there instead.
 */
export function resolveClusterWithGaps(
  cluster: ArmResource,
  index: InventoryIndex,
  options: ResolveOptions,
): ResolvedCluster {
  const tracker = trackListingGaps(index, {
    subscriptionId: clusterIdParts(cluster).subscriptionId,
    relatedSubscriptions: options.relatedSubscriptions,
    vaultErrors: options.vaultErrors,
  });
  const snapshot = resolveFromIndex(cluster, tracker.index, options);
  const configurationError =
    options.kubernetes?.objects && options.kubernetes.traefikConfigurationError;
  const gaps: ListingGap[] = [
    ...tracker.gaps(),
    ...(configurationError
      ? [{ input: 'traefikConfiguration' as const, error: configurationError }]
      : []),
  ];
  // Traces say which of their inputs a failed list left unknown.
  if (gaps.length && snapshot.trace)
    snapshot.trace.unlisted = [...new Set(gaps.map(g => g.input))];
  return {
    snapshot: withCertificateJudgements(
      withUnobservedSections(snapshot, gaps),
      options,
    ),
    gaps,
  };
}

/** The resources one cluster's chains and controls are built from. */
export interface ClusterResources {
  gateways: ArmResource[];
  nodeSubnet: ReturnType<typeof nodeSubnetOf>;
  routeTable?: ArmResource;
  firewall?: ArmResource;
  /** Why no firewall was picked though some own the route's next hop (see `egressFirewallOf`). */
  firewallNotIdentified?: string;
  firewallPolicy?: ArmResource;
  /** The firewall policy and its parents, child first (parents follow `basePolicy`). */
  firewallPolicies: ArmResource[];
  /** Their rule collection groups; undefined when a policy's could not be listed. */
  ruleCollectionGroups?: ArmResource[];
  wafPolicies: ArmResource[];
  inCluster: InClusterView;
  ingressCertificate?: { vaultName: string; secretName: string };
  /** The vaults holding the chain's certificates. */
  vaults: ArmResource[];
  /** The registries reached through a private endpoint in the cluster's VNet. */
  registries: ClusterRegistries;
  /** The policy assignments in force at or above the cluster's scope. */
  policyAssignments: ArmResource[];
  /** Its planned maintenance windows (UPG-01); undefined when not listed. */
  maintenanceConfigurations?: ArmResource[];
}

/** Follows the cluster's references through the index (and reads its inside). */
export function lookUpResources(
  cluster: ArmResource,
  index: InventoryIndex,
  options: Pick<
    ResolveOptions,
    'kubernetes' | 'kubernetesUnavailableReason' | 'traefik'
  >,
): ClusterResources {
  const { gateways } = gatewaysForCluster(cluster, index);
  const nodeSubnet = nodeSubnetOf(cluster, index);
  const routeTable = index.byId(
    asString(readArm(nodeSubnet.entry?.subnet, 'routeTable.id')),
  );
  const nextHop = asString(
    readArm(defaultRoute(routeTable), 'nextHopIpAddress'),
  );
  const { firewall, notIdentified: firewallNotIdentified } = egressFirewallOf(
    nextHop,
    nodeSubnet.entry?.vnet,
    index,
  );
  const firewallPolicy = index.byId(
    asString(readArm(firewall, 'firewallPolicy.id')),
  );
  const firewallPolicies = policyWithParents(firewallPolicy, index);
  const groupLists = firewallPolicies.map(p =>
    index.ruleCollectionGroupsOf(p.id!),
  );
  const wafPolicies = gateways
    .flatMap(g => [
      readArm(g, 'firewallPolicy.id'),
      ...readArmList(g, 'httpListeners').map(l =>
        readArm(l, 'firewallPolicy.id'),
      ),
    ])
    .map(id => index.byId(asString(id)))
    .filter((p): p is ArmResource => !!p);

  const inCluster = analyzeInCluster(
    options.kubernetes ?? {
      unavailableReason: options.kubernetesUnavailableReason ?? NOT_READ,
    },
    options.traefik ?? DEFAULT_TRAEFIK,
  );
  // A cluster tag wins (the create-cluster template writes it); else what
  // Traefik's SecretProviderClass names.
  const ingressCertificate =
    ingressCertificateRef(cluster) ??
    (inCluster.observed ? inCluster.ingressCertificate : undefined);
  const vaults = referencedVaults(
    gateways,
    ingressCertificate?.vaultName,
    index,
  );
  return {
    gateways,
    nodeSubnet,
    routeTable,
    firewall,
    firewallNotIdentified,
    firewallPolicy,
    firewallPolicies,
    ruleCollectionGroups: groupLists.every(Boolean)
      ? groupLists.flatMap(list => list!)
      : undefined,
    wafPolicies: unique(wafPolicies),
    inCluster,
    ingressCertificate,
    vaults,
    registries: registriesOfCluster(cluster, index),
    policyAssignments: policyAssignmentsOfCluster(cluster, index),
    maintenanceConfigurations: cluster.id
      ? index.maintenanceConfigurationsOf(cluster.id)
      : undefined,
  };
}

/**
 * The chain's certificates as the certificate controls judge them: the
 * gateways' edge and trust-root certificates and Traefik's, with their
 * expiry from Key Vault.
 */
export function certificateObservations(
  resources: ClusterResources,
  context: CertificateContext &
    Pick<ResolveOptions, 'servedByTraefik' | 'servedNotProbedReason'>,
): CertificateObservations {
  const notProbed: ServedChain = {
    ok: false,
    reason: context.servedNotProbedReason ?? PROBE_OFF,
  };
  return {
    at: context.now.toISOString(),
    thresholds: context.thresholds,
    certificates: [
      ...gatewayCertificates(resources.gateways, context),
      ingressCertificateOf(resources, context),
    ],
    backendTrust: backendTrustObservations(
      backendTargets(resources.gateways),
      target =>
        context.servedByTraefik?.get(backendTargetKey(target)) ?? notProbed,
    ),
  };
}

/** The IP groups the firewall's rules (policy groups or classic collections) name, by id. */
function referencedIpGroups(
  firewall: ArmResource,
  groups: ArmResource[],
  index: InventoryIndex,
): ArmResource[] {
  const collections = [
    ...groups.flatMap(g => readArmList(g, 'ruleCollections')),
    ...[
      'natRuleCollections',
      'networkRuleCollections',
      'applicationRuleCollections',
    ].flatMap(field => readArmList(firewall, field)),
  ];
  const ids = collections
    .flatMap(c => readArmList(c, 'rules'))
    .flatMap(r => [
      ...readArmList(r, 'sourceIpGroups'),
      ...readArmList(r, 'destinationIpGroups'),
    ])
    .filter((id): id is string => typeof id === 'string');
  return unique(
    ids.map(id => index.byId(id)).filter((g): g is ArmResource => !!g),
  );
}

/** The policy and the parents its `basePolicy` chain names (stops at a cycle or a miss). */
function policyWithParents(
  policy: ArmResource | undefined,
  index: InventoryIndex,
): ArmResource[] {
  const chain: ArmResource[] = [];
  for (
    let current = policy;
    current?.id && !chain.includes(current);
    current = index.byId(asString(readArm(current, 'basePolicy.id')))
  ) {
    chain.push(current);
  }
  return chain;
}

/** What the baseline controls are judged on. */
export function controlInputs(
  cluster: ArmResource,
  resources: ClusterResources,
  index: InventoryIndex,
  certificates?: CertificateObservations,
): BaselineResources {
  const { nodeSubnet, routeTable, firewall, firewallPolicies, vaults } =
    resources;
  const vaultEndpoints = vaults.flatMap(v => index.privateEndpointsTo(v.id!));
  const registryEndpoints = resources.registries.endpoints;
  const { inCluster } = resources;
  const traefikInternalIp = inCluster.observed
    ? inCluster.traefik.internalIps[0]
    : undefined;
  return {
    cluster,
    applicationGateways: resources.gateways,
    wafPolicies: resources.wafPolicies,
    virtualNetworks: nodeSubnet.entry ? [nodeSubnet.entry.vnet] : undefined,
    routeTables: routeTable ? [routeTable] : undefined,
    azureFirewalls: firewall ? [firewall] : undefined,
    firewallPolicies: firewallPolicies.length ? firewallPolicies : undefined,
    firewallPolicyRuleCollectionGroups: firewallPolicies.length
      ? resources.ruleCollectionGroups
      : undefined,
    ipGroups: firewall
      ? referencedIpGroups(
          firewall,
          resources.ruleCollectionGroups ?? [],
          index,
        )
      : undefined,
    keyVaults: vaults.length > 0 ? vaults : undefined,
    privateEndpoints:
      vaults.length > 0 || registryEndpoints.length > 0
        ? unique([...vaultEndpoints, ...registryEndpoints])
        : undefined,
    containerRegistries: resources.registries.registries,
    policyAssignments: resources.policyAssignments,
    maintenanceConfigurations: resources.maintenanceConfigurations,
    ...telemetryInputs(
      cluster,
      { gateways: resources.gateways, vaults, vnet: nodeSubnet.entry?.vnet },
      index,
    ),
    kubernetes: inCluster.observation,
    certificates,
    context:
      traefikInternalIp || resources.firewallNotIdentified
        ? {
            ...(traefikInternalIp && { traefikInternalIp }),
            ...(resources.firewallNotIdentified && {
              firewallNotIdentified: resources.firewallNotIdentified,
            }),
          }
        : undefined,
  };
}

function resolveFromIndex(
  cluster: ArmResource,
  index: InventoryIndex,
  options: ResolveOptions,
): ClusterSnapshot {
  const resources = lookUpResources(cluster, index, options);
  const { gateways, inCluster, vaults } = resources;
  const certificateContext = { index, ...options };
  const observations = certificateObservations(resources, certificateContext);
  const { certificates } = observations;
  const inputs = controlInputs(cluster, resources, index, observations);
  const controls = evaluateBaselineControls(
    inputs,
    // The model the chain is drawn from: judged once, the same way.
    { inCluster: inCluster.observed ? inCluster : undefined },
  );
  const ingressCertificate = certificates.find(c => c.purpose === 'ingress');
  const chains = buildIngressChains(gateways, {
    ...certificateContext,
    controls,
    inCluster,
    ingressCertificate: ingressCertificate?.keyVaultSecretId
      ? ingressCertificate
      : undefined,
  });

  const { subscriptionId, resourceGroup } = clusterIdParts(cluster);
  const { routeTable, firewall, firewallNotIdentified } = resources;
  return {
    resourceId: cluster.id ?? '',
    name: cluster.name ?? '',
    subscriptionId,
    resourceGroup,
    location: cluster.location ?? '',
    kubernetesVersion: asString(readArm(cluster, 'kubernetesVersion')),
    ingress: chains,
    egress: buildEgressPath({
      cluster,
      index,
      controls,
      routeTable,
      firewall,
      firewallNotIdentified,
      egressProof: proveClusterEgress(inputs),
    }),
    keyVault: buildKeyVaultPath({ vaults, index, controls }),
    certificates,
    controls,
    kubernetes: inCluster.observed
      ? {
          observed: true,
          statusText: `read from the API server${
            inCluster.notes.length ? `; ${inCluster.notes.join('; ')}` : ''
          }`,
        }
      : { observed: false, statusText: `not observed: ${inCluster.reason}` },
    errors: [
      ...options.subscriptionErrors,
      ...(options.kubernetes?.error ? [options.kubernetes.error] : []),
      ...vaults
        .filter(v => options.vaultErrors.has(normalizeArmResourceId(v.id!)))
        .map(v => ({
          scope: v.id!,
          kind: 'vault' as const,
          message: options.vaultErrors.get(normalizeArmResourceId(v.id!))!,
        })),
    ],
    refreshedAt: options.now.toISOString(),
    trace: traceInputsOf(resources, inputs, index),
  };
}

/** Traefik's certificate from Key Vault, or why it is not known. */
function ingressCertificateOf(
  { ingressCertificate, inCluster }: ClusterResources,
  context: CertificateContext,
): CertificateInfo {
  if (!ingressCertificate) {
    return unobservedIngressCertificate(
      inCluster.observed
        ? "no SecretProviderClass in Traefik's namespace names it"
        : inCluster.reason,
    );
  }
  return certificateFromVault({
    ...context,
    purpose: 'ingress',
    name: ingressCertificate.secretName,
    secretId: `https://${ingressCertificate.vaultName}.vault.azure.net/secrets/${ingressCertificate.secretName}`,
  });
}

function ingressCertificateRef(cluster: ArmResource) {
  const tag = cluster.tags?.[INGRESS_CERTIFICATE_TAG];
  const [vaultName, secretName] = tag?.split('/') ?? [];
  return vaultName && secretName ? { vaultName, secretName } : undefined;
}

function unobservedIngressCertificate(reason: string): CertificateInfo {
  return {
    purpose: 'ingress',
    name: 'Traefik certificate',
    status: 'unknown',
    statusText: `not observed: ${reason}; or tag the cluster ${INGRESS_CERTIFICATE_TAG}=<vault>/<object>`,
  };
}

/** The vaults holding the chain's certificates. */
function referencedVaults(
  gateways: ArmResource[],
  ingressVaultName: string | undefined,
  index: InventoryIndex,
): ArmResource[] {
  const names = new Set<string>();
  for (const gateway of gateways) {
    for (const collection of ['sslCertificates', 'trustedRootCertificates']) {
      for (const certificate of readArmList(gateway, collection)) {
        const secretId = asString(readArm(certificate, 'keyVaultSecretId'));
        const parsed = secretId ? parseKeyVaultSecretId(secretId) : undefined;
        if (parsed) names.add(parsed.vaultName.toLowerCase());
      }
    }
  }
  if (ingressVaultName) names.add(ingressVaultName.toLowerCase());
  return [...names]
    .map(name => index.vaultByName(name))
    .filter((v): v is ArmResource => !!v?.id);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
