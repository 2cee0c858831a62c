import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { stampRegistryLoginServer } from '../baselineStamp';
import { stampIds } from '../baselineStamp';
import { DEMO_SUBSCRIPTIONS, DEMO_TENANT_ID } from '../demoSubscriptions';
import { buildDemoGeneratedStamp } from '../generated/demoGeneratedCluster';
import { onboardedApp } from './onboardedApp';
import {
  kubeSystemObjects,
  traefikObjects,
  TRAEFIK_IMAGE_PATH,
  TRAEFIK_LABELS,
} from './traefik';

/** Identities of the demo estate (made-up GUIDs). */
const TENANT_ID = DEMO_TENANT_ID;
const TRAEFIK_IDENTITY = '5b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CERTIFICATE_READER = '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90';

/**
 * One baseline cluster's in-cluster objects: CoreDNS, Traefik in `a0008`
 * on the stamp's internal IP, and one onboarded app. `spokeOctet` and the
 * names follow `baselineStamp.ts`, so ARM and Kubernetes tell one story.
 */
export function baselineClusterObjects(spec: {
  clusterName: string;
  resourceGroup: string;
  spokeOctet: number;
  app: { name: string; namespace: string; host: string; owner: string };
  /**
   * Overrides for tests: no Traefik, no ready pods, a policy that shuts
   * Traefik out; Traefik pulled from Docker Hub instead of the stamp's
   * registry (ACR-02).
   */
  flaws?: Array<
    | 'no-traefik'
    | 'no-ready-pods'
    | 'policy-blocks-traefik'
    | 'traefik-from-docker-hub'
  >;
}): KubernetesObject[] {
  const flaws = new Set(spec.flaws ?? []);
  const net = `10.${spec.spokeOctet}`;
  const appGatewaySubnetCidr = `${net}.5.0/24`;
  const stamp = {
    subscriptionId: DEMO_SUBSCRIPTIONS.prod,
    resourceGroup: spec.resourceGroup,
    name: spec.clusterName,
  };
  const { vaultName } = stampIds(stamp);
  const registry = stampRegistryLoginServer(stamp);

  const traefik = traefikObjects({
    namespace: 'a0008',
    internalIp: `${net}.4.4`,
    appGatewaySubnetCidr,
    keyVault: {
      name: vaultName,
      tenantId: TENANT_ID,
      clientId: TRAEFIK_IDENTITY,
    },
    podIps: [`${net}.0.21`, `${net}.1.37`],
    image: flaws.has('traefik-from-docker-hub')
      ? `docker.io/${TRAEFIK_IMAGE_PATH}`
      : `${registry}/${TRAEFIK_IMAGE_PATH}`,
  });
  const app = onboardedApp({
    appName: spec.app.name,
    namespace: spec.app.namespace,
    host: spec.app.host,
    owner: spec.app.owner,
    clusterRef: `resource:default/${spec.clusterName}`,
    servicePort: 80,
    targetPort: 8080,
    traefik: {
      namespace: 'a0008',
      podLabels: {
        'app.kubernetes.io/name': TRAEFIK_LABELS['app.kubernetes.io/name'],
      },
    },
    appGatewaySubnetCidr,
    keyVault: {
      name: vaultName,
      tenantId: TENANT_ID,
      certificateReaderClientId: CERTIFICATE_READER,
      certificateName: `${spec.app.host.replace(/\./g, '-')}-tls`,
    },
    registry,
    podIps: [`${net}.0.45`, `${net}.1.12`, `${net}.2.9`],
    readyPods: flaws.has('no-ready-pods') ? 0 : undefined,
    policyNamesTraefikNamespace: flaws.has('policy-blocks-traefik')
      ? 'traefik'
      : undefined,
  });

  return [
    ...kubeSystemObjects([`${net}.0.10`, `${net}.1.10`]),
    ...(flaws.has('no-traefik') ? [] : traefik),
    ...app,
    gitOpsSource(spec.clusterName),
  ];
}

/** Flux's source of the cluster's manifests (the create-cluster template publishes to GitHub). */
function gitOpsSource(clusterName: string): KubernetesObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'cluster-manifests', namespace: 'flux-system' },
    spec: {
      url: `https://github.com/contoso-demo/${clusterName}`,
      interval: '5m',
      ref: { branch: 'main' },
    },
  };
}

/** The demo clusters whose API servers the portal can reach, and what they hold. */
export function demoClusterObjects(): Record<string, KubernetesObject[]> {
  return {
    // Complete and open: payments-api, onboarded by the template.
    'aks-prod-weu': baselineClusterObjects({
      clusterName: 'aks-prod-weu',
      resourceGroup: 'rg-aks-prod-weu',
      spokeOctet: 240,
      app: {
        name: 'payments-api',
        namespace: 'payments',
        host: 'payments.contoso-demo.com',
        owner: 'payments-team',
      },
    }),
    // The storefront's Traefik policy names namespace `traefik`, but Traefik
    // runs in `a0008`: every request ends in a 504 at App Gateway. Traefik
    // itself is pulled from Docker Hub, not the stamp's registry.
    'aks-staging-weu': baselineClusterObjects({
      clusterName: 'aks-staging-weu',
      resourceGroup: 'rg-aks-staging-weu',
      spokeOctet: 241,
      app: {
        name: 'storefront-web',
        namespace: 'storefront',
        host: 'shop.staging.contoso-demo.com',
        owner: 'storefront-team',
      },
      flaws: ['policy-blocks-traefik', 'traefik-from-docker-hub'],
    }),
    // What create-cluster's manifests and onboard-app's put in the cluster,
    // plus what its controllers make of them (the objects do not depend on
    // the date).
    'aks-generated-weu': buildDemoGeneratedStamp(new Date()).objects,
  };
}
