import { parseEntityRef } from '@backstage/catalog-model';
import {
  AKS_CLUSTER_NAME_MAX_LENGTH,
  APP_GATEWAY_SUBNET_MAX_PREFIX,
  AKS_CLUSTER_NAME_PATTERN,
  FIREWALL_RESOURCE_ID_PATTERN,
  VIRTUAL_NETWORK_RESOURCE_ID_PATTERN,
  GITOPS_REPOSITORY_URL_MAX_LENGTH,
  GITOPS_REPOSITORY_URL_PATTERN,
  GIT_BRANCH_MAX_LENGTH,
  GIT_BRANCH_PATTERN,
  IPV4_ADDRESS_PATTERN,
  KEY_VAULT_RESOURCE_ID_PATTERN,
  KUBERNETES_VERSION_PATTERN,
  LOG_ANALYTICS_WORKSPACE_ID_PATTERN,
  REGION_PATTERN,
  RESOURCE_GROUP_MAX_LENGTH,
  RESOURCE_GROUP_PATTERN,
  VM_SIZE_MAX_LENGTH,
  PRIVATE_RANGES,
  VM_SIZE_PATTERN,
  isSovereignRegion,
} from './clusterRules';
import { CheckedTextRule, TextRule } from './fields';
import { block, contains } from './ipv4Plan';
import {
  DNS1035_LABEL_PATTERN,
  FILE_NAME_MAX_LENGTH,
  GUID_PATTERN,
  HOST_NAME_MAX_LENGTH,
  HOST_NAME_PATTERN,
  HTTP_PATH_PATTERN,
  IPV4_CIDR_PATTERN,
  KEY_VAULT_NAME_PATTERN,
  KEY_VAULT_OBJECT_NAME_PATTERN,
  LABEL_KEY_PATTERN,
  LABEL_VALUE_PATTERN,
  RFC1123_LABEL_MAX_LENGTH,
  RFC1123_LABEL_PATTERN,
  TARGET_PORT_TEXT_PATTERN,
  WORKSPACE_DIR_MAX_LENGTH,
  WORKSPACE_DIR_PATTERN,
  hasNoHostBits,
  isReservedNamespace,
  parseIpv4Cidr,
} from './rules';

/*
 * The rules text fields follow, one per kind of value, with the words
 * errors use. Both actions build their fields from these, so a kind of
 * value means the same thing wherever it is asked for.
 */

export const rfc1123Label = {
  description:
    "an RFC 1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
  pattern: RFC1123_LABEL_PATTERN,
  maxLength: RFC1123_LABEL_MAX_LENGTH,
} satisfies TextRule;

/**
 * A name that names a Service: the strictest rule of all a name can meet
 * here (a DNS-1035 label is also an RFC 1123 label, a subdomain, a label
 * value, an entity name and, at 63 characters, fits App Gateway's 80 with
 * the suffixes the fragment adds).
 */
export const dns1035Label = {
  description:
    "a DNS-1035 label, as a Service name must be (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)",
  pattern: DNS1035_LABEL_PATTERN,
  maxLength: RFC1123_LABEL_MAX_LENGTH,
} satisfies TextRule;

/** A namespace an app or Traefik may own: not `default` nor `kube-*`. */
export const ownNamespace = {
  ...rfc1123Label,
  description: `${rfc1123Label.description}, not 'default' or 'kube-*'`,
  holds: name => !isReservedNamespace(name),
} satisfies TextRule;

export const hostName = {
  description:
    'a DNS host name (lowercase RFC 1123 labels of at most 63 characters joined by dots, at least two labels, at most 253 characters, no wildcard)',
  pattern: HOST_NAME_PATTERN,
  maxLength: HOST_NAME_MAX_LENGTH,
} satisfies TextRule;

export const keyVaultName = {
  description:
    "a Key Vault name (3-24 letters, digits and '-', starting with a letter, ending with a letter or digit, no '--')",
  pattern: KEY_VAULT_NAME_PATTERN,
} satisfies TextRule;

