/**
 * Azure plumbing shared by the plugin's sources: cloud settings, credentials,
 * SDK client construction. The fixture transport that serves a recorded ARM
 * estate to the real SDK clients is in the backend's test-utils package.
 */
export { AZURE_CLOUDS, getCloudSettings } from './cloud';
export type { AzureCloudName, CloudSettings } from './cloud';
export { createCredential } from './credential';
export type { CredentialOptions } from './credential';
export { shareTokens } from './sharedTokenCredential';
export {
  createContainerServiceClient,
  createResourceGraphClient,
  createSubscriptionClient,
} from './armClients';
export type { ArmClientSettings } from './armClients';
export { listAllItems, listArmRest } from './armRestList';
export type { ArmRestPages } from './armRestList';
export { cancellationPolicy } from './cancellationPolicy';
export { RequestMetrics } from './requestMetrics';
export { requestTimeoutPolicy, RequestTimeoutError } from './requestTimeout';
