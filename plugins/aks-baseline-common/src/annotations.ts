/**
 * Catalog annotations are a public interface: the onboarding template writes
 * them and the dashboard reads them, so both import them from here.
 */

/** ARM resource id of the AKS managed cluster, on a `Resource` of type `kubernetes-cluster`. @public */
export const ANNOTATION_RESOURCE_ID = 'aks-baseline.io/resource-id';
/** Entity ref of the cluster an app runs on, on a `Component`. @public */
export const ANNOTATION_CLUSTER = 'aks-baseline.io/cluster';
/** The app's Kubernetes namespace. @public */
export const ANNOTATION_NAMESPACE = 'aks-baseline.io/namespace';
/** The app's public host name. @public */
export const ANNOTATION_HOST = 'aks-baseline.io/host';

/**
 * Azure tags are a public interface too: the create-cluster template writes
 * them and the dashboard reads them.
 */

/** On a managed cluster: its Traefik certificate in Key Vault, as `<vault>/<object>`. @public */
export const TAG_INGRESS_CERTIFICATE = 'aks-baseline.io/ingress-certificate';
/** On an Application Gateway: the cluster (name or resource id) it fronts. @public */
export const TAG_GATEWAY_CLUSTER = 'aks-baseline.io/cluster';
/**
 * On an Application Gateway: the request routing rule that catches every host
 * without a listener of its own (the stamp's lowest-priority rule). Traefik
 * answers such hosts 404 by design, so the dashboard shows that chain as
 * intended instead of broken. @public
 */
export const TAG_GATEWAY_CATCH_ALL_RULE = 'aks-baseline.io/catch-all-rule';
