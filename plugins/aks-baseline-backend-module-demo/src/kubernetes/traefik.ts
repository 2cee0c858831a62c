import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { deploymentChain, endpointSliceFor, runningPods } from './workload';

/**
 * Traefik as the AKS baseline reference deploys it (mspnp/aks-baseline
 * `workload/traefik.yaml`: namespace `a0008`, labels
 * `app.kubernetes.io/name: traefik-ingress-ilb`, an internal load balancer
 * in the ingress subnet, its certificate from Key Vault through a
 * SecretProviderClass), configured by command-line flags instead of a TOML
 * file so the dashboard can see the entry point settings.
 */
export interface TraefikSpec {
  namespace: string;
  /** The internal load balancer IP Azure assigned (the backend pool's target). */
  internalIp: string;
  appGatewaySubnetCidr: string;
  keyVault: { name: string; tenantId: string; clientId: string };
  podIps: string[];
  /** Traefik's image: from the stamp's registry on a baseline cluster. */
  image: string;
}

export const TRAEFIK_LABELS = {
  'app.kubernetes.io/name': 'traefik-ingress-ilb',
  'app.kubernetes.io/instance': 'traefik-ingress-ilb',
};

const NAME = 'traefik-ingress-controller';
const CERTIFICATE = 'traefik-ingress-internal-aks-ingress-tls';
/** The Traefik release the demo runs, as `az acr import` names it in a registry. */
export const TRAEFIK_IMAGE_PATH = 'library/traefik:v3.5.3';

export function traefikObjects(spec: TraefikSpec): KubernetesObject[] {
  const metadata = (name: string) => ({
    name,
    namespace: spec.namespace,
    labels: TRAEFIK_LABELS,
  });
  const args = [
    '--entrypoints.traefik.address=:9000',
    '--entrypoints.websecure.address=:8443',
    '--entrypoints.websecure.http.tls=true',
    `--entrypoints.websecure.forwardedheaders.trustedips=${spec.appGatewaySubnetCidr}`,
    '--providers.kubernetescrd',
    '--providers.kubernetesingress.ingressclass=traefik-internal',
    '--ping=true',
  ];
  const ports = [
    { name: 'traefik', containerPort: 9000, protocol: 'TCP' },
    { name: 'websecure', containerPort: 8443, protocol: 'TCP' },
  ];
  const pods = runningPods({
    namespace: spec.namespace,
    owner: NAME,
    labels: TRAEFIK_LABELS,
    serviceAccountName: NAME,
    image: spec.image,
    ports,
    ips: spec.podIps,
    args,
  });

  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: spec.namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(NAME) },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'traefik-internal' },
      spec: { controller: 'traefik.io/ingress-controller' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        ...metadata('traefik-ingress-service'),
        annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
          'service.beta.kubernetes.io/azure-load-balancer-internal-subnet':
            'snet-clusteringressservices',
        },
      },
      spec: {
        type: 'LoadBalancer',
        loadBalancerIP: spec.internalIp,
        externalTrafficPolicy: 'Local',
        selector: TRAEFIK_LABELS,
        ports: [
          {
            name: 'https',
            port: 443,
            targetPort: 'websecure',
            protocol: 'TCP',
          },
        ],
      },
      status: {
        loadBalancer: { ingress: [{ ip: spec.internalIp, ipMode: 'VIP' }] },
      },
    },
    // Deployment -> ReplicaSet -> pods, owner references included: the
    // Kubernetes plugin lists a cluster page's Traefik pods through them.
    ...deploymentChain(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: metadata(NAME),
        spec: {
          replicas: spec.podIps.length,
          selector: { matchLabels: TRAEFIK_LABELS },
          template: {
            metadata: { labels: TRAEFIK_LABELS },
            spec: {
              serviceAccountName: NAME,
              containers: [
                {
                  name: NAME,
                  image: spec.image,
                  args,
                  ports,
                  volumeMounts: [
                    { name: 'ssl-csi', mountPath: '/certs', readOnly: true },
                  ],
                },
              ],
              volumes: [
                {
                  name: 'ssl-csi',
                  csi: {
                    driver: 'secrets-store.csi.k8s.io',
                    readOnly: true,
                    volumeAttributes: {
                      secretProviderClass: 'aks-ingress-tls-secret-csi-akv',
                    },
                  },
                },
              ],
            },
          },
        },
        status: {
          replicas: spec.podIps.length,
          readyReplicas: spec.podIps.length,
        },
      },
      pods,
    ),
    endpointSliceFor({
      service: 'traefik-ingress-service',
      namespace: spec.namespace,
      pods,
      port: { name: 'https', port: 8443 },
    }),
    {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: metadata('aks-ingress-tls-secret-csi-akv'),
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          useVMManagedIdentity: 'false',
          clientID: spec.keyVault.clientId,
          keyvaultName: spec.keyVault.name,
          tenantID: spec.keyVault.tenantId,
          objects: [
            'array:',
            '  - |',
            `    objectName: ${CERTIFICATE}`,
            '    objectAlias: tls.crt',
            '    objectType: cert',
            '  - |',
            `    objectName: ${CERTIFICATE}`,
            '    objectAlias: tls.key',
            '    objectType: secret',
            '',
          ].join('\n'),
        },
      },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'TLSOption',
      metadata: metadata('default'),
      spec: { minVersion: 'VersionTLS12', sniStrict: true },
    },
  ];
}

/** kube-system as far as NetworkPolicies care: the namespace and CoreDNS. */
export function kubeSystemObjects(podIps: string[]): KubernetesObject[] {
  const labels = { 'k8s-app': 'kube-dns' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    ...runningPods({
      namespace: 'kube-system',
      owner: 'coredns',
      labels,
      serviceAccountName: 'coredns',
      image: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.12.1',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
      ips: podIps,
    }),
  ];
}
