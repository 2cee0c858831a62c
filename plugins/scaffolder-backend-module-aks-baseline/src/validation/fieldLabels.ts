import { InputError } from '@backstage/errors';

/**
 * The form's title of each action input, by input key, so an error names the
 * field the user sees. The key stays in parentheses for API callers. Each
 * label is the title of the template parameter the step maps the input from
 * (fieldLabels.test.ts checks them against templates/); inputs no form field
 * gives (output folders, what only the stamp contract or an API caller
 * sets) have none and keep the key alone.
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** `aks-baseline:create-cluster`, from templates/baseline-cluster. */
export const CREATE_CLUSTER_FIELD_LABELS: FieldLabels = {
  clusterName: 'Cluster name',
  owner: 'Owner',
  subscriptionId: 'Subscription id',
  resourceGroup: 'Resource group',
  location: 'Region',
  kubernetesVersion: 'Kubernetes version',
  systemNodeVmSize: 'System pool VM size',
  systemNodeCount: 'System pool nodes',
  userNodeVmSize: 'User pool VM size',
  userNodeMinCount: 'User pool minimum nodes',
  userNodeMaxCount: 'User pool maximum nodes',
  logAnalyticsWorkspaceId: 'Log Analytics workspace (optional)',
  vnetAddressSpace: 'Spoke VNet address space',
  nodeSubnetCidr: 'Node subnet',
  ingressSubnetCidr: 'Internal ingress subnet',
  privateEndpointsSubnetCidr: 'Private endpoints subnet',
  appGatewaySubnetCidr: 'App Gateway subnet',
  serviceCidr: 'Kubernetes service CIDR',
  podCidr: 'Azure CNI Overlay pod CIDR (optional)',
  apiServerSubnetCidr: 'API server subnet (optional)',
  dnsServiceIp: 'DNS service IP (optional)',
  traefikInternalIp: "Traefik's internal IP (optional)",
  firewallPrivateIp: 'Hub firewall private IP',
  firewallResourceId: 'Hub firewall resource id',
  hubVirtualNetworkId: 'Hub virtual network resource id',
  ingressDomain: 'Public domain',
  tenantId: 'Entra ID tenant id',
  adminGroupObjectId: 'Cluster admin group object id',
  traefikNamespace: 'Traefik namespace',
  keyVaultName: 'New Key Vault name',
  edgeCertificateName: 'Edge certificate',
  ingressCertificateName: 'Ingress certificate',
  backendRootCertificateName: 'Backend trust root',
  edgeCertificateExpiresOn: 'Edge certificate expiry (optional)',
  ingressCertificateExpiresOn: 'Ingress certificate expiry (optional)',
  backendRootCertificateExpiresOn: 'Backend trust root expiry (optional)',
  certificateSourceVaultId: 'Certificate source vault (optional)',
  gitopsRepositoryUrl: "The cluster's repository",
  gitopsBranch: 'GitOps branch',
  deploy: 'Deploy now',
};

/** `aks-baseline:onboard-app`, from templates/app-onboarding (the cluster's contract fields included). */
export const ONBOARD_APP_FIELD_LABELS: FieldLabels = {
  appName: 'App name',
  owner: 'Owner',
  cluster: 'Cluster',
  namespace: 'Namespace',
  host: 'Public host name',
  ingressDomain: 'Cluster ingress domain',
  servicePort: 'Service port',
  targetPort: 'Target port',
  traefikNamespace: 'Traefik namespace',
  appGatewaySubnetCidr: 'App Gateway subnet',
  keyVaultName: 'Key Vault',
  tenantId: 'Entra ID tenant id',
  certificateReaderClientId: 'Certificate reader client id',
  certificateName: 'Ingress certificate',
  gatewayCertificateName: 'Edge certificate',
  appIdentityClientId: 'App workload identity client id',
  egress: 'Allowed destinations',
  healthProbePath: 'Health probe path',
};

/** `Invalid input 'egress[0].ports[1].port'` -> the path and its top-level key. */
const INVALID_INPUT = /Invalid input '(([A-Za-z_$][\w$]*)[^']*)'/g;

/**
 * The message with each `Invalid input 'key…'` naming the field's label:
 * `Invalid "Public host name" (host): …`. Keys without a label are left as
 * they were.
 */
export function labelInvalidInputs(message: string, labels: FieldLabels) {
  return message.replace(INVALID_INPUT, (whole, path: string, key: string) =>
    Object.prototype.hasOwnProperty.call(labels, key)
      ? `Invalid "${labels[key]}" (${path})`
      : whole,
  );
}

/**
 * Runs `parse`; an InputError it throws is thrown again with its fields
 * named by their labels. Other errors pass through untouched.
 */
export function withFieldLabels<T>(labels: FieldLabels, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) {
      // Not as a cause: InputError would append the unlabelled message again.
      throw new InputError(labelInvalidInputs(error.message, labels));
    }
    throw error;
  }
}
