export { aksBaselineApiRef } from './AksBaselineApi';
export type { AksBaselineApi, ClusterKey } from './AksBaselineApi';
export { AksBaselineClient } from './AksBaselineClient';
