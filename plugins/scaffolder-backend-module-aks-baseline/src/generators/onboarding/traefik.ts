import { KubernetesObject } from '../types';
import { OnboardingSpec, commonLabels, onboardingNames } from './spec';

/**
 * Traefik's route to the app (control K8S-05): TLS only, on the cluster's
 * entry point (the stamp's `websecure`), certificate from the secret the CSI driver syncs. The host
 * went through the host name rule (no backtick, no space), so it cannot
 * break out of the `Host(...)` matcher.
 */
export function ingressRouteManifest(spec: OnboardingSpec): KubernetesObject {
  const names = onboardingNames(spec);
  const route: Record<string, unknown> = {
    kind: 'Rule',
    match: `Host(\`${spec.host}\`)`,
  };
  if (spec.appGatewaySubnetCidr) {
    route.middlewares = [{ name: names.appGatewayOnlyMiddleware }];
  }
  route.services = [{ name: names.service, port: spec.servicePort }];
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: {
      name: names.ingressRoute,
      namespace: spec.namespace,
      labels: commonLabels(spec),
    },
    spec: {
      entryPoints: [spec.traefik.entryPoint],
      routes: [route],
      tls: { secretName: names.tlsSecret },
    },
  };
}

/**
 * Admits only App Gateway's subnet to the route (control K8S-03); undefined
 * when the cluster's App Gateway subnet is not known. `ipAllowList` is the
 * Traefik v3 name (`ipWhiteList` before).
 */
export function appGatewayOnlyMiddlewareManifest(
  spec: OnboardingSpec,
): KubernetesObject | undefined {
  if (!spec.appGatewaySubnetCidr) return undefined;
  const names = onboardingNames(spec);
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: {
      name: names.appGatewayOnlyMiddleware,
      namespace: spec.namespace,
      labels: commonLabels(spec),
    },
    spec: {
      ipAllowList: { sourceRange: [spec.appGatewaySubnetCidr] },
    },
  };
}
