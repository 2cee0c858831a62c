import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import type {
  V1ConfigMap,
  V1Deployment,
  V1EndpointSlice,
  V1Ingress,
  V1IngressBackend,
  V1IngressClass,
  V1LabelSelector,
  V1Namespace,
  V1NetworkPolicy,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
  V1ObjectMeta,
  V1Pod,
  V1Service,
  V1ServiceAccount,
  V1Volume,
} from '@kubernetes/client-node';

/*
 * Each object is cut down to what the dashboard reads as soon as its page
 * arrives, so the snapshot (and the refresh's memory) never holds pod specs,
 * environment variables, last-applied annotations or anything secret-like.
 * The result keeps the API's JSON shape (`from`, not the client's `_from`),
 * because the control and NetworkPolicy evaluators read that shape.
 */

type Json = Record<string, unknown>;

/** Drops undefined members, so reduced objects stay plain and comparable. */
function compact<T extends Json>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function meta(
  metadata: V1ObjectMeta | undefined,
  options: { labels?: boolean; annotations?: (key: string) => boolean } = {},
): KubernetesObject['metadata'] {
  const annotations = Object.entries(metadata?.annotations ?? {}).filter(
    ([key]) => options.annotations?.(key),
  );
  return compact({
    name: metadata?.name,
    namespace: metadata?.namespace,
    labels:
      options.labels && metadata?.labels ? { ...metadata.labels } : undefined,
    annotations: annotations.length
      ? Object.fromEntries(annotations)
      : undefined,
  });
}

const prefixed =
  (...prefixes: string[]) =>
  (key: string) =>
    prefixes.some(p => key.startsWith(p));

function selector(s: V1LabelSelector | undefined): Json | undefined {
  if (!s) return undefined;
  return compact({
    matchLabels: s.matchLabels ? { ...s.matchLabels } : undefined,
    matchExpressions: s.matchExpressions?.map(e =>
      compact({ key: e.key, operator: e.operator, values: e.values }),
    ),
  });
}

export function reduceNamespace(ns: V1Namespace): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(ns.metadata, { labels: true }),
  };
}

export function reduceService(service: V1Service): KubernetesObject {
  const spec = service.spec;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(service.metadata, {
      labels: true,
      annotations: prefixed('service.beta.kubernetes.io/'),
    }),
    spec: compact({
      type: spec?.type,
      selector: spec?.selector ? { ...spec.selector } : undefined,
      loadBalancerIP: spec?.loadBalancerIP,
      ports: spec?.ports?.map(p =>
        compact({
          name: p.name,
          port: p.port,
          targetPort: p.targetPort,
          protocol: p.protocol,
        }),
      ),
    }),
    status: {
      loadBalancer: {
        ingress: (service.status?.loadBalancer?.ingress ?? []).map(i =>
          compact({ ip: i.ip, hostname: i.hostname }),
        ),
      },
    },
  };
}

/** Pods: name, namespace, labels, container ports, readiness, service account. */
/** Name and image of each container of a list; absent when the list is empty. */
function imagesOnly(
  containers: Array<{ name: string; image?: string }> | undefined,
): Array<{ name: string; image?: string }> | undefined {
  return containers?.length
    ? containers.map(c => compact({ name: c.name, image: c.image }))
    : undefined;
}

export function reducePod(pod: V1Pod): KubernetesObject {
  const ready = pod.status?.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(pod.metadata, { labels: true }),
    spec: compact({
      // K8S-08 pairs pods with their service account.
      serviceAccountName: pod.spec?.serviceAccountName,
      containers: (pod.spec?.containers ?? []).map(c =>
        compact({
          name: c.name,
          image: c.image,
          ports: c.ports?.map(p =>
            compact({
              name: p.name,
              containerPort: p.containerPort,
              protocol: p.protocol,
            }),
          ),
        }),
      ),
      // ACR-02 judges every image a pod pulls, not only its main containers'.
      initContainers: imagesOnly(pod.spec?.initContainers),
      ephemeralContainers: imagesOnly(pod.spec?.ephemeralContainers),
    }),
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

/** Service accounts matter only for their workload identity annotations. */
export function reduceServiceAccount(
  account: V1ServiceAccount,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(account.metadata, {
      annotations: prefixed('azure.workload.identity/'),
    }),
  };
}

/** Container args Traefik is configured by; nothing else of the command line. */
const TRAEFIK_ARG = /^--?(entrypoints\.|configfile|providers\.)/i;

/**
 * A volume: the Secrets Store CSI driver's attributes (the ingress
 * certificate), a ConfigMap's name and items (Traefik's configuration
 * files), else only its name and kind.
 */
