import { stringifyEntityRef } from '@backstage/catalog-model';
import { createClusterInputFields } from '../actions/createClusterSchema';
import type {
  ClusterSpec,
  HubVirtualNetwork,
} from '../generators/cluster/spec';
import { clusterNames } from '../generators/cluster/names';
import { knowsEphemeralCapacity } from '../generators/cluster/arm/osDisk';
import { DNS_SERVICE_IP_OFFSET, TRAEFIK_IP_OFFSET } from './clusterDefaults';
import { REGIONS_WITH_ZONES } from './clusterRules';
import { ParsedInput, invalidInput, parseActionInput } from './fields';
import { addressText, block } from './ipv4Plan';
import { checkNetworkPlan } from './networkPlan';
import { normalizeDir } from './onboardAppInput';
import { toEntityRef } from './textRules';

export type CreateClusterInput = ParsedInput<typeof createClusterInputFields>;

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
 * the fields that break a rule. Pure.
 */
export function parseCreateClusterInput(raw: unknown): CreateClusterRequest {
  return toCreateClusterRequest(
    parseActionInput(createClusterInputFields, raw),
  );
}

/**
 * Parsed fields -> the cluster spec, checking the rules that span fields
 * (each field already follows its own): node counts, the address plan, the
 * certificates, the names derived from the cluster name.
 */
export function toCreateClusterRequest(
  input: CreateClusterInput,
): CreateClusterRequest {
  const notes: string[] = [];
  const { clusterName, location } = input;
  const availabilityZones = REGIONS_WITH_ZONES.has(location)
    ? ['1', '2', '3']
    : [];
  if (availabilityZones.length === 0) {
    notes.push(
      `${location} is not known to have availability zones: node pools, App Gateway and its public IP are regional (not zone-redundant).`,
    );
  }
  for (const field of ['systemNodeVmSize', 'userNodeVmSize'] as const) {
    if (!knowsEphemeralCapacity(input[field])) {
      notes.push(
        `${field} ${input[field]}: the template leaves the OS disk type to AKS, which picks an ephemeral OS disk when this size's local disk holds one, else a managed disk (the generator knows the local disk of a few sizes only).`,
      );
    }
  }
  if (input.userNodeMaxCount < input.userNodeMinCount) {
    throw invalidInput(
      'userNodeMaxCount',
      `at least userNodeMinCount (${input.userNodeMinCount})`,
      input.userNodeMaxCount,
    );
  }

  const offset = (cidrText: string, by: number) =>
    addressText(block(cidrText).first + by);
  const dnsServiceIp =
    input.dnsServiceIp ?? offset(input.serviceCidr, DNS_SERVICE_IP_OFFSET);
  const traefikIp =
    input.traefikInternalIp ??
    offset(input.ingressSubnetCidr, TRAEFIK_IP_OFFSET);
  notes.push(
    ...checkNetworkPlan({
      vnetAddressSpace: input.vnetAddressSpace,
      nodeSubnetCidr: input.nodeSubnetCidr,
      ingressSubnetCidr: input.ingressSubnetCidr,
      appGatewaySubnetCidr: input.appGatewaySubnetCidr,
      privateEndpointsSubnetCidr: input.privateEndpointsSubnetCidr,
      serviceCidr: input.serviceCidr,
      dnsServiceIp,
      traefikInternalIp: traefikIp,
      firewallPrivateIp: input.firewallPrivateIp,
      podCidr: input.podCidr,
      apiServerSubnetCidr: input.apiServerSubnetCidr,
      poolMaxNodes: [input.systemNodeCount, input.userNodeMaxCount],
    }),
  );

  const dnsLabel = toDnsLabel(clusterName);
  const backendHost = `${dnsLabel}.aks-ingress.${input.ingressDomain}`;
  if (backendHost.length > 253) {
    throw invalidInput(
      'ingressDomain',
      `a domain short enough that ${dnsLabel}.aks-ingress.<domain> stays within 253 characters`,
      input.ingressDomain,
    );
  }

  const spec: ClusterSpec = {
    clusterName,
    dnsPrefix: toDnsPrefix(clusterName),
    dnsLabel,
    subscriptionId: input.subscriptionId.toLowerCase(),
    resourceGroup: input.resourceGroup,
    location,
    availabilityZones,
    kubernetesVersion: input.kubernetesVersion,
    systemPool: {
      vmSize: input.systemNodeVmSize,
      count: input.systemNodeCount,
    },
    userPool: {
      vmSize: input.userNodeVmSize,
      minCount: input.userNodeMinCount,
      maxCount: input.userNodeMaxCount,
    },
    network: {
      vnetAddressSpace: input.vnetAddressSpace,
      nodeSubnet: input.nodeSubnetCidr,
      ingressSubnet: input.ingressSubnetCidr,
      appGatewaySubnet: input.appGatewaySubnetCidr,
      privateEndpointsSubnet: input.privateEndpointsSubnetCidr,
      serviceCidr: input.serviceCidr,
      dnsServiceIp,
      traefikIp,
      ...(input.podCidr ? { podCidr: input.podCidr } : {}),
      ...(input.apiServerSubnetCidr
        ? { apiServerSubnet: input.apiServerSubnetCidr }
        : {}),
    },
    firewall: {
      privateIp: input.firewallPrivateIp,
      resourceId: input.firewallResourceId,
    },
    hub: toHubVirtualNetwork(input.hubVirtualNetworkId),
    ingressDomain: input.ingressDomain,
    entra: {
      tenantId: input.tenantId.toLowerCase(),
      adminGroupObjectId: input.adminGroupObjectId.toLowerCase(),
    },
    keyVault: toKeyVault(input),
    logAnalyticsWorkspaceId: input.logAnalyticsWorkspaceId,
    ownerRef: stringifyEntityRef(toEntityRef(input.owner, 'group')),
    traefik: { namespace: input.traefikNamespace },
    gitops: {
      repositoryUrl: input.gitopsRepositoryUrl,
      branch: input.gitopsBranch,
    },
  };
  checkHubIsNotTheSpoke(spec);
  if (input.deploy && !spec.keyVault.certificateSourceVaultId) {
    throw invalidInput(
      'certificateSourceVaultId',
      'given when deploy is true: the vault ARM reads the three certificates from (a form cannot carry certificate material)',
    );
  }
  if (input.deploy) {
    for (const field of [
      'edgeCertificateExpiresOn',
      'ingressCertificateExpiresOn',
      'backendRootCertificateExpiresOn',
    ] as const) {
      if (input[field] === undefined) {
        throw invalidInput(
          field,
          "given when deploy is true: the template's expiry parameters have no default",
        );
      }
    }
  }
  return {
    spec,
    outputDir: normalizeDir(input.outputDir ?? ''),
    deploy: input.deploy,
    notes,
  };
}

