/**
 * What an app onboarding produces, after validation: every value here has
 * passed the rules in `../../validation`, so generators may use them as-is.
 */
export interface OnboardingSpec {
  /** RFC 1123 label; names the pods' label, the Service, the route. */
  appName: string;
  /** Full entity ref of the owner, e.g. `group:default/team-a`. */
  ownerRef: string;
  /** The owner's entity name, used as a label value. */
  ownerName: string;
  /** `group` or `user`. */
  ownerKind: string;
  /** Full entity ref of the cluster Resource, e.g. `resource:default/aks-prod-weu`. */
  clusterRef: string;
  namespace: string;
  /** Public host name, served by App Gateway and matched by Traefik. */
  host: string;
  /** Port of the app's Service that Traefik forwards to. */
  servicePort: number;
  /** Container port (number or IANA name) the Service targets. */
  targetPort: number | string;
  traefik: {
    namespace: string;
    podLabels: Record<string, string>;
    /** The entry point the app's route binds to. */
    entryPoint: string;
  };
  /** App Gateway subnet; when known, Traefik only admits it. */
  appGatewaySubnetCidr?: string;
  keyVault: {
    name: string;
    /** `vault.azure.net` in the public cloud. */
    dnsSuffix: string;
    tenantId: string;
    /** Client id of the identity the CSI driver uses to read the certificate. */
    certificateReaderClientId: string;
    /** Key Vault certificate Traefik serves for the host. */
    certificateName: string;
    /** Key Vault certificate App Gateway serves to the Internet. */
    gatewayCertificateName: string;
  };
  /** Client id of the app's own workload identity, if it has one. */
  appIdentityClientId?: string;
  egress: EgressAllowance[];
  appGateway: {
    healthProbePath: string;
    routingRulePriority: number;
    /** What the gateway already has: the fragment's parameters default to it. */
    target: AppGatewayTarget;
  };
}

/** The cluster's Application Gateway and the sub-resources an app attaches to. */
export interface AppGatewayTarget {
  name: string;
  frontendIpConfiguration: string;
  frontendPort: string;
  /** The pool that targets Traefik's internal load balancer. */
  backendPool: string;
  /** The trusted root Traefik's certificate chains to. */
  trustedRootCertificate: string;
}

export type EgressProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface EgressPort {
  port: number;
  protocol: EgressProtocol;
}

/** Egress the app asks for beyond DNS: to pods by selector, or to a CIDR. */
export type EgressAllowance =
  | {
      namespace: string;
      podLabels?: Record<string, string>;
      ports: EgressPort[];
    }
  | { cidr: string; ports: EgressPort[] };

/** The names the generated objects share, derived in one place. */
export interface OnboardingNames {
  /** Labels that select the app's pods (NetworkPolicy and Service). */
  podLabels: Record<string, string>;
  serviceAccount: string;
  service: string;
  secretProviderClass: string;
  /** The Kubernetes TLS secret the CSI driver syncs from Key Vault. */
  tlsSecret: string;
  ingressRoute: string;
  appGatewayOnlyMiddleware: string;
}

export function onboardingNames(spec: OnboardingSpec): OnboardingNames {
  const app = spec.appName;
  return {
    podLabels: { 'app.kubernetes.io/name': app },
    serviceAccount: app,
    service: app,
    secretProviderClass: `${app}-tls-csi-akv`,
    tlsSecret: `${app}-tls`,
    ingressRoute: app,
    appGatewayOnlyMiddleware: `${app}-app-gateway-only`,
  };
}

/** Labels every generated Kubernetes object carries. */
export function commonLabels(spec: OnboardingSpec): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': spec.appName,
    'app.kubernetes.io/managed-by': 'backstage-aks-baseline',
  };
}

/** Where the files go, relative to the workspace. */
export interface OnboardingOutputDirs {
  /** The app's folder for the cluster's GitOps repository. */
  cluster: string;
  /** The App Gateway fragment for the platform infrastructure repository. */
  platform: string;
}
