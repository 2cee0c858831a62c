import { GUID_PATTERN, HOST_NAME_PATTERN } from './rules';

/**
 * Naming and syntax rules of the create-cluster input, as patterns shared
 * with the action's JSON schema (and so with the form) and as limits. Azure's
 * own rules, narrowed where a name is reused somewhere stricter (noted).
 * Every pattern is ASCII-only and anchored.
 */

/**
 * AKS cluster name: Azure allows 1-63 letters, digits, '-' and '_', starting
 * and ending with a letter or digit. The name also becomes the catalog
 * entity's name, which forbids two separators in a row, so this pattern
 * does too.
 */
export const AKS_CLUSTER_NAME_PATTERN = '^[a-zA-Z0-9]+(?:[-_][a-zA-Z0-9]+)*$';
export const AKS_CLUSTER_NAME_MAX_LENGTH = 63;

/**
 * Resource group: 1-90 letters, digits, '_', '-', '.', '(' and ')', not
 * ending with '.'. (Azure also accepts non-ASCII letters; this does not.)
 */
export const RESOURCE_GROUP_PATTERN = '^[-A-Za-z0-9._()]{0,89}[-A-Za-z0-9_()]$';
export const RESOURCE_GROUP_MAX_LENGTH = 90;

/** An Azure region's programmatic name, e.g. westeurope, eastus2. */
export const REGION_PATTERN = '^[a-z][a-z0-9]{2,39}$';

/** AKS accepts `major.minor` (latest patch) or `major.minor.patch`. */
export const KUBERNETES_VERSION_PATTERN = '^1\\.[1-9][0-9](?:\\.[0-9]{1,3})?$';

/** A VM size such as Standard_D4ds_v5. */
export const VM_SIZE_PATTERN = '^Standard_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$';
export const VM_SIZE_MAX_LENGTH = 64;

/** Nodes per pool (AKS limit for a Virtual Machine Scale Sets pool). */
export const NODE_COUNT_MAX = 1000;
export const SYSTEM_NODE_COUNT_MIN = 1;
/** Traefik runs two replicas that must not share a node (required anti-affinity). */
export const USER_NODE_MIN_COUNT_MIN = 2;

const GUID = GUID_PATTERN.slice(1, -1);
const RG = '[-A-Za-z0-9._()]{0,89}[-A-Za-z0-9_()]';

/** ARM id of the hub's Azure Firewall. */
export const FIREWALL_RESOURCE_ID_PATTERN = `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.Network/azureFirewalls/[A-Za-z0-9](?:[-A-Za-z0-9._]{0,78}[A-Za-z0-9_])?$`;

/**
 * ARM id of the hub's virtual network (names: 2-64 letters, digits, '_',
 * '.', '-'; starting with a letter or digit, ending with one or '_').
 */
export const VIRTUAL_NETWORK_RESOURCE_ID_PATTERN = `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.Network/virtualNetworks/[A-Za-z0-9][-A-Za-z0-9._]{0,62}[A-Za-z0-9_]$`;

/** ARM id of a Log Analytics workspace (names: 4-63 letters, digits, '-'). */
export const LOG_ANALYTICS_WORKSPACE_ID_PATTERN = `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.OperationalInsights/workspaces/[A-Za-z0-9][-A-Za-z0-9]{2,61}[A-Za-z0-9]$`;

/** ARM id of an existing Key Vault (names: 3-24 letters, digits, '-'). */
export const KEY_VAULT_RESOURCE_ID_PATTERN = `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.KeyVault/vaults/[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$`;

/**
 * The GitOps repository Flux clones: an https URL with a host name, an
 * optional port and a path, nothing else. No credentials (`user@`), query or
 * fragment: Flux reads the credential from a Kubernetes secret, never from
 * the URL, and the URL lands in the repository and the ARM template.
 */
const HOST = HOST_NAME_PATTERN.slice(1, -1);
export const GITOPS_REPOSITORY_URL_PATTERN = `^https://${HOST}(?::[1-9][0-9]{0,4})?(?:/[A-Za-z0-9._~-]+)+/?$`;
export const GITOPS_REPOSITORY_URL_MAX_LENGTH = 2048;

/**
 * A Git branch name (git check-ref-format, narrowed to ASCII letters,
 * digits, '.', '_', '-' and '/'): no '..', '//', leading '-' or '/',
 * trailing '/', '.' or '.lock'.
 */
export const GIT_BRANCH_PATTERN =
  '^(?![-/])(?!.*\\.\\.)(?!.*//)(?!.*(?:/|\\.|\\.lock)$)[A-Za-z0-9._/-]+$';
export const GIT_BRANCH_MAX_LENGTH = 255;

/** An IPv4 address, no leading zeros (one pattern with the stamp contract's). */
export { IPV4_ADDRESS_PATTERN } from '@aks-baseline/plugin-aks-baseline-common';

/** Smallest subnet Azure allows. */
export const AZURE_MIN_SUBNET_PREFIX = 29;
/** Azure reserves the first four addresses and the last one of every subnet. */
export const AZURE_RESERVED_ADDRESSES = 5;
/** App Gateway v2: /24 recommended (room to autoscale); smaller than /26 refused. */
export const APP_GATEWAY_SUBNET_RECOMMENDED_PREFIX = 24;
export const APP_GATEWAY_SUBNET_MAX_PREFIX = 26;
/** AKS refuses a service CIDR larger than /12. */
export const SERVICE_CIDR_MIN_PREFIX = 12;
/** API Server VNet Integration needs a delegated subnet of at least /28 (Microsoft Learn). */
export const API_SERVER_SUBNET_MAX_PREFIX = 28;
/** Pods per node with Azure CNI (pods take node-subnet addresses). */
export const MAX_PODS_PER_NODE = 30;
/** Extra nodes during an upgrade (the pools' maxSurge). */
export const UPGRADE_SURGE_PERCENT = 33;

/** Ranges AKS reserves: a service CIDR must not overlap them. */
export const AKS_RESERVED_RANGES = [
  '169.254.0.0/16',
  '172.30.0.0/16',
  '172.31.0.0/16',
  '192.0.2.0/24',
];

/** Private address space a spoke and its hub may use (RFC 1918 and RFC 6598). */
export const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
];

/**
 * Regions with availability zones (public cloud). The cluster's pools, the
 * App Gateway and its public IP are spread over zones 1-3 there; elsewhere
 * they are regional and the summary says so. A region missing here still
 * deploys, without zones.
 */
export const REGIONS_WITH_ZONES = new Set([
  'australiaeast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'canadacentral',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'westeurope',
  'westus2',
  'westus3',
]);

/**
 * Sovereign clouds use other Key Vault and Private Link DNS suffixes; the
 * generated template names the public cloud's.
 */
export function isSovereignRegion(region: string): boolean {
  return /^(usgov|usdod|usnat|ussec|china)/.test(region);
}
