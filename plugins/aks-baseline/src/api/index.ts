export { aksBaselineApiRef } from './AksBaselineApi';
export type { AksBaselineApi } from './AksBaselineApi';
export { AksBaselineClient } from './AksBaselineClient';