/** `/subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.Network/virtualNetworks/<n>`, taken apart (the pattern held). */
function toHubVirtualNetwork(id: string): HubVirtualNetwork {
  const parts = id.split('/');
  return {
    id,
    subscriptionId: parts[2].toLowerCase(),
    resourceGroup: parts[4],
    name: parts[8],
  };
}

/**
 * The hub must be another VNet than the spoke this deployment creates: a
 * VNet cannot peer with itself (ARM refuses the peering, after the spoke
 * and everything before it were created). Resource ids compare without case.
 */
function checkHubIsNotTheSpoke(spec: ClusterSpec): void {
  const { hub } = spec;
  const spoke = clusterNames(spec).vnet;
  if (
    hub.subscriptionId === spec.subscriptionId &&
    hub.resourceGroup.toLowerCase() === spec.resourceGroup.toLowerCase() &&
    hub.name.toLowerCase() === spoke.toLowerCase()
  ) {
    throw invalidInput(
      'hubVirtualNetworkId',
      `the hub's VNet, not the spoke this template creates (${spoke} in ${spec.resourceGroup})`,
      hub.id,
    );
  }
}

function toKeyVault(input: CreateClusterInput): ClusterSpec['keyVault'] {
  const name = input.keyVaultName;
  const keyVault = {
    name,
    edgeCertificateName: input.edgeCertificateName,
    ingressCertificateName: input.ingressCertificateName,
    backendRootCertificateName: input.backendRootCertificateName,
    certificateSourceVaultId: input.certificateSourceVaultId,
    expiresOn: {
      edge: input.edgeCertificateExpiresOn,
      ingress: input.ingressCertificateExpiresOn,
      backendRoot: input.backendRootCertificateExpiresOn,
    },
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

/** AKS DNS prefix: 1-54 letters, digits and '-', alphanumeric at both ends. */
function toDnsPrefix(clusterName: string): string {
  return clusterName.replace(/_/g, '-').slice(0, 54).replace(/-+$/, '');
}

/** An RFC 1123 label for host names (lowercase, '_' becomes '-'). */
function toDnsLabel(clusterName: string): string {
  return clusterName.toLowerCase().replace(/_/g, '-');
}
