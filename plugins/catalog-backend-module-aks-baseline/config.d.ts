export interface Config {
  catalog?: {
    providers?: {
      /** The AKS baseline entity provider (every option is optional). */
      aksBaseline?: {
        /** Namespace of the discovered cluster entities. Default `default`. */
        namespace?: string;
        /**
         * Owner of a cluster without an owner tag: an entity ref, kind
         * `group` when omitted. Default `unknown`.
         */
        defaultOwner?: string;
        /** Azure tag names read on each cluster (matched ignoring case). */
        tags?: {
          /** Tag holding the owner entity ref. Default `owner`. */
          owner?: string;
          /** Tag holding the system entity ref. Default `system`. */
          system?: string;
        };
        /**
         * What each cluster entity's Kubernetes tab lists: written as the
         * Kubernetes plugin's `backstage.io/kubernetes-label-selector` (and
         * `backstage.io/kubernetes-namespace`). Absent: no Kubernetes tab on
         * cluster pages.
         */
        kubernetes?: {
          /** Equality-based label selector, e.g. `app.kubernetes.io/name=traefik-ingress-ilb`. */
          labelSelector: string;
          /** Namespace to look in, e.g. `a0008`; absent: all namespaces. */
          namespace?: string;
        };
        /** `kubernetes.io/auth-provider` of the entities. Default `aks`. */
        authProvider?: string;
      };
    };
  };
}
