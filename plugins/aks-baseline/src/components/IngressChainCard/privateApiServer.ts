/*
 * A private API server is normal in the baseline, but "not observed" alone
 * leaves the user guessing. When a hop was not observed because the portal
 * could not reach a private API server, the note says the two ways to see
 * the in-cluster half.
 */

/** The backend's reason for a private API server it cannot reach (kubernetes/readCluster.ts). */
const PRIVATE_API_SERVER =
  /API server not reachable from the portal \(private cluster\)/;

/** Microsoft's page on connecting to a private cluster's API server. */
export const PRIVATE_API_SERVER_DOC =
  'https://learn.microsoft.com/azure/aks/private-clusters#options-for-connecting-to-the-private-cluster';

/** Whether a hop's reason says the portal could not reach a private API server. */
export function isPrivateApiServerReason(text: string): boolean {
  return PRIVATE_API_SERVER.test(text);
}

/** What to do about it, in one sentence. */
export const PRIVATE_API_SERVER_FIX =
  "To see these hops, run the portal's backend where it resolves the cluster's private DNS zone (in or peered with the cluster's VNet), or give the cluster an endpoint the portal reaches and a service-account token in aksBaseline.kubernetes.clusters (url, tokenEnv).";
