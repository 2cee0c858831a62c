/**
 * Fakes for testing the AKS baseline backend and its modules, never for a
 * production backend: an ARM fixture transport that serves an in-memory
 * estate to the real Azure SDK clients, a credential with a fixed token, a
 * local Kubernetes API server, and strict validation of Kubernetes objects
 * against the official schemas.
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
export {
  armSchemas,
  strictArmSchemas,
  strictArmResponseSchemas,
  loadArmSchemas,
} from './arm/armSpecs';
export type { ArmSchemaOptions, ArmSchemaValidator } from './arm/armSpecs';
export {
  RESPONSE_SPEC_OF_TYPE,
  validateArmResponse,
} from './arm/armResponseSpecs';
export type { ResponseSpec } from './arm/armResponseSpecs';
export { findArmGetOperation } from './arm/armOperations';
export type { ArmGetOperation } from './arm/armOperations';
export { renderArmTemplate } from './arm/renderTemplate';
export type {
  ArmTemplateInput,
  RenderTemplateOptions,
  RenderedDeployment,
} from './arm/renderTemplate';
export { ARM_FUNCTIONS, evaluateArmExpression } from './arm/armFunctions';
export type {
  ArmValue,
  DeploymentScope,
  EvaluationContext,
} from './arm/armFunctions';
export {
  ArmExpressionError,
  classifyTemplateString,
  parseArmExpression,
} from './arm/expressionParser';
export type { ArmExpression } from './arm/expressionParser';
export { derivedGuid, runtimeProperties } from './arm/runtimeProperties';
export type { RenderedBody, RuntimeContext } from './arm/runtimeProperties';
