import type {
  AzureCloudName,
  EgressComponent,
  EgressDestination,
  EgressProtocol,
  EgressRequirement,
  EgressStamp,
} from './types';

/*
 * The outbound flows a baseline stamp needs. Primary source: Microsoft Learn,
 * "Outbound network and FQDN rules for Azure Kubernetes Service (AKS)
 * clusters" (AKS_OUTBOUND below), per cloud. Second source: the reference
 * implementation's hub (mspnp/aks-baseline network-team/hub-regionA.bicep).
 * Where the two differ we follow Microsoft's list, because it is the list
 * AKS supports and it is narrower:
 *
 * - Core AKS: the reference allows the `AzureKubernetesService` FQDN tag and
 *   TCP 443 / UDP 1194 to the whole `AzureCloud.<region>` service tag. We list
 *   the FQDNs one by one (one rule per requirement, so a missing rule names
 *   its requirement; the evaluator still understands the tag on a live hub),
 *   and ask for 1194/9000 only where Microsoft does: a public API server
 *   without konnectivity. A private cluster reaches its API server through a
 *   private endpoint in the spoke, not the firewall.
 * - NTP (UDP 123): Microsoft: "isn't required for nodes provisioned after
 *   March 2021"; not listed. DNS: only for custom DNS servers (Azure DNS and
 *   the firewall's DNS proxy are not flows through the firewall's rules); the
 *   reference's `*:53` rule is wider than that.
 * - Azure Monitor: the reference lists four names; Microsoft's table (and the
 *   Azure Monitor firewall page) adds the agent telemetry and the data
 *   collection rule endpoints the Azure Monitor agent needs. We follow
 *   Microsoft.
 * - Flux: Microsoft's "Cluster extensions" table, without the marketplace
 *   registries and metering (Flux is a first-party extension), plus the Git
 *   host. The reference also opens `*.blob.core.windows.net` (every storage
 *   account: an exfiltration path) and `*.docker.io`/`*.docker.com`/`ghcr.io`
 *   for its own bootstrap manifests; not ours.
 * - Key Vault (CSI driver): reached through its private endpoint (KV-02),
 *   inside the VNet, so no firewall rule; the token it needs comes from
 *   Entra ID (workload identity), listed below.
 * - Optional Ubuntu update hosts (HTTP 80): Microsoft marks them optional;
 *   the baseline takes OS updates with node image upgrades.
 * - Container registry: Docker Hub's documented hosts instead of the
 *   reference's wildcards, for stamps whose workloads pull from docker.io.
 *   A registry reached through a private endpoint in the VNet (the
 *   generated stamp's Azure Container Registry, with its data endpoints)
 *   is, like Key Vault, no flow through the firewall: the stamp does not
 *   list it among `containerRegistries`.
 */

const AKS_OUTBOUND =
  'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress';
const MONITOR_FIREWALL =
  'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-firewall';
const DOCKER_ALLOWLIST = 'https://docs.docker.com/desktop/setup/allow-list/';
const FLUX_GIT = 'https://fluxcd.io/flux/components/source/gitrepositories/';

/** Per-cloud host names, from AKS_OUTBOUND's per-cloud tables. */
interface CloudEndpoints {
  apiServer: (location: string) => string;
  mcr: string[];
  management: string;
  login: string;
  packages: string[];
  monitor: (location: string) => string[];
  policy: string[];
  policyTelemetry?: string;
  /** Log Analytics ingestion and workspace authentication (Defender uses them too). */
  opinsights: string[];
  flux?: (location: string) => string[];
}

