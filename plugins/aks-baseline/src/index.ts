/**
 * Frontend plugin for AKS secure-baseline clusters.
 *
 * @packageDocumentation
 */
export { aksBaselinePlugin, AksBaselineFleetPage } from './plugin';
export { aksBaselineApiRef, AksBaselineClient } from './api';
export type { AksBaselineApi } from './api';
