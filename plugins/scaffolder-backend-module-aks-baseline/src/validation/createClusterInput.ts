import { stringifyEntityRef } from '@backstage/catalog-model';
import { posix } from 'node:path';
import type { ClusterSpec } from '../generators/cluster/spec';
import {
  CREATE_CLUSTER_DEFAULTS as DEFAULTS,
  DNS_SERVICE_IP_OFFSET,
  TRAEFIK_IP_OFFSET,
} from './clusterDefaults';
import {
  NODE_COUNT_MAX,
  REGIONS_WITH_ZONES,
  SYSTEM_NODE_COUNT_MIN,
  USER_NODE_MIN_COUNT_MIN,
  isSovereignRegion,
} from './clusterRules';
import * as clusterRules from './clusterStringRules';
import {
  invalidInput,
  isAbsent,
  readInteger,
  readObject,
  readOptionalString,
  readString,
} from './fields';
import { addressText, block } from './ipv4Plan';
import { checkNetworkPlan } from './networkPlan';
import { readEntityRef } from './onboardAppInput';
import { isReservedNamespace } from './rules';
import * as rules from './stringRules';

/** The fields the action accepts (its schema lists the same). */
export const CREATE_CLUSTER_FIELDS = [
  'clusterName',
  'owner',
  'subscriptionId',
  'resourceGroup',
  'location',
  'kubernetesVersion',
  'systemNodeVmSize',
  'systemNodeCount',
  'userNodeVmSize',
  'userNodeMinCount',
  'userNodeMaxCount',
  'vnetAddressSpace',
  'nodeSubnetCidr',
  'ingressSubnetCidr',
  'appGatewaySubnetCidr',
  'privateEndpointsSubnetCidr',
  'serviceCidr',
  'dnsServiceIp',
  'traefikInternalIp',
  'firewallPrivateIp',
  'firewallResourceId',
  'ingressDomain',
  'tenantId',
  'adminGroupObjectId',
  'keyVaultName',
  'edgeCertificateName',
  'ingressCertificateName',
  'backendRootCertificateName',
  'certificateSourceVaultId',
  'logAnalyticsWorkspaceId',
  'traefikNamespace',
  'outputDir',
  'deploy',
] as const;

export interface CreateClusterRequest {
  spec: ClusterSpec;
  /** Workspace folder for the generated repository ('' = the workspace root). */
  outputDir: string;
  /** Create the ARM deployment too (only validate it in a dry run). */
  deploy: boolean;
  /** Accepted, but worth telling the user (shown in the summary). */
  notes: string[];
}

/**
 * Raw action input -> a validated cluster spec, or an `InputError` naming
 * the first field that breaks a rule. Pure.
 */
