/**
 * Isomorphic domain types, control catalogue and evaluators, NetworkPolicy
 * evaluator and permissions shared by the AKS baseline plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './permissions';
