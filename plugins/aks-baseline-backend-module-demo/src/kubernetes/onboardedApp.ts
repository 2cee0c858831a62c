import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { deploymentChain, endpointSliceFor, runningPods } from './workload';

/**
 * An app as the scaffolder's `aks-baseline:onboard-app` action writes it
 * (namespace, default deny, DNS egress, ingress from Traefik only, service
 * account, SecretProviderClass, App Gateway-only middleware, IngressRoute:
 * same names, labels and shapes as its generators produce), plus what the
 * app team deploys itself and the cluster then shows: a Deployment, its
 * Service, running pods and the EndpointSlice that lists them.
 *
 * Written out here rather than imported: the backend must not depend on the
 * scaffolder module. The tests validate every object against the official
 * schemas.
 */
export interface OnboardedAppSpec {
  appName: string;
  namespace: string;
  host: string;
  owner: string;
  clusterRef: string;
  servicePort: number;
  targetPort: number;
  traefik: { namespace: string; podLabels: Record<string, string> };
  appGatewaySubnetCidr: string;
  keyVault: {
    name: string;
    tenantId: string;
    certificateReaderClientId: string;
    certificateName: string;
  };
  /** The registry the app team pushes to (the stamp's, ACR-02). */
  registry: string;
  /** Pod IPs (Azure CNI: from the node subnet); one pod each. */
  podIps: string[];
  /** How many of the pods pass their readiness probe. Default: all. */
  readyPods?: number;
  /** Breaks the Traefik policy's namespace selector: a typo nobody notices until 504s. */
  policyNamesTraefikNamespace?: string;
}

export function onboardedApp(spec: OnboardedAppSpec): KubernetesObject[] {
  const labels = {
    'app.kubernetes.io/part-of': spec.appName,
    'app.kubernetes.io/managed-by': 'backstage-aks-baseline',
  };
  const podLabels = { 'app.kubernetes.io/name': spec.appName };
  const metadata = (name: string) => ({
    name,
    namespace: spec.namespace,
    labels,
  });
  const policy = (name: string, body: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(name),
    spec: body,
  });
  const certificate = spec.keyVault.certificateName;

  const generated: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: spec.namespace,
        labels: {
          ...labels,
          'aks-baseline.io/owner': spec.owner,
          'aks-baseline.io/owner-kind': 'group',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        annotations: {
          'aks-baseline.io/owner-ref': `group:default/${spec.owner}`,
          'aks-baseline.io/cluster': spec.clusterRef,
        },
      },
    },
    policy('default-deny', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    }),
    policy('allow-dns-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    policy('allow-ingress-from-traefik', {
      podSelector: { matchLabels: podLabels },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name':
                    spec.policyNamesTraefikNamespace ?? spec.traefik.namespace,
                },
              },
              podSelector: { matchLabels: { ...spec.traefik.podLabels } },
            },
          ],
          ports: [{ protocol: 'TCP', port: spec.targetPort }],
        },
      ],
    }),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(spec.appName),
    },
    {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: metadata(`${spec.appName}-tls-csi-akv`),
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: spec.keyVault.certificateReaderClientId,
          keyvaultName: spec.keyVault.name,
          tenantID: spec.keyVault.tenantId,
          objects: `array:\n  - |\n    objectName: ${certificate}\n    objectType: secret\n`,
        },
        secretObjects: [
          {
            secretName: `${spec.appName}-tls`,
            type: 'kubernetes.io/tls',
            data: [
              { objectName: certificate, key: 'tls.key' },
              { objectName: certificate, key: 'tls.crt' },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: metadata(`${spec.appName}-app-gateway-only`),
      spec: { ipAllowList: { sourceRange: [spec.appGatewaySubnetCidr] } },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: metadata(spec.appName),
      spec: {
        entryPoints: ['websecure'],
        routes: [
          {
            kind: 'Rule',
            match: `Host(\`${spec.host}\`)`,
            middlewares: [{ name: `${spec.appName}-app-gateway-only` }],
            services: [{ name: spec.appName, port: spec.servicePort }],
          },
        ],
        tls: { secretName: `${spec.appName}-tls` },
      },
    },
  ];

  const containerPorts = [
    { name: 'http', containerPort: spec.targetPort, protocol: 'TCP' },
  ];
  const pods = runningPods({
    namespace: spec.namespace,
    owner: spec.appName,
    labels: podLabels,
    serviceAccountName: spec.appName,
    image: `${spec.registry}/${spec.appName}:1.4.2`,
    ports: containerPorts,
    ips: spec.podIps,
    ready: spec.readyPods,
  });
  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: spec.appName,
      namespace: spec.namespace,
      labels: podLabels,
    },
    spec: {
      replicas: spec.podIps.length,
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: spec.appName,
          containers: [
            {
              name: spec.appName,
              image: `${spec.registry}/${spec.appName}:1.4.2`,
              ports: containerPorts,
              volumeMounts: [
                { name: 'tls', mountPath: '/mnt/tls', readOnly: true },
              ],
            },
          ],
          // The CSI driver syncs the TLS secret only while a pod mounts it.
          volumes: [
            {
              name: 'tls',
              csi: {
                driver: 'secrets-store.csi.k8s.io',
                readOnly: true,
                volumeAttributes: {
                  secretProviderClass: `${spec.appName}-tls-csi-akv`,
                },
              },
            },
          ],
        },
      },
    },
  };
  const deployed: KubernetesObject[] = [
    // Deployment -> ReplicaSet -> pods, by owner references.
    ...deploymentChain(deployment, pods),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: spec.appName,
        namespace: spec.namespace,
        labels: podLabels,
      },
      spec: {
        type: 'ClusterIP',
        selector: podLabels,
        ports: [
          {
            name: 'http',
            port: spec.servicePort,
            targetPort: 'http',
            protocol: 'TCP',
          },
        ],
      },
    },
    endpointSliceFor({
      service: spec.appName,
      namespace: spec.namespace,
      pods,
      port: { name: 'http', port: spec.targetPort },
    }),
  ];
  return [...generated, ...deployed];
}