function reduceVolume(volume: V1Volume): Json {
  if (volume.csi)
    return {
      name: volume.name,
      csi: compact({
        driver: volume.csi.driver,
        volumeAttributes: volume.csi.volumeAttributes
          ? { ...volume.csi.volumeAttributes }
          : undefined,
      }),
    };
  if (volume.configMap)
    return {
      name: volume.name,
      configMap: compact({
        name: volume.configMap.name,
        items: volume.configMap.items?.map(i => ({ key: i.key, path: i.path })),
      }),
    };
  const kind = Object.keys(volume).find(
    k => k !== 'name' && volume[k as keyof V1Volume] !== undefined,
  );
  return kind ? { name: volume.name, [kind]: {} } : { name: volume.name };
}

export function reduceDeployment(deployment: V1Deployment): KubernetesObject {
  const template = deployment.spec?.template;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(deployment.metadata, { labels: true }),
    spec: compact({
      replicas: deployment.spec?.replicas,
      selector: selector(deployment.spec?.selector),
      template: {
        metadata: meta(template?.metadata, { labels: true }),
        spec: compact({
          serviceAccountName: template?.spec?.serviceAccountName,
          containers: (template?.spec?.containers ?? []).map(c =>
            compact({
              name: c.name,
              image: c.image,
              args: c.args?.filter(a => TRAEFIK_ARG.test(a)),
              // Where its configuration files are (the ConfigMaps' keys).
              volumeMounts: c.volumeMounts?.map(m =>
                compact({
                  name: m.name,
                  mountPath: m.mountPath,
                  subPath: m.subPath,
                }),
              ),
              ports: c.ports?.map(p =>
                compact({
                  name: p.name,
                  containerPort: p.containerPort,
                  protocol: p.protocol,
                }),
              ),
            }),
          ),
          volumes: (template?.spec?.volumes ?? []).map(reduceVolume),
        }),
      },
    }),
    status: compact({ readyReplicas: deployment.status?.readyReplicas }),
  };
}

export function reduceEndpointSlice(slice: V1EndpointSlice): KubernetesObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(slice.metadata, {
      labels: true,
    }),
    addressType: slice.addressType,
    endpoints: (slice.endpoints ?? []).map(e =>
      compact({
        addresses: [...e.addresses],
        // The API says a nil `ready` means ready.
        conditions: { ready: e.conditions?.ready ?? true },
        targetRef: e.targetRef
          ? compact({ kind: e.targetRef.kind, name: e.targetRef.name })
          : undefined,
      }),
    ),
    ports: (slice.ports ?? []).map(p =>
      compact({ name: p.name, port: p.port, protocol: p.protocol }),
    ),
  };
}

export function reduceIngressClass(
  ingressClass: V1IngressClass,
): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: meta(ingressClass.metadata, {
      annotations: prefixed('ingressclass.kubernetes.io/'),
    }),
    spec: compact({ controller: ingressClass.spec?.controller }),
  };
}

export function reduceIngress(ingress: V1Ingress): KubernetesObject {
  const backend = (b: V1IngressBackend | undefined) =>
    b?.service
      ? {
          service: compact({
            name: b.service.name,
            port: b.service.port ? compact({ ...b.service.port }) : undefined,
          }),
        }
      : undefined;
  const spec = ingress.spec;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(ingress.metadata, {
      annotations: key =>
        key.startsWith('traefik.ingress.kubernetes.io/') ||
        key === 'kubernetes.io/ingress.class',
    }),
    spec: compact({
      ingressClassName: spec?.ingressClassName,
      defaultBackend: backend(spec?.defaultBackend),
      tls: spec?.tls?.map(t =>
        compact({ hosts: t.hosts, secretName: t.secretName }),
      ),
      rules: spec?.rules?.map(r =>
        compact({
          host: r.host,
          http: r.http
            ? {
                paths: r.http.paths.map(p =>
                  compact({
                    path: p.path,
                    pathType: p.pathType,
                    backend: backend(p.backend) ?? {},
                  }),
                ),
              }
            : undefined,
        }),
      ),
    }),
  };
}

function peer(p: V1NetworkPolicyPeer): Json {
  return compact({
    podSelector: selector(p.podSelector),
    namespaceSelector: selector(p.namespaceSelector),
    ipBlock: p.ipBlock
      ? compact({ cidr: p.ipBlock.cidr, except: p.ipBlock.except })
      : undefined,
  });
}

function port(p: V1NetworkPolicyPort): Json {
  return compact({ protocol: p.protocol, port: p.port, endPort: p.endPort });
}

