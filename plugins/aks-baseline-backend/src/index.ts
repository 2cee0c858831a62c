/**
 * Backend plugin for AKS secure-baseline clusters: discovery, ingress chains,
 * certificates and baseline controls, served from a stored snapshot.
 *
 * @packageDocumentation
 */
export { aksBaselinePlugin as default } from './plugin';