const CLOUDS: Record<AzureCloudName, CloudEndpoints> = {
  AzurePublicCloud: {
    apiServer: l => `*.hcp.${l}.azmk8s.io`,
    mcr: [
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'mcr-0001.mcr-msedge.net',
    ],
    management: 'management.azure.com',
    login: 'login.microsoftonline.com',
    packages: ['packages.microsoft.com', 'acs-mirror.azureedge.net'],
    monitor: l => [
      'dc.services.visualstudio.com',
      '*.ods.opinsights.azure.com',
      '*.oms.opinsights.azure.com',
      '*.monitoring.azure.com',
      'global.handler.control.monitor.azure.com',
      `${l}.ingest.monitor.azure.com`,
      `${l}.handler.control.monitor.azure.com`,
    ],
    policy: ['data.policy.core.windows.net', 'store.policy.core.windows.net'],
    policyTelemetry: 'dc.services.visualstudio.com',
    opinsights: ['*.ods.opinsights.azure.com', '*.oms.opinsights.azure.com'],
    flux: l => [
      `${l}.dp.kubernetesconfiguration.azure.com`,
      '*.ingestion.msftcloudes.com',
      '*.microsoftmetrics.com',
    ],
  },
  AzureUSGovernment: {
    apiServer: l => `*.hcp.${l}.cx.aks.containerservice.azure.us`,
    mcr: ['mcr.microsoft.com', '*.data.mcr.microsoft.com'],
    management: 'management.usgovcloudapi.net',
    login: 'login.microsoftonline.us',
    packages: ['packages.microsoft.com', 'acs-mirror.azureedge.net'],
    monitor: l => [
      'dc.services.visualstudio.us',
      '*.ods.opinsights.azure.us',
      '*.oms.opinsights.azure.us',
      'global.handler.control.monitor.azure.us',
      `${l}.handler.control.monitor.azure.us`,
    ],
    policy: ['data.policy.azure.us', 'store.policy.azure.us'],
    opinsights: ['*.ods.opinsights.azure.us', '*.oms.opinsights.azure.us'],
    flux: l => [`${l}.dp.kubernetesconfiguration.azure.us`],
  },
  AzureChinaCloud: {
    apiServer: l => `*.hcp.${l}.cx.prod.service.azk8s.cn`,
    mcr: ['mcr.microsoft.com', '*.data.mcr.microsoft.com'],
    management: 'management.chinacloudapi.cn',
    login: 'login.chinacloudapi.cn',
    packages: ['packages.microsoft.com', '*.azk8s.cn'],
    monitor: l => [
      'dc.services.visualstudio.cn',
      '*.ods.opinsights.azure.cn',
      '*.oms.opinsights.azure.cn',
      'global.handler.control.monitor.azure.cn',
      `${l}.handler.control.monitor.azure.cn`,
    ],
    policy: ['data.policy.azure.cn', 'store.policy.azure.cn'],
    opinsights: ['*.ods.opinsights.azure.cn', '*.oms.opinsights.azure.cn'],
    // Microsoft publishes no cluster-extension endpoints for this cloud.
  },
};

/** Docker Hub's registry, token and blob hosts. */
const DOCKER_HUB_HOSTS = [
  'registry-1.docker.io',
  'auth.docker.io',
  'production.cloudflare.docker.com',
];

interface Need {
  destination: EgressDestination;
  protocol: EgressProtocol;
  port: number;
  component: EgressComponent;
  why: string;
  document: string;
}

// Host names compare case-insensitively; requirements carry them in lower case.
const https = (
  host: string,
  component: EgressComponent,
  why: string,
  document = AKS_OUTBOUND,
): Need => ({
  destination: { kind: 'fqdn', value: host.toLowerCase() },
  protocol: 'Https',
  port: 443,
  component,
  why,
  document,
});

function aksNeeds(stamp: EgressStamp, cloud: CloudEndpoints): Need[] {
  const needs: Need[] = [
    ...cloud.mcr.map(host =>
      https(
        host,
        'aks',
        'system images and charts from Microsoft Container Registry (and its CDN data endpoints)',
      ),
    ),
    https(
      cloud.management,
      'aks',
      'Kubernetes operations against the Azure API',
    ),
    https(cloud.login, 'aks', 'Microsoft Entra ID authentication'),
    ...cloud.packages.map(host =>
      https(
        host,
        'aks',
        'node packages and binaries (apt cache, kubenet/Azure CNI binaries)',
      ),
    ),
  ];
  if (!stamp.privateCluster) {
    needs.push(
      https(
        cloud.apiServer(stamp.location),
        'aks',
        'node <-> API server (konnectivity over 443)',
      ),
    );
    if (stamp.konnectivity === false) {
      const tag = `AzureCloud.${stamp.location}`;
      for (const [protocol, port] of [
        ['UDP', 1194],
        ['TCP', 9000],
      ] as const) {
        needs.push({
          destination: { kind: 'serviceTag', value: tag },
          protocol,
          port,
          component: 'aks',
          why: 'tunnelled node <-> control plane traffic on clusters without konnectivity',
          document: AKS_OUTBOUND,
        });
      }
    }
  }
  for (const server of stamp.customDnsServers ?? []) {
    needs.push({
      destination: { kind: 'cidr', value: server },
      protocol: 'UDP',
      port: 53,
      component: 'custom-dns',
      why: 'custom DNS server outside the VNet',
      document: AKS_OUTBOUND,
    });
  }
  return needs;
}

