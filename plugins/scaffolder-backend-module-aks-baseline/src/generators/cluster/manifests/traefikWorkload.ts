import { KubernetesObject } from '../../types';
import { ClusterNames, TRAEFIK_POD_LABELS, clusterLabels } from '../names';
import { ClusterSpec } from '../spec';
import {
  DYNAMIC_CONFIG_DIR,
  PING_PORT,
  STATIC_CONFIG_DIR,
  STATIC_CONFIG_FILE,
  WEBSECURE_PORT,
} from './traefikConfig';
import { stampImage } from './images';
import { WORKLOAD_IDENTITY_USE } from './traefikIdentity';

export const TRAEFIK_REPLICAS = 2;

const INTERNAL_LB = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const INTERNAL_LB_SUBNET =
  'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const LB_IPV4 = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';

/**
 * Traefik, hardened: non-root with a read-only root file system, no
 * capabilities (hence unprivileged ports), the runtime's seccomp profile,
 * never two replicas on one node and spread over zones, on the user pool.
 * It mounts the CSI volume, without which the driver syncs no certificate.
 */
export function traefikDeployment(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  const probe = {
    httpGet: { path: '/ping', port: 'traefik' },
    periodSeconds: 10,
    failureThreshold: 3,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: names.traefik.deployment,
      namespace: spec.traefik.namespace,
      labels: { ...clusterLabels(spec), ...TRAEFIK_POD_LABELS },
    },
    spec: {
      replicas: TRAEFIK_REPLICAS,
      selector: { matchLabels: { ...TRAEFIK_POD_LABELS } },
      // Required anti-affinity leaves no spare node for a surge pod.
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
      },
      template: {
        metadata: {
          labels: {
            ...TRAEFIK_POD_LABELS,
            [WORKLOAD_IDENTITY_USE]: 'true',
          },
        },
        spec: {
          serviceAccountName: names.traefik.serviceAccount,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          nodeSelector: {
            'kubernetes.io/os': 'linux',
            'kubernetes.azure.com/mode': 'user',
          },
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  labelSelector: { matchLabels: { ...TRAEFIK_POD_LABELS } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              ],
            },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { ...TRAEFIK_POD_LABELS } },
            },
          ],
          terminationGracePeriodSeconds: 60,
          containers: [
            {
              name: 'traefik',
              image: stampImage(names, 'traefik'),
              args: [`--configFile=${STATIC_CONFIG_DIR}/${STATIC_CONFIG_FILE}`],
              ports: [
                {
                  name: 'websecure',
                  containerPort: WEBSECURE_PORT,
                  protocol: 'TCP',
                },
                { name: 'traefik', containerPort: PING_PORT, protocol: 'TCP' },
              ],
              readinessProbe: probe,
              livenessProbe: { ...probe, initialDelaySeconds: 10 },
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                {
                  name: 'static-config',
                  mountPath: STATIC_CONFIG_DIR,
                  readOnly: true,
                },
                {
                  name: 'dynamic-config',
                  mountPath: DYNAMIC_CONFIG_DIR,
                  readOnly: true,
                },
                {
                  name: 'ingress-certificate',
                  mountPath: '/certs',
                  readOnly: true,
                },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            {
              name: 'static-config',
              configMap: { name: names.traefik.staticConfig },
            },
            {
              name: 'dynamic-config',
              configMap: { name: names.traefik.dynamicConfig },
            },
            {
              name: 'ingress-certificate',
              csi: {
                driver: 'secrets-store.csi.k8s.io',
                readOnly: true,
                volumeAttributes: {
                  secretProviderClass: names.traefik.secretProviderClass,
                },
              },
            },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
}

/**
 * Traefik's internal load balancer (K8S-01): in the ingress subnet, at the
 * fixed IP App Gateway's backend pool names (ING-01). `Local` keeps App
 * Gateway's source address, which the allow-list checks.
 */
export function traefikService(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: names.traefik.service,
      namespace: spec.traefik.namespace,
      labels: { ...clusterLabels(spec), ...TRAEFIK_POD_LABELS },
      annotations: {
        [INTERNAL_LB]: 'true',
        [INTERNAL_LB_SUBNET]: names.subnets.ingress,
        [LB_IPV4]: spec.network.traefikIp,
      },
    },
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector: { ...TRAEFIK_POD_LABELS },
      ports: [
        {
          name: 'websecure',
          port: 443,
          targetPort: 'websecure',
          protocol: 'TCP',
        },
      ],
    },
  };
}

/** Ingresses of this class are served by this Traefik. */
export function traefikIngressClass(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: names.traefik.ingressClass, labels: clusterLabels(spec) },
    spec: { controller: 'traefik.io/ingress-controller' },
  };
}

/** Node drains keep one Traefik serving. */
export function traefikPodDisruptionBudget(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: names.traefik.podDisruptionBudget,
      namespace: spec.traefik.namespace,
      labels: clusterLabels(spec),
    },
    spec: {
      minAvailable: 1,
      selector: { matchLabels: { ...TRAEFIK_POD_LABELS } },
    },
  };
}
