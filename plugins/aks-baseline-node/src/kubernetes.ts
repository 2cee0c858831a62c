/**
 * The AKS-managed Entra ID server application: tokens for this audience sign
 * in to every Entra-integrated AKS API server (what kubelogin requests). A
 * connection's credential must issue them for the in-cluster hops.
 *
 * @public
 */
export const AKS_SERVER_APP_SCOPE =
  '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