export function reduceNetworkPolicy(policy: V1NetworkPolicy): KubernetesObject {
  const spec = policy.spec;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(policy.metadata),
    spec: compact({
      podSelector: selector(spec?.podSelector) ?? {},
      policyTypes: spec?.policyTypes,
      ingress: spec?.ingress?.map(rule =>
        compact({ from: rule._from?.map(peer), ports: rule.ports?.map(port) }),
      ),
      egress: spec?.egress?.map(rule =>
        compact({ to: rule.to?.map(peer), ports: rule.ports?.map(port) }),
      ),
    }),
  };
}

// --- Custom resources arrive as plain JSON (the client does not type them) ---

const asRecord = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};

function customMeta(item: Json): KubernetesObject['metadata'] {
  const m = asRecord(item.metadata);
  return compact({
    name: typeof m.name === 'string' ? m.name : undefined,
    namespace: typeof m.namespace === 'string' ? m.namespace : undefined,
  });
}

function pick(source: unknown, keys: string[]): Json {
  const record = asRecord(source);
  return compact(Object.fromEntries(keys.map(k => [k, record[k]])));
}

export function reduceIngressRoute(item: Json): KubernetesObject {
  const spec = asRecord(item.spec);
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: customMeta(item),
    spec: compact({
      entryPoints: spec.entryPoints,
      routes: routes.map(r =>
        compact({
          ...pick(r, ['kind', 'match', 'priority']),
          middlewares: (Array.isArray(asRecord(r).middlewares)
            ? (asRecord(r).middlewares as unknown[])
            : undefined
          )?.map(m => pick(m, ['name', 'namespace'])),
          services: (Array.isArray(asRecord(r).services)
            ? (asRecord(r).services as unknown[])
            : undefined
          )?.map(s => pick(s, ['kind', 'name', 'namespace', 'port'])),
        }),
      ),
      tls: spec.tls
        ? pick(spec.tls, ['secretName', 'options', 'store', 'certResolver'])
        : undefined,
    }),
  };
}

/**
 * Middlewares: the allow-list (K8S-03) and the names of the other kinds
 * (`basicAuth: {}`), never their settings: `basicAuth.users` holds password
 * hashes inline.
 */
export function reduceMiddleware(item: Json): KubernetesObject {
  const spec = asRecord(item.spec);
  const kept: Json = {};
  for (const [kind, settings] of Object.entries(spec)) {
    kept[kind] =
      kind === 'ipAllowList' || kind === 'ipWhiteList'
        ? pick(settings, ['sourceRange'])
        : {};
  }
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: customMeta(item),
    spec: kept,
  };
}

export function reduceTlsOption(item: Json): KubernetesObject {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'TLSOption',
    metadata: customMeta(item),
    spec: pick(item.spec, [
      'minVersion',
      'maxVersion',
      'sniStrict',
      'cipherSuites',
    ]),
  };
}

const SPC_PARAMETERS = [
  'keyvaultName',
  'tenantID',
  'tenantId',
  'clientID',
  'usePodIdentity',
  'useVMManagedIdentity',
  'objects',
  'cloudName',
];

export function reduceSecretProviderClass(item: Json): KubernetesObject {
  const spec = asRecord(item.spec);
  const secretObjects = Array.isArray(spec.secretObjects)
    ? spec.secretObjects
    : undefined;
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: customMeta(item),
    spec: compact({
      provider: spec.provider,
      parameters: pick(spec.parameters, SPC_PARAMETERS),
      secretObjects: secretObjects?.map(s => pick(s, ['secretName', 'type'])),
    }),
  };
}

/** Flux's GitRepository: only where it clones from (FW-02 derives the Git host's egress from it). */
export function reduceGitRepository(item: Json): KubernetesObject {
  const spec = asRecord(item.spec);
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: customMeta(item),
    spec: compact({ url: typeof spec.url === 'string' ? spec.url : undefined }),
  };
}

/** Traefik's file configuration is YAML or TOML, by the key's extension. */
const CONFIG_FILE_KEY = /\.(ya?ml|toml)$/i;

/**
 * ConfigMaps of Traefik's namespace, to the keys that can be Traefik's
 * configuration files: anything else a ConfigMap holds is never kept.
 */
export function reduceConfigMap(configMap: V1ConfigMap): KubernetesObject {
  const files = Object.entries(configMap.data ?? {}).filter(([key]) =>
    CONFIG_FILE_KEY.test(key),
  );
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(configMap.metadata),
    data: Object.fromEntries(files),
  };
}