export function parseCreateClusterInput(raw: unknown): CreateClusterRequest {
  const input = readObject(raw, '', CREATE_CLUSTER_FIELDS);
  const text = (field: string, rule: typeof rules.guid, fallback?: string) =>
    fallback === undefined
      ? readString(input[field], field, rule)
      : readOptionalString(input[field], field, rule) ?? fallback;
  const count = (field: string, min: number, fallback: number) =>
    isAbsent(input[field])
      ? fallback
      : readInteger(input[field], field, {
          min,
          max: NODE_COUNT_MAX,
          what: 'a node count',
        });
  const notes: string[] = [];

  const clusterName = text('clusterName', clusterRules.aksClusterName);
  const owner = readEntityRef(input.owner, 'owner', {
    defaultKind: 'group',
    kinds: ['group', 'user'],
  });
  const location = text('location', clusterRules.region);
  if (isSovereignRegion(location)) {
    throw invalidInput(
      'location',
      'a public-cloud region (the template names the public cloud Key Vault and Private Link DNS suffixes)',
      location,
    );
  }
  const availabilityZones = REGIONS_WITH_ZONES.has(location)
    ? ['1', '2', '3']
    : [];
  if (availabilityZones.length === 0) {
    notes.push(
      `${location} is not known to have availability zones: node pools, App Gateway and its public IP are regional (not zone-redundant).`,
    );
  }

  const systemNodeCount = count(
    'systemNodeCount',
    SYSTEM_NODE_COUNT_MIN,
    DEFAULTS.systemNodeCount,
  );
  const userNodeMinCount = count(
    'userNodeMinCount',
    USER_NODE_MIN_COUNT_MIN,
    DEFAULTS.userNodeMinCount,
  );
  const userNodeMaxCount = count(
    'userNodeMaxCount',
    USER_NODE_MIN_COUNT_MIN,
    DEFAULTS.userNodeMaxCount,
  );
  if (userNodeMaxCount < userNodeMinCount) {
    throw invalidInput(
      'userNodeMaxCount',
      `at least userNodeMinCount (${userNodeMinCount})`,
      userNodeMaxCount,
    );
  }

  const cidr = (field: string, fallback: string) =>
    text(field, rules.ipv4Cidr, fallback);
  const network = {
    vnetAddressSpace: cidr('vnetAddressSpace', DEFAULTS.vnetAddressSpace),
    nodeSubnetCidr: cidr('nodeSubnetCidr', DEFAULTS.nodeSubnetCidr),
    ingressSubnetCidr: cidr('ingressSubnetCidr', DEFAULTS.ingressSubnetCidr),
    appGatewaySubnetCidr: cidr(
      'appGatewaySubnetCidr',
      DEFAULTS.appGatewaySubnetCidr,
    ),
    privateEndpointsSubnetCidr: cidr(
      'privateEndpointsSubnetCidr',
      DEFAULTS.privateEndpointsSubnetCidr,
    ),
    serviceCidr: cidr('serviceCidr', DEFAULTS.serviceCidr),
  };
  const offset = (cidrText: string, by: number) =>
    addressText(block(cidrText).first + by);
  const dnsServiceIp = text(
    'dnsServiceIp',
    clusterRules.ipv4Address,
    offset(network.serviceCidr, DNS_SERVICE_IP_OFFSET),
  );
  const traefikIp = text(
    'traefikInternalIp',
    clusterRules.ipv4Address,
    offset(network.ingressSubnetCidr, TRAEFIK_IP_OFFSET),
  );
  const firewallPrivateIp = text('firewallPrivateIp', clusterRules.ipv4Address);
  notes.push(
    ...checkNetworkPlan({
      ...network,
      dnsServiceIp,
      traefikInternalIp: traefikIp,
      firewallPrivateIp,
      poolMaxNodes: [systemNodeCount, userNodeMaxCount],
    }),
  );

  const keyVault = readKeyVault(input);
  const traefikNamespace = text(
    'traefikNamespace',
    rules.rfc1123Label,
    DEFAULTS.traefikNamespace,
  );
  if (isReservedNamespace(traefikNamespace)) {
    throw invalidInput(
      'traefikNamespace',
      "a namespace of Traefik's own, not 'default' or 'kube-*'",
      traefikNamespace,
    );
  }
  const ingressDomain = text('ingressDomain', rules.hostName);
  const dnsLabel = toDnsLabel(clusterName);
  const backendHost = `${dnsLabel}.aks-ingress.${ingressDomain}`;
  if (backendHost.length > 253) {
    throw invalidInput(
      'ingressDomain',
      `a domain short enough that ${dnsLabel}.aks-ingress.<domain> stays within 253 characters`,
      ingressDomain,
    );
  }

  const spec: ClusterSpec = {
    clusterName,
    dnsPrefix: toDnsPrefix(clusterName),
    dnsLabel,
    subscriptionId: text('subscriptionId', rules.guid).toLowerCase(),
    resourceGroup: text('resourceGroup', clusterRules.resourceGroupName),
    location,
    availabilityZones,
    kubernetesVersion: text(
      'kubernetesVersion',
      clusterRules.kubernetesVersion,
      DEFAULTS.kubernetesVersion,
    ),
    systemPool: {
      vmSize: text(
        'systemNodeVmSize',
        clusterRules.vmSize,
        DEFAULTS.systemNodeVmSize,
      ),
      count: systemNodeCount,
    },
    userPool: {
      vmSize: text(
        'userNodeVmSize',
        clusterRules.vmSize,
        DEFAULTS.userNodeVmSize,
      ),
      minCount: userNodeMinCount,
      maxCount: userNodeMaxCount,
    },
    network: {
      vnetAddressSpace: network.vnetAddressSpace,
      nodeSubnet: network.nodeSubnetCidr,
      ingressSubnet: network.ingressSubnetCidr,
      appGatewaySubnet: network.appGatewaySubnetCidr,
      privateEndpointsSubnet: network.privateEndpointsSubnetCidr,
      serviceCidr: network.serviceCidr,
      dnsServiceIp,
      traefikIp,
    },
    firewall: {
      privateIp: firewallPrivateIp,
      resourceId: text('firewallResourceId', clusterRules.firewallResourceId),
    },
    ingressDomain,
    entra: {
      tenantId: text('tenantId', rules.guid).toLowerCase(),
      adminGroupObjectId: text('adminGroupObjectId', rules.guid).toLowerCase(),
    },
    keyVault,
    logAnalyticsWorkspaceId: readOptionalString(
      input.logAnalyticsWorkspaceId,
      'logAnalyticsWorkspaceId',
      clusterRules.logAnalyticsWorkspaceId,
    ),
    ownerRef: stringifyEntityRef(owner),
    traefik: { namespace: traefikNamespace },
  };
  const deploy = readDeploy(input.deploy);
  if (deploy && !spec.keyVault.certificateSourceVaultId) {
    throw invalidInput(
      'certificateSourceVaultId',
      'given when deploy is true: the vault ARM reads the three certificates from (a form cannot carry certificate material)',
    );
  }
  return { spec, outputDir: readOutputDir(input.outputDir), deploy, notes };
}

