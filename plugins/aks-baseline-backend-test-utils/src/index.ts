/**
 * Fakes for testing the AKS baseline backend and its modules, never for a
 * production backend: an ARM fixture transport that serves an in-memory
 * estate to the real Azure SDK clients, a credential with a fixed token, a
 * local Kubernetes API server, and strict validation of Kubernetes objects
 * against the official schemas and of ARM bodies against Microsoft's
 * specifications.
 *
 * @packageDocumentation
 */
export {
  ArmFixtureTransport,
  FIXTURE_TENANT_ID,
  armError,
} from './azure/fixtureTransport';
export type {
  ArmFixtureFault,
  ArmFixtureRequestRecord,
  ArmFixtureThrottle,
  ArmFixtureTransportOptions,
} from './azure/fixtureTransport';
export { StaticTokenCredential } from './azure/staticCredential';
export {
  armSchemas,
  loadArmSchemas,
  strictArmSchemas,
} from './azure/armSchemas';
export type { ArmSchemaOptions, ArmSchemaValidator } from './azure/armSchemas';
export { KubernetesFixtureServer } from './kubernetes/KubernetesFixtureServer';
export type {
  FixtureCluster,
  FixtureRequestRecord,
} from './kubernetes/KubernetesFixtureServer';
export { createFixtureTls } from './kubernetes/certificates';
export type { FixtureTls } from './kubernetes/certificates';
export { KubernetesSchemas, schemasDir } from './kubernetes/kubernetesSchemas';
export type { SchemaVerdict } from './kubernetes/kubernetesSchemas';
export { findRepoRoot, sharedDir } from './shared/sharedDir';
