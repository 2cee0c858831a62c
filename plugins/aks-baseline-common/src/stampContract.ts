/**
 * Names a baseline cluster made by `aks-baseline:create-cluster` gives the
 * parts of its Application Gateway that onboarding attaches an app to: the
 * cluster writes them, `aks-baseline:onboard-app` defaults to them, so an
 * app onboarded with the defaults finds what the cluster has.
 * @public
 */
export const STAMP_GATEWAY_NAMES = {
  ipConfiguration: 'agw-ip-configuration',
  frontendIp: 'agw-frontend-public',
  frontendPort: 'port-443',
  edgeCertificate: 'edge-certificate',
  /** The trusted root Traefik's certificate chains to. */
  backendRoot: 'traefik-ingress-root',
  /** The pool that targets Traefik's internal load balancer. */
  backendPool: 'traefik-internal-lb',
  backendSettings: 'traefik-https',
  probe: 'traefik-ping',
  listener: 'listener-https',
  rule: 'route-to-traefik',
} as const;

/** The Application Gateway of the cluster named `clusterName`. @public */
export function stampGatewayName(clusterName: string): string {
  return `agw-${clusterName}`;
}
