import {
  AKS_CLUSTER_NAME_MAX_LENGTH,
  AKS_CLUSTER_NAME_PATTERN,
  FIREWALL_RESOURCE_ID_PATTERN,
  IPV4_ADDRESS_PATTERN,
  KEY_VAULT_RESOURCE_ID_PATTERN,
  KUBERNETES_VERSION_PATTERN,
  LOG_ANALYTICS_WORKSPACE_ID_PATTERN,
  REGION_PATTERN,
  RESOURCE_GROUP_MAX_LENGTH,
  RESOURCE_GROUP_PATTERN,
  VM_SIZE_MAX_LENGTH,
  VM_SIZE_PATTERN,
} from './clusterRules';
import { StringRule } from './fields';
import { matches } from './rules';

/** The rules create-cluster fields are checked against, with the words errors use. */

export const aksClusterName: StringRule = {
  description:
    "an AKS cluster name (1-63 letters, digits, '-' and '_', starting and ending with a letter or digit, no two of '-'/'_' in a row)",
  test: value =>
    value.length <= AKS_CLUSTER_NAME_MAX_LENGTH &&
    matches(AKS_CLUSTER_NAME_PATTERN, value),
};

export const resourceGroupName: StringRule = {
  description:
    "a resource group name (1-90 letters, digits, '_', '-', '.', '(' and ')', not ending with '.')",
  test: value =>
    value.length <= RESOURCE_GROUP_MAX_LENGTH &&
    matches(RESOURCE_GROUP_PATTERN, value),
};

export const region: StringRule = {
  description:
    "an Azure region's programmatic name (lowercase letters and digits, e.g. westeurope)",
  test: value => matches(REGION_PATTERN, value),
};

export const kubernetesVersion: StringRule = {
  description:
    'a Kubernetes version as AKS takes it: 1.<minor> or 1.<minor>.<patch> (e.g. 1.34 or 1.34.2)',
  test: value => matches(KUBERNETES_VERSION_PATTERN, value),
};

export const vmSize: StringRule = {
  description: 'an Azure VM size (e.g. Standard_D4ds_v5)',
  test: value =>
    value.length <= VM_SIZE_MAX_LENGTH && matches(VM_SIZE_PATTERN, value),
};

export const ipv4Address: StringRule = {
  description: 'an IPv4 address (a.b.c.d, no leading zeros)',
  test: value => matches(IPV4_ADDRESS_PATTERN, value),
};

export const firewallResourceId: StringRule = {
  description:
    'the ARM resource id of an Azure Firewall (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/azureFirewalls/<name>)',
  test: value => matches(FIREWALL_RESOURCE_ID_PATTERN, value),
};

export const logAnalyticsWorkspaceId: StringRule = {
  description:
    'the ARM resource id of a Log Analytics workspace (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)',
  test: value => matches(LOG_ANALYTICS_WORKSPACE_ID_PATTERN, value),
};

export const keyVaultResourceId: StringRule = {
  description:
    'the ARM resource id of a Key Vault (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>)',
  test: value => matches(KEY_VAULT_RESOURCE_ID_PATTERN, value),
};
