/**
 * The one home of ARM resource ids: parsing, normalising, comparing and
 * formatting them, and the grammar a managed cluster id is validated with.
 * Everything else calls these instead of splitting or building ids itself.
 */

/** The parts of an ARM resource id that routing and listing need. @public */
export interface ArmIdParts {
  subscriptionId: string;
  resourceGroup: string;
  /** Resource provider namespace, e.g. `Microsoft.KeyVault`. */
  namespace: string;
  /** Type path below the namespace, e.g. `['vaults', 'secrets']`. */
  types: string[];
  /** Names matching `types`, e.g. `['kv-prod', 'tls-cert']`. */
  names: string[];
}

/**
 * Splits `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}]...`
 * into its parts, or returns `undefined` for anything else (subscription or
 * resource group ids, extension resources, empty segments). Keywords match
 * in any case and trailing slashes are ignored; segment case is kept.
 *
 * @public
 */
export function parseArmId(id: string): ArmIdParts | undefined {
  if (!id.startsWith('/')) return undefined;
  const segments = id.replace(/\/+$/, '').split('/').slice(1);
  if (
    segments.length < 8 ||
    segments.length % 2 !== 0 ||
    segments.some(segment => segment === '') ||
    segments[0].toLowerCase() !== 'subscriptions' ||
    segments[2].toLowerCase() !== 'resourcegroups' ||
    segments[4].toLowerCase() !== 'providers'
  ) {
    return undefined;
  }
  const rest = segments.slice(6);
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  // A second `providers` starts an extension resource (a role assignment on
  // a vault), which is not a child of the resource before it.
  if (types.some(type => type.toLowerCase() === 'providers')) return undefined;
  return {
    subscriptionId: segments[1],
    resourceGroup: segments[3],
    namespace: segments[5],
    types,
    names,
  };
}

/**
 * The one spelling of an ARM id that keys and comparisons use: ARM ids are
 * case-insensitive (Azure itself returns one id in two spellings), and a
 * trailing slash does not make another resource. The snapshot store keys on
 * this, so it must stay byte-identical for the ids it has stored (lower case).
 *
 * @public
 */
export function normalizeArmResourceId(id: string): string {
  // Most ids have no trailing slash: skip the regular expression for them.
  return (id.endsWith('/') ? id.replace(/\/+$/, '') : id).toLowerCase();
}

/** Whether two ARM ids name the same resource. @public */
export function sameArmResourceId(a: string, b: string): boolean {
  return normalizeArmResourceId(a) === normalizeArmResourceId(b);
}

/** The parts a managed cluster id is made of. @public */
export interface ManagedClusterIdParts {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const MANAGED_CLUSTER_NAMESPACE = 'Microsoft.ContainerService';
const MANAGED_CLUSTER_TYPE = 'managedClusters';

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}`. @public */
export function formatManagedClusterId(parts: ManagedClusterIdParts): string {
  return `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}/providers/${MANAGED_CLUSTER_NAMESPACE}/${MANAGED_CLUSTER_TYPE}/${parts.name}`;
}

/** A managed cluster id's parts, or undefined for any other id. @public */
export function parseManagedClusterId(
  id: string,
): ManagedClusterIdParts | undefined {
  const parts = parseArmId(id);
  if (
    !parts ||
    parts.namespace.toLowerCase() !== MANAGED_CLUSTER_NAMESPACE.toLowerCase() ||
    parts.types.length !== 1 ||
    parts.types[0].toLowerCase() !== MANAGED_CLUSTER_TYPE.toLowerCase()
  ) {
    return undefined;
  }
  return {
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: parts.names[0],
  };
}

// The grammar, as Microsoft's ARM specifications state it (common-types
// SubscriptionIdParameter, ResourceGroupNameParameter; managedClusters
// resourceName), so config, routes and ids accept the same names.
const GUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RESOURCE_GROUP = '[-\\w._()]{1,90}';
const CLUSTER_NAME = '[a-zA-Z0-9](?:[-_a-zA-Z0-9]{0,61}[a-zA-Z0-9])?';

/** A subscription id (a GUID). @public */
export const SUBSCRIPTION_ID_PATTERN = new RegExp(`^${GUID}$`);
/** A resource group name: 1-90 letters, digits, `-_.()`. @public */
export const RESOURCE_GROUP_NAME_PATTERN = new RegExp(`^${RESOURCE_GROUP}$`);
/** An AKS cluster name: 1-63 letters, digits, `-_`, alphanumeric at both ends. @public */
export const MANAGED_CLUSTER_NAME_PATTERN = new RegExp(`^${CLUSTER_NAME}$`);
/** A managed cluster id built from the patterns above; keywords in any case. @public */
export const MANAGED_CLUSTER_ID_PATTERN = new RegExp(
  `^/subscriptions/${GUID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft\\.ContainerService/managedClusters/${CLUSTER_NAME}$`,
  'i',
);
