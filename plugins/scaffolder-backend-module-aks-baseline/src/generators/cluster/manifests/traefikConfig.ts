import { nestedYaml } from '../../serialize';
import { KubernetesObject } from '../../types';
import { HEALTH_PROBE_PATH } from '../arm/appGateway';
import { ClusterNames, clusterLabels } from '../names';
import { ClusterSpec } from '../spec';

/** Ports inside the pod: unprivileged, since every capability is dropped. */
export const WEBSECURE_PORT = 8443;
export const PING_PORT = 9000;

export const STATIC_CONFIG_DIR = '/config/static';
export const STATIC_CONFIG_FILE = 'traefik.yaml';
export const DYNAMIC_CONFIG_DIR = '/config/dynamic';
export const DYNAMIC_CONFIG_FILE = 'dynamic.yaml';

/**
 * Traefik's static configuration. The `websecure` entry point trusts
 * X-Forwarded-* only from App Gateway's subnet and runs every router through
 * the App Gateway allow-list (K8S-03) with TLS. Ping answers the kubelet on
 * its own plain-HTTP entry point, which the Service does not expose.
 */
export function traefikStaticConfig(spec: ClusterSpec, names: ClusterNames) {
  return {
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    entryPoints: {
      traefik: { address: `:${PING_PORT}` },
      websecure: {
        address: `:${WEBSECURE_PORT}`,
        forwardedHeaders: { trustedIPs: [spec.network.appGatewaySubnet] },
        http: {
          middlewares: [`${names.traefik.appGatewayOnlyMiddleware}@file`],
          tls: {},
        },
      },
    },
    // Routed explicitly (see the dynamic configuration) so App Gateway's
    // probe can reach it on websecure as well.
    ping: { entryPoint: 'traefik', manualRouting: true },
    providers: {
      kubernetesCRD: { allowCrossNamespace: false },
      kubernetesIngress: { ingressClass: names.traefik.ingressClass },
      file: { directory: DYNAMIC_CONFIG_DIR, watch: true },
    },
    log: { level: 'INFO', format: 'json' },
    accessLog: { format: 'json' },
  };
}

/** TLS 1.2+ AEAD suites; TLS 1.3 suites are not configurable in Go. */
const CIPHER_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
];

/**
 * Traefik's file-provider configuration: the default TLS options (K8S-02:
 * TLS 1.2 floor, strict SNI, so a host without a certificate gets no
 * answer), the allow-list admitting only App Gateway's subnet, and the two
 * ping routes.
 */
export function traefikDynamicConfig(spec: ClusterSpec, names: ClusterNames) {
  return {
    tls: {
      options: {
        default: {
          minVersion: 'VersionTLS12',
          sniStrict: true,
          cipherSuites: CIPHER_SUITES,
        },
      },
    },
    http: {
      middlewares: {
        [names.traefik.appGatewayOnlyMiddleware]: {
          ipAllowList: { sourceRange: [spec.network.appGatewaySubnet] },
        },
      },
      routers: {
        'ping-kubelet': {
          entryPoints: ['traefik'],
          rule: `PathPrefix(\`${HEALTH_PROBE_PATH}\`)`,
          service: 'ping@internal',
        },
        'ping-app-gateway': {
          entryPoints: ['websecure'],
          rule: `Path(\`${HEALTH_PROBE_PATH}\`)`,
          service: 'ping@internal',
          tls: {},
        },
      },
    },
  };
}

function configMap(
  spec: ClusterSpec,
  name: string,
  file: string,
  content: unknown,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: spec.traefik.namespace,
      labels: clusterLabels(spec),
    },
    // Serialized by the YAML library: no input can add a key.
    data: { [file]: nestedYaml(content) },
  };
}

export function traefikStaticConfigMap(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return configMap(
    spec,
    names.traefik.staticConfig,
    STATIC_CONFIG_FILE,
    traefikStaticConfig(spec, names),
  );
}

export function traefikDynamicConfigMap(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return configMap(
    spec,
    names.traefik.dynamicConfig,
    DYNAMIC_CONFIG_FILE,
    traefikDynamicConfig(spec, names),
  );
}