function readKeyVault(input: Record<string, unknown>): ClusterSpec['keyVault'] {
  const name = readString(
    input.keyVaultName,
    'keyVaultName',
    rules.keyVaultName,
  );
  const object = (field: string, fallback: string) =>
    readOptionalString(input[field], field, rules.keyVaultObjectName) ??
    fallback;
  const keyVault = {
    name,
    edgeCertificateName: object(
      'edgeCertificateName',
      DEFAULTS.edgeCertificateName,
    ),
    ingressCertificateName: object(
      'ingressCertificateName',
      DEFAULTS.ingressCertificateName,
    ),
    backendRootCertificateName: object(
      'backendRootCertificateName',
      DEFAULTS.backendRootCertificateName,
    ),
    certificateSourceVaultId: readOptionalString(
      input.certificateSourceVaultId,
      'certificateSourceVaultId',
      clusterRules.keyVaultResourceId,
    ),
  };
  const sourceName = keyVault.certificateSourceVaultId?.split('/').pop();
  if (sourceName && sourceName.toLowerCase() === name.toLowerCase()) {
    throw invalidInput(
      'certificateSourceVaultId',
      `a vault other than keyVaultName '${name}' (the new vault does not exist yet when ARM reads the parameters)`,
      keyVault.certificateSourceVaultId,
    );
  }
  // Each is a different object with its own format (PFX, PEM, CER), and the
  // template may write each from its own parameter.
  const seen = new Map<string, string>();
  for (const field of [
    'edgeCertificateName',
    'ingressCertificateName',
    'backendRootCertificateName',
  ] as const) {
    const value = keyVault[field].toLowerCase();
    if (seen.has(value)) {
      throw invalidInput(
        field,
        `a Key Vault object apart from ${seen.get(
          value,
        )} (Key Vault names are case-insensitive)`,
        keyVault[field],
      );
    }
    seen.set(value, field);
  }
  return keyVault;
}

function readOutputDir(value: unknown): string {
  const dir = readOptionalString(value, 'outputDir', rules.workspaceDir);
  if (dir === undefined) return '';
  const normalized = posix.normalize(dir).replace(/\/$/, '');
  return normalized === '.' ? '' : normalized;
}

function readDeploy(value: unknown): boolean {
  if (isAbsent(value)) return DEFAULTS.deploy;
  if (typeof value !== 'boolean') {
    throw invalidInput('deploy', 'true or false', value);
  }
  return value;
}

/** AKS DNS prefix: 1-54 letters, digits and '-', alphanumeric at both ends. */
function toDnsPrefix(clusterName: string): string {
  return clusterName.replace(/_/g, '-').slice(0, 54).replace(/-+$/, '');
}

/** An RFC 1123 label for host names (lowercase, '_' becomes '-'). */
function toDnsLabel(clusterName: string): string {
  return clusterName.toLowerCase().replace(/_/g, '-');
}
