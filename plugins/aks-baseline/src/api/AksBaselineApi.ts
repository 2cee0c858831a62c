import { createApiRef } from '@backstage/core-plugin-api';
import { AboutResponse } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * Client of the AKS baseline backend.
 *
 * @public
 */
export interface AksBaselineApi {
  getAbout(): Promise<AboutResponse>;
}

/** @public */
export const aksBaselineApiRef = createApiRef<AksBaselineApi>({
  id: 'plugin.aks-baseline.service',
});