function addOnNeeds(stamp: EgressStamp, cloud: CloudEndpoints): Need[] {
  const needs: Need[] = [];
  if (stamp.azureMonitor) {
    needs.push(
      ...cloud
        .monitor(stamp.location)
        .map(host =>
          https(
            host,
            'azure-monitor',
            'Container insights / Azure Monitor agent: ingestion, authentication, data collection rules',
            MONITOR_FIREWALL,
          ),
        ),
      https(
        cloud.login,
        'azure-monitor',
        'Azure Monitor agent authentication',
        MONITOR_FIREWALL,
      ),
    );
  }
  if (stamp.azurePolicy) {
    needs.push(
      ...cloud.policy.map(host =>
        https(
          host,
          'azure-policy',
          'policy definitions, Gatekeeper artifacts, compliance reports',
        ),
      ),
    );
    if (cloud.policyTelemetry)
      needs.push(
        https(
          cloud.policyTelemetry,
          'azure-policy',
          'Azure Policy add-on telemetry',
        ),
      );
  }
  if (stamp.defender) {
    needs.push(
      https(cloud.login, 'defender', 'Defender sensor authentication'),
      ...cloud.opinsights.map(host =>
        https(
          host,
          'defender',
          'Defender security events and workspace authentication',
        ),
      ),
    );
  }
  if (stamp.workloadIdentity) {
    needs.push(
      https(
        cloud.login,
        'workload-identity',
        'workload identity: service account token exchanged for an Entra ID token (Key Vault CSI driver, Traefik)',
      ),
    );
  }
  return needs;
}

function deliveryNeeds(stamp: EgressStamp, cloud: CloudEndpoints): Need[] {
  const needs: Need[] = [];
  if (stamp.flux) {
    if (!cloud.flux) {
      throw new Error(
        `no published cluster-extension endpoints for ${stamp.cloud}: Flux egress cannot be listed`,
      );
    }
    needs.push(
      ...cloud
        .flux(stamp.location)
        .map(host =>
          https(
            host,
            'flux',
            'Flux cluster extension: configuration, status and agent metrics',
          ),
        ),
      ...cloud.mcr
        .slice(0, 2)
        .map(host => https(host, 'flux', 'Flux extension agent images')),
      ...stamp.flux.gitHosts.map(host =>
        https(
          host,
          'git-host',
          'Flux source-controller clones the GitOps repository over HTTPS',
          FLUX_GIT,
        ),
      ),
    );
    for (const host of stamp.flux.gitSshHosts ?? []) {
      needs.push({
        destination: { kind: 'fqdn', value: host.toLowerCase() },
        protocol: 'TCP',
        port: 22,
        component: 'git-host',
        why: 'Flux source-controller clones the GitOps repository over SSH',
        document: FLUX_GIT,
      });
    }
  }
  for (const registry of stamp.containerRegistries) {
    const hosts =
      registry.toLowerCase() === 'docker.io' ? DOCKER_HUB_HOSTS : [registry];
    needs.push(
      ...hosts.map(host =>
        https(
          host,
          'container-registry',
          `image pulls of the stamp's workloads from ${registry}`,
          registry.toLowerCase() === 'docker.io'
            ? DOCKER_ALLOWLIST
            : AKS_OUTBOUND,
        ),
      ),
    );
  }
  return needs;
}

/**
 * The names the `AzureKubernetesService` FQDN tag lets through: Microsoft's
 * required AKS FQDNs of the public cloud, the API server's per-region
 * `*.hcp.<region>.azmk8s.io` approximated by `*.azmk8s.io`.
 */
export function aksFqdnTagNames(): string[] {
  const cloud = CLOUDS.AzurePublicCloud;
  return [
    '*.azmk8s.io',
    ...cloud.mcr,
    cloud.management,
    cloud.login,
    ...cloud.packages,
  ];
}

/** The stable id of a flow: `<protocol>:<destination>:<port>`, lower case. */
export function egressRequirementId(flow: {
  destination: EgressDestination;
  protocol: EgressProtocol;
  port: number;
}): string {
  return `${flow.protocol}:${flow.destination.value}:${flow.port}`.toLowerCase();
}

/**
 * Every outbound flow the stamp needs through the firewall, one per
 * destination, protocol and port, in a stable order. Pure.
 * @public
 */
export function egressRequirements(stamp: EgressStamp): EgressRequirement[] {
  const cloud = CLOUDS[stamp.cloud];
  const needs = [
    ...aksNeeds(stamp, cloud),
    ...addOnNeeds(stamp, cloud),
    ...deliveryNeeds(stamp, cloud),
  ];
  const byId = new Map<string, EgressRequirement>();
  for (const need of needs) {
    const id = egressRequirementId(need);
    const reason = {
      component: need.component,
      why: need.why,
      document: need.document,
    };
    const existing = byId.get(id);
    if (existing) {
      existing.reasons.push(reason);
      continue;
    }
    byId.set(id, {
      id,
      sources: [...stamp.nodeSubnets],
      destination: need.destination,
      protocol: need.protocol,
      port: need.port,
      reasons: [reason],
    });
  }
  return [...byId.values()];
}
