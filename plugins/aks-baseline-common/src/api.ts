/**
 * Types of the backend's REST API (request and response bodies), shared by
 * the backend router and the frontend client so the two cannot drift.
 */

/** Response of `GET /about`. @public */
export interface AboutResponse {
  plugin: 'aks-baseline';
  version: string;
  /** Where clusters come from: `demo`, `azure`, `config`, `catalog`. */
  sources: string[];
  /** The Azure cloud whose ARM endpoint is used. */
  cloud: string;
}
