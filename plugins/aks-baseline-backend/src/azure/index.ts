/**
 * Azure plumbing shared by the plugin's sources: cloud settings, credentials,
 * SDK client construction and the fixture transport that serves a recorded
 * ARM estate to the real SDK clients.
 */
export { AZURE_CLOUDS, getCloudSettings } from './cloud';
export type { AzureCloudName, CloudSettings } from './cloud';
export { createCredential } from './credential';
export type { CredentialOptions } from './credential';
export { StaticTokenCredential } from './staticCredential';
export { shareTokens } from './sharedTokenCredential';
export {
  createContainerServiceClient,
  createKeyVaultClient,
  createNetworkClient,
  createSubscriptionClient,
} from './armClients';
export type { ArmClientSettings } from './armClients';
export { RequestMetrics } from './requestMetrics';
export { requestTimeoutPolicy, RequestTimeoutError } from './requestTimeout';
export { ResponseBodyRecorder } from './responseBodyRecorder';
export {
  ArmFixtureTransport,
  FIXTURE_TENANT_ID,
  armError,
} from './fixtureTransport';
export type {
  ArmFixtureFault,
  ArmFixtureRequestRecord,
  ArmFixtureThrottle,
  ArmFixtureTransportOptions,
} from './fixtureTransport';
