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
        /** `kubernetes.io/auth-provider` of the entities. Default `aks`. */
        authProvider?: string;
      };
    };
  };
}