export const keyVaultObjectName = {
  description: "a Key Vault object name (1-127 letters, digits and '-')",
  pattern: KEY_VAULT_OBJECT_NAME_PATTERN,
} satisfies TextRule;

export const guid = {
  description: 'a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal)',
  pattern: GUID_PATTERN,
} satisfies TextRule;

export const ipv4Cidr = {
  description:
    'an IPv4 CIDR naming a network (a.b.c.d/n with no bits set after the prefix, e.g. 10.240.4.0/24)',
  pattern: IPV4_CIDR_PATTERN,
  holds: (value: string) => {
    const cidr = parseIpv4Cidr(value);
    return cidr !== undefined && hasNoHostBits(cidr);
  },
} satisfies TextRule;

/**
 * App Gateway v2's subnet: a private network (RFC 1918, or RFC 6598 shared
 * space, as a spoke may use) of /26 or larger. onboard-app makes it the
 * only source Traefik admits to the app (so 0.0.0.0/0 would admit
 * everyone), create-cluster puts the gateway in it: one rule for both.
 */
export const appGatewaySubnet = {
  description: `a private IPv4 network of /${APP_GATEWAY_SUBNET_MAX_PREFIX} or larger, App Gateway v2's subnet (inside ${PRIVATE_RANGES.join(
    ', ',
  )}; no bits set after the prefix; e.g. 10.240.5.0/24)`,
  pattern: IPV4_CIDR_PATTERN,
  holds: value => {
    if (!ipv4Cidr.holds(value)) return false;
    const subnet = block(value);
    return (
      subnet.prefix <= APP_GATEWAY_SUBNET_MAX_PREFIX &&
      PRIVATE_RANGES.some(range => contains(block(range), subnet))
    );
  },
} satisfies TextRule;

/** A Service's target port given as text: a number (the form's text field) or a name. */
export const targetPortText = {
  description:
    "a port number from 1 to 65535 or a named port (IANA_SVC_NAME: 1-15 lowercase letters, digits and single inner '-', with at least one letter)",
  pattern: TARGET_PORT_TEXT_PATTERN,
} satisfies TextRule;

export const labelKey = {
  description:
    "a label key (optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', alphanumeric at both ends)",
  pattern: LABEL_KEY_PATTERN,
} satisfies TextRule;

export const labelValue = {
  description:
    "a label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)",
  pattern: LABEL_VALUE_PATTERN,
  maxLength: 63,
} satisfies TextRule;

export const httpPath = {
  description:
    "an HTTP path starting with '/' (letters, digits, '.', '_', '~', '-' and '/', at most 256 characters)",
  pattern: HTTP_PATH_PATTERN,
} satisfies TextRule;

export const workspaceDir = {
  description: `a relative folder inside the workspace (names of letters, digits, '.', '_' and '-' separated by '/', no '..'; each name at most ${FILE_NAME_MAX_LENGTH} characters, as file systems take, the whole at most ${WORKSPACE_DIR_MAX_LENGTH})`,
  pattern: WORKSPACE_DIR_PATTERN,
  maxLength: WORKSPACE_DIR_MAX_LENGTH,
} satisfies TextRule;

/**
 * Entity names and namespaces: 1-63 ASCII letters and digits, separated by
 * single '-', '_' or '.' (namespaces: lowercase and '-').
 */
const ENTITY_REF_PATTERN =
  '^(?:[A-Za-z]+:)?(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$';

