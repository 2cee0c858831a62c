/**
 * Isomorphic domain types, control catalogue and evaluators, NetworkPolicy
 * evaluator and permissions shared by the AKS baseline plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './controls';
export * from './fleet';
export * from './inCluster';
export * from './permissions';
export * from './netpol';
// Tolerant readers of ARM resources (REST, template and SDK shapes alike).
export {
  armId,
  asBoolean,
  asString,
  readArm,
  readArmList,
  referenceName,
  refersTo,
  sameText,
} from './arm/read';
// ARM resource ids split into their parts.
export { parseArmId } from './arm/armId';
export type { ArmIdParts } from './arm/armId';