/** `[kind:][namespace/]name` -> the full ref, kinds lower-cased. */
export function toEntityRef(text: string, defaultKind: string) {
  const ref = parseEntityRef(text, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return { ...ref, kind: ref.kind.toLocaleLowerCase('en-US') };
}

/** An entity ref of one of `kinds`; the first is the default. */
export function entityRef(kinds: [string, ...string[]]): CheckedTextRule {
  return {
    description: `an entity ref of kind ${kinds.join(
      ' or ',
    )} ([kind:][namespace/]name, names of letters, digits and '-', '_' or '.')`,
    pattern: ENTITY_REF_PATTERN,
    holds: value => {
      const ref = toEntityRef(value, kinds[0]);
      return (
        kinds.includes(ref.kind) &&
        ref.name.length <= 63 &&
        ref.namespace.length <= 63
      );
    },
  };
}

export const aksClusterName = {
  description:
    "an AKS cluster name (1-63 letters, digits, '-' and '_', starting and ending with a letter or digit, no two of '-'/'_' in a row)",
  pattern: AKS_CLUSTER_NAME_PATTERN,
  maxLength: AKS_CLUSTER_NAME_MAX_LENGTH,
} satisfies TextRule;

export const resourceGroupName = {
  description:
    "a resource group name (1-90 letters, digits, '_', '-', '.', '(' and ')', not ending with '.')",
  pattern: RESOURCE_GROUP_PATTERN,
  maxLength: RESOURCE_GROUP_MAX_LENGTH,
} satisfies TextRule;

/** The generated template names the public cloud's DNS suffixes. */
export const publicCloudRegion = {
  description:
    "a public-cloud region's programmatic name (lowercase letters and digits, e.g. westeurope; the template names the public cloud's Key Vault and Private Link DNS suffixes)",
  pattern: REGION_PATTERN,
  holds: region => !isSovereignRegion(region),
} satisfies TextRule;

export const kubernetesVersion = {
  description:
    'a Kubernetes version as AKS takes it: 1.<minor> or 1.<minor>.<patch> (e.g. 1.34 or 1.34.2)',
  pattern: KUBERNETES_VERSION_PATTERN,
} satisfies TextRule;

export const vmSize = {
  description: 'an Azure VM size (e.g. Standard_D4ds_v5)',
  pattern: VM_SIZE_PATTERN,
  maxLength: VM_SIZE_MAX_LENGTH,
} satisfies TextRule;

export const ipv4Address = {
  description: 'an IPv4 address (a.b.c.d, no leading zeros)',
  pattern: IPV4_ADDRESS_PATTERN,
} satisfies TextRule;

export const firewallResourceId = {
  description:
    'the ARM resource id of an Azure Firewall (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/azureFirewalls/<name>)',
  pattern: FIREWALL_RESOURCE_ID_PATTERN,
} satisfies TextRule;

export const virtualNetworkResourceId = {
  description:
    'the ARM resource id of a virtual network (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>)',
  pattern: VIRTUAL_NETWORK_RESOURCE_ID_PATTERN,
} satisfies TextRule;

export const logAnalyticsWorkspaceId = {
  description:
    'the ARM resource id of a Log Analytics workspace (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)',
  pattern: LOG_ANALYTICS_WORKSPACE_ID_PATTERN,
} satisfies TextRule;

export const keyVaultResourceId = {
  description:
    'the ARM resource id of a Key Vault (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>)',
  pattern: KEY_VAULT_RESOURCE_ID_PATTERN,
} satisfies TextRule;

export const gitopsRepositoryUrl = {
  description:
    'an https URL of a Git repository (https://<host>[:port]/<path>, no credentials, query or fragment; at most 2048 characters)',
  pattern: GITOPS_REPOSITORY_URL_PATTERN,
  maxLength: GITOPS_REPOSITORY_URL_MAX_LENGTH,
} satisfies TextRule;

export const gitBranch = {
  description:
    "a Git branch name (letters, digits, '.', '_', '-' and '/'; no '..' or '//', not starting with '-' or '/', not ending with '/', '.' or '.lock')",
  pattern: GIT_BRANCH_PATTERN,
  maxLength: GIT_BRANCH_MAX_LENGTH,
} satisfies TextRule;
