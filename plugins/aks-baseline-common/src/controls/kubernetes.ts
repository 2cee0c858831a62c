import {
  armId,
  asString,
  isRecord,
  readArm,
  readArmList,
  refersTo,
} from '../arm/read';
import type { ArmResource } from '../arm/types';
import { allSubnets } from './egress';
import { ipv4CidrContains } from './ipv4';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  combine,
  fail,
  judge,
  notApplicable,
  notObserved,
  pass,
  show,
  warn,
} from './judgement';
import {
  annotationsOf,
  nameOf,
  namespaceOf,
  readField,
  readList,
  refOf,
} from '../inCluster/objects';
import { containerArgs, podShapes } from './kubernetesObjects';
import type { InClusterModel } from '../inCluster/model';
import type { RoutedBackend } from '../inCluster/routes';
import { secretProviderClassesMountedBy } from '../inCluster/ingressCertificate';
import type { BaselineResources, KubernetesObject } from './types';

const INTERNAL_LB = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const INTERNAL_LB_SUBNET =
  'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const WI_CLIENT_ID = 'azure.workload.identity/client-id';
const WI_USE = 'azure.workload.identity/use';
const TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

/** Runs `evaluate` when Kubernetes objects were read, else says why they were not. */
function onKubernetes(
  evaluate: (input: BaselineResources, model: InClusterModel) => Judgement,
) {
  return (input: BaselineResources, model?: InClusterModel): Judgement => {
    if (!input.kubernetes?.objects || !model) {
      return notObserved(
        input.kubernetes?.unavailableReason ??
          'Kubernetes objects not read (a baseline API server is private)',
      );
    }
    return evaluate(input, model);
  };
}

function traefikInternal(
  _input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const { service } = model.traefik;
  if (!service)
    return fail(
      '(no Traefik Service)',
      'no Traefik Service found (looked for a Service named or labelled traefik, or kubernetes.traefik)',
    );
  const type = readField(service, 'spec.type');
  const annotations = annotationsOf(service);
  const internal = annotations[INTERNAL_LB];
  const subnet = annotations[INTERNAL_LB_SUBNET];
  const found = `${refOf(service)}: type=${show(type)}, internal=${show(
    internal,
  )}, subnet=${show(subnet)}`;
  const findings: Finding[] = [];
  if (type !== 'LoadBalancer')
    findings.push({
      status: 'fail',
      reason: `type ${show(
        type,
      )}: App Gateway reaches Traefik through an internal load balancer`,
    });
  if (internal !== 'true')
    findings.push({
      status: 'fail',
      reason:
        'not annotated internal: Azure gives the load balancer a public IP, bypassing App Gateway and its WAF',
    });
  else if (!subnet)
    findings.push({
      status: 'warning',
      reason:
        'no internal-subnet annotation: the internal IP comes from the node subnet instead of the ingress subnet',
    });
  return judge(found, findings, 'internal load balancer in the ingress subnet');
}

const TLS_FLOOR = ['VersionTLS12', 'VersionTLS13'];

function traefikTlsFloor(
  input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const dynamic = input.kubernetes?.traefikDynamicConfig;
  const options = [
    ...model.objects
      .of('TLSOption')
      .filter(o => nameOf(o) === 'default')
      .map(o => ({ label: `TLSOption ${refOf(o)}`, spec: o.spec })),
    ...(isRecord(readField(dynamic, 'tls.options.default'))
      ? [
          {
            label: 'file provider tls.options.default',
            spec: readField(dynamic, 'tls.options.default'),
          },
        ]
      : []),
  ];
  if (options.length === 0) {
    return dynamic
      ? fail(
          '(no default TLS options)',
          'no default TLS options: sniStrict is off, so Traefik answers any host name with its default certificate',
        )
      : notObserved(
          "no TLSOption named default, and Traefik's file-provider configuration was not provided",
        );
  }
  return combine(
    options.map(({ label, spec }) => {
      const minVersion = asString(readField(spec, 'minVersion'));
      const sniStrict = readField(spec, 'sniStrict');
      const findings: Finding[] = [];
      if (!minVersion)
        findings.push({
          status: 'warning',
          reason:
            "minVersion not set: relies on Traefik's default (TLS 1.2 in current releases)",
        });
      else if (!TLS_FLOOR.includes(minVersion))
        findings.push({
          status: 'fail',
          reason: `minVersion ${minVersion} is below TLS 1.2`,
        });
      if (sniStrict !== true)
        findings.push({
          status: 'fail',
          reason:
            'sniStrict off: Traefik answers any host name with its default certificate',
        });
      return {
        label,
        judgement: judge(
          `minVersion=${show(minVersion)}, sniStrict=${show(sniStrict)}`,
          findings,
          'TLS 1.2 floor, strict SNI',
        ),
      };
    }),
  );
}

/** The App Gateway subnet: from context, else the gateway's subnet among the subnets given. */
function appGatewaySubnetCidr(input: BaselineResources): string | undefined {
  if (input.context?.appGatewaySubnetCidr)
    return input.context.appGatewaySubnetCidr;
  const subnets = allSubnets(input);
  for (const gateway of input.applicationGateways ?? []) {
    for (const config of readArmList(gateway, 'gatewayIPConfigurations')) {
      const ref = readArm(config, 'subnet');
      const subnet = subnets.find(s => refersTo(ref, s));
      const prefix =
        asString(readArm(subnet, 'addressPrefix')) ??
        asString(readArmList(subnet, 'addressPrefixes')[0]);
      if (prefix) return prefix;
    }
  }
  return undefined;
}

interface AllowList {
  name: string;
  namespace?: string;
  ranges: string[];
}

function allowLists(
  input: BaselineResources,
  model: InClusterModel,
): AllowList[] {
  const ranges = (spec: unknown) =>
    [
      ...readList(spec, 'ipAllowList.sourceRange'),
      ...readList(spec, 'ipWhiteList.sourceRange'),
    ].map(String);
  const crs = model.objects
    .of('Middleware')
    .filter(
      m =>
        isRecord(readField(m, 'spec.ipAllowList')) ||
        isRecord(readField(m, 'spec.ipWhiteList')),
    )
    .map(m => ({
      name: nameOf(m),
      namespace: namespaceOf(m),
      ranges: ranges(m.spec),
    }));
  const fileMiddlewares = readField(
    input.kubernetes?.traefikDynamicConfig,
    'http.middlewares',
  );
  const files = isRecord(fileMiddlewares)
    ? Object.entries(fileMiddlewares)
        .filter(
          ([, spec]) =>
            isRecord(readField(spec, 'ipAllowList')) ||
            isRecord(readField(spec, 'ipWhiteList')),
        )
        .map(([name, spec]) => ({ name, ranges: ranges(spec) }))
    : [];
  return [...crs, ...files];
}

/** Traefik's websecure entry point settings, from its static configuration or its container args. */
function entryPointSetting(
  input: BaselineResources,
  model: InClusterModel,
  setting:
    | 'forwardedHeaders.trustedIPs'
    | 'forwardedHeaders.insecure'
    | 'http.middlewares',
) {
  const fromStatic = readField(
    input.kubernetes?.traefikStaticConfig,
    `entryPoints.websecure.${setting}`,
  );
  if (fromStatic !== undefined)
    return {
      seen: true,
      values: (Array.isArray(fromStatic) ? fromStatic : [fromStatic]).map(
        String,
      ),
    };
  const args = containerArgs(model.traefik.deployment);
  const fromArgs = args.get(`entrypoints.websecure.${setting.toLowerCase()}`);
  if (fromArgs !== undefined)
    return {
      seen: true,
      values: fromArgs
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    };
  // Settings are visible if the static configuration was given, or the
  // Deployment's args are the whole configuration (no config file).
  const visible =
    !!input.kubernetes?.traefikStaticConfig ||
    (!!model.traefik.deployment && !args.has('configfile'));
  return { seen: visible, values: [] as string[] };
}

function onlyAppGateway(
  input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const cidr = appGatewaySubnetCidr(input);
  const lists = allowLists(input, model);
  const trusted = entryPointSetting(
    input,
    model,
    'forwardedHeaders.trustedIPs',
  );
  const insecure = entryPointSetting(input, model, 'forwardedHeaders.insecure');
  const findings: Finding[] = [];
  if (!cidr)
    findings.push({
      status: 'not-observed',
      reason:
        "App Gateway subnet CIDR not known (pass the gateway's subnet or context.appGatewaySubnetCidr)",
    });

  const within = (r: string) => (cidr ? ipv4CidrContains(cidr, r) : true);
  const good = lists.filter(l => l.ranges.length > 0 && l.ranges.every(within));
  if (lists.length === 0)
    findings.push({
      status: 'fail',
      reason:
        'no ipAllowList middleware: any pod or VNet host can call Traefik directly',
    });
  else if (good.length === 0)
    findings.push({
      status: 'fail',
      reason: `the allow-list admits more than the App Gateway subnet ${cidr}`,
    });

  // The allow-list protects only routes that use it (or the whole entry point).
  const entryMiddlewares = entryPointSetting(
    input,
    model,
    'http.middlewares',
  ).values;
  const usesGood = (names: string[]) =>
    names.some(n => good.some(g => n.includes(g.name)));
  if (good.length && !usesGood(entryMiddlewares)) {
    for (const route of model.objects.of('IngressRoute')) {
      const names = readList(route, 'spec.routes').flatMap(r =>
        readList(r, 'middlewares').map(m => String(readField(m, 'name'))),
      );
      if (!usesGood(names))
        findings.push({
          status: 'fail',
          reason: `IngressRoute ${refOf(
            route,
          )} does not use the allow-list middleware`,
        });
    }
    for (const ingress of model.ingresses) {
      const names = (
        annotationsOf(ingress)[
          'traefik.ingress.kubernetes.io/router.middlewares'
        ] ?? ''
      ).split(',');
      if (!usesGood(names))
        findings.push({
          status: 'fail',
          reason: `Ingress ${refOf(
            ingress,
          )} does not use the allow-list middleware`,
        });
    }
  }

  if (insecure.values.includes('true'))
    findings.push({
      status: 'fail',
      reason: 'forwardedHeaders.insecure trusts X-Forwarded-* from anyone',
    });
  if (trusted.values.length) {
    const outside = trusted.values.filter(r => !within(r));
    if (outside.length)
      findings.push({
        status: 'fail',
        reason: `forwardedHeaders.trustedIPs ${outside.join(
          ', ',
        )} lie outside the App Gateway subnet`,
      });
  } else if (trusted.seen) {
    findings.push({
      status: 'fail',
      reason:
        "forwardedHeaders.trustedIPs not set: Traefik drops App Gateway's X-Forwarded-For, so logs and allow-lists see the gateway, not the client",
    });
  } else {
    findings.push({
      status: 'not-observed',
      reason:
        'forwardedHeaders.trustedIPs not visible (neither the Traefik Deployment args nor its static configuration were read)',
    });
  }
  const found = [
    `appGatewaySubnet=${show(cidr)}`,
    `allowList=${
      lists.length
        ? lists.map(l => `${l.name}: ${l.ranges.join(' ') || '[]'}`).join('; ')
        : '(none)'
    }`,
    `trustedIPs=${show(trusted.values.length ? trusted.values : undefined)}`,
  ].join(', ');
  return judge(
    found,
    findings,
    'only the App Gateway subnet may call Traefik, and its forwarded headers are trusted',
  );
}

function judgeSecretProviderClass(spc: KubernetesObject): Judgement {
  const params = (readField(spc, 'spec.parameters') ?? {}) as Record<
    string,
    unknown
  >;
  const provider = readField(spc, 'spec.provider');
  const objects = String(params.objects ?? '');
  const findings: Finding[] = [];
  if (spc.apiVersion !== 'secrets-store.csi.x-k8s.io/v1')
    findings.push({
      status: 'warning',
      reason: `apiVersion ${show(
        spc.apiVersion,
      )}: use secrets-store.csi.x-k8s.io/v1`,
    });
  if (provider !== 'azure')
    findings.push({
      status: 'fail',
      reason: `provider ${show(provider)}, not azure`,
    });
  if (!params.keyvaultName)
    findings.push({ status: 'fail', reason: 'no keyvaultName' });
  if (!params.tenantID) {
    findings.push(
      params.tenantId
        ? { status: 'warning', reason: 'tenantId is deprecated: use tenantID' }
        : { status: 'fail', reason: 'no tenantID' },
    );
  } else if (params.tenantId !== undefined) {
    findings.push({
      status: 'warning',
      reason: 'tenantId is deprecated: remove it, tenantID is set',
    });
  }
  if (String(params.usePodIdentity) === 'true')
    findings.push({
      status: 'fail',
      reason: 'usePodIdentity: AAD Pod Identity is retired',
    });
  if (String(params.useVMManagedIdentity) === 'true')
    findings.push({
      status: 'fail',
      reason:
        'useVMManagedIdentity: every pod on the node shares the kubelet identity',
    });
  if (!params.clientID)
    findings.push({
      status: 'fail',
      reason: 'no clientID: not using workload identity',
    });
  if (!/objectName\s*:/.test(objects))
    findings.push({ status: 'fail', reason: 'objects names no certificate' });
  const found = `provider=${show(provider)}, keyvaultName=${show(
    params.keyvaultName,
  )}, tenantID=${show(params.tenantID ?? params.tenantId)}, clientID=${show(
    params.clientID,
  )}, objects=${/objectName\s*:\s*(\S+)/.exec(objects)?.[1] ?? '(none)'}`;
  return judge(
    found,
    findings,
    'certificate pulled from Key Vault with workload identity',
  );
}

function ingressCertificateFromKeyVault(
  _input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const { namespace, deployment } = model.traefik;
  const all = model.objects.of('SecretProviderClass');
  const mounted = secretProviderClassesMountedBy(deployment);
  if (mounted.length) {
    return combine(
      mounted.map(spcName => {
        const spc = all.find(
          s =>
            nameOf(s) === spcName &&
            namespaceOf(s) === namespaceOf(deployment!),
        );
        return {
          label: `SecretProviderClass ${namespaceOf(deployment!)}/${spcName}`,
          judgement: spc
            ? judgeSecretProviderClass(spc)
            : fail(
                '(missing)',
                `Traefik mounts SecretProviderClass ${spcName}, which does not exist`,
              ),
        };
      }),
    );
  }
  const inTraefikNamespace = all.filter(s => namespaceOf(s) === namespace);
  const candidates = inTraefikNamespace.length ? inTraefikNamespace : all;
  if (candidates.length === 0)
    return fail(
      '(none)',
      'no SecretProviderClass: the ingress certificate does not come from Key Vault',
    );
  return combine(
    candidates.map(s => ({
      label: `SecretProviderClass ${refOf(s)}`,
      judgement: judgeSecretProviderClass(s),
    })),
  );
}

function tlsOnlyRoutes(
  _input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const routes = model.objects.of('IngressRoute');
  const ingresses = model.ingresses;
  if (routes.length + ingresses.length === 0)
    return notApplicable('no IngressRoute or Traefik Ingress in the cluster');
  const findings: Finding[] = [];
  const found = [
    ...routes.map(route => {
      const entryPoints = readList(route, 'spec.entryPoints').map(String);
      const tls = readField(route, 'spec.tls');
      if (entryPoints.length === 0)
        findings.push({
          status: 'fail',
          reason: `IngressRoute ${refOf(
            route,
          )} names no entry point, so it also listens on plain HTTP`,
        });
      else if (entryPoints.some(e => e !== 'websecure'))
        findings.push({
          status: 'fail',
          reason: `IngressRoute ${refOf(route)} listens on ${entryPoints.join(
            ', ',
          )}`,
        });
      if (!isRecord(tls))
        findings.push({
          status: 'fail',
          reason: `IngressRoute ${refOf(route)} has no tls`,
        });
      return `IngressRoute ${refOf(route)}: entryPoints=${show(
        entryPoints,
      )}, tls=${isRecord(tls) ? 'set' : '(absent)'}`;
    }),
    ...ingresses.map(ingress => {
      const a = annotationsOf(ingress);
      const tls = a['traefik.ingress.kubernetes.io/router.tls'];
      const entryPoints = a['traefik.ingress.kubernetes.io/router.entrypoints'];
      if (tls !== 'true')
        findings.push({
          status: 'fail',
          reason: `Ingress ${refOf(ingress)} lacks router.tls: "true"`,
        });
      if (entryPoints !== 'websecure')
        findings.push({
          status: 'fail',
          reason: `Ingress ${refOf(ingress)} entry points ${show(
            entryPoints,
          )}, not websecure`,
        });
      return `Ingress ${refOf(ingress)}: router.tls=${show(
        tls,
      )}, router.entrypoints=${show(entryPoints)}`;
    }),
  ];
  return judge(
    found.join('; '),
    findings,
    'every route is TLS-only on websecure',
  );
}

/** K8S-06 in one namespace, by the NetworkPolicy evaluator. */
function defaultDenyIn(model: InClusterModel, namespace: string): Judgement {
  const isolation = model.policies.isolationOf(namespace);
  if (!isolation)
    return notObserved(
      model.policies.error ?? `NetworkPolicies of ${namespace} not evaluated`,
    );
  const { status, isolatingPolicies, explanation } = isolation;
  return {
    status,
    found: isolatingPolicies.length
      ? `isolated by ${isolatingPolicies.join(', ')}`
      : '(no isolating NetworkPolicy)',
    reason: explanation,
  };
}

function defaultDenyPerNamespace(
  _input: BaselineResources,
  model: InClusterModel,
): Judgement {
  if (model.appNamespaces.length === 0)
    return notApplicable(
      "no app namespace (no routes outside Traefik's namespace, no kubernetes.appNamespaces)",
    );
  return combine(
    model.appNamespaces.map(namespace => ({
      label: namespace,
      judgement: defaultDenyIn(model, namespace),
    })),
  );
}

/** K8S-07 for one routed Service, by the NetworkPolicy evaluator. */
function traefikAdmitted(
  model: InClusterModel,
  routed: RoutedBackend,
): Judgement {
  const label = `${routed.namespace}/${routed.service}`;
  const view = model.service(routed);
  if (!view.service)
    return notObserved(`Service ${label} not in the objects read`);
  if (!view.servicePort)
    return notObserved(
      `the route names port ${routed.port}, which Service ${label} does not have`,
    );
  const reach = model.policies.traefikTo(view);
  if (!reach.judged) return notObserved(reach.explanation);
  const found = `target port ${reach.port ?? view.servicePort.targetPort}`;
  if (!reach.allowed || reach.othersAllowed)
    return fail(found, reach.explanation);
  if (reach.broader) return warn(found, reach.broader);
  return pass(found, reach.explanation);
}

function ingressOnlyFromTraefik(
  _input: BaselineResources,
  model: InClusterModel,
): Judgement {
  if (model.appServices.length === 0)
    return notApplicable('no routed Service in an app namespace');
  return combine(
    model.appServices.map(routed => ({
      label: `${routed.namespace}/${routed.service}`,
      judgement: traefikAdmitted(model, routed),
    })),
  );
}

/** The identity a federated credential belongs to: from its id, or its template name `identity/credential`. */
function parentIdentityName(credential: ArmResource): string | undefined {
  const id = armId(credential);
  if (id)
    return id
      .split(/\/federatedIdentityCredentials\//i)[0]
      .split('/')
      .pop();
  const name = asString(credential.name);
  return name?.includes('/') ? name.split('/')[0] : undefined;
}

function federatedCredentialFor(
  input: BaselineResources,
  namespace: string,
  account: string,
  clientId: string,
): Finding {
  const credentials = input.federatedIdentityCredentials;
  const subject = `system:serviceaccount:${namespace}:${account}`;
  if (!credentials)
    return {
      status: 'not-observed',
      reason: `federated credentials not in the input: cannot confirm ${subject}`,
    };
  const matching = credentials.filter(c => readArm(c, 'subject') === subject);
  if (matching.length === 0)
    return {
      status: 'fail',
      reason: `no federated credential with subject ${subject}: token exchange fails`,
    };
  const issuer = asString(
    readArm(input.cluster, 'oidcIssuerProfile.issuerURL'),
  );
  const ok = matching.find(c => {
    const audiences = readArmList(c, 'audiences');
    const sameIssuer =
      !issuer ||
      !asString(readArm(c, 'issuer'))?.startsWith('https://') ||
      readArm(c, 'issuer') === issuer;
    const parent = parentIdentityName(c);
    const identity = parent
      ? (input.userAssignedIdentities ?? []).find(
          i =>
            asString(i.name) === parent ||
            asString(i.id)?.toLowerCase().endsWith(`/${parent.toLowerCase()}`),
        )
      : undefined;
    const identityClientId = asString(readArm(identity, 'clientId'));
    const sameClient = !identityClientId || identityClientId === clientId;
    return audiences.includes(TOKEN_AUDIENCE) && sameIssuer && sameClient;
  });
  return ok
    ? { status: 'pass', reason: '' }
    : {
        status: 'fail',
        reason: `the federated credential for ${subject} lacks audience ${TOKEN_AUDIENCE}, or its issuer or identity does not match`,
      };
}

function workloadIdentityWiring(
  input: BaselineResources,
  model: InClusterModel,
): Judgement {
  const accounts = model.objects.of('ServiceAccount');
  const pods = podShapes(model.objects);
  const annotated = accounts.filter(a => annotationsOf(a)[WI_CLIENT_ID]);
  const labelled = pods.filter(p => p.labels[WI_USE] === 'true');
  if (annotated.length === 0 && labelled.length === 0)
    return notApplicable('no service account or pod uses workload identity');
  const findings: Finding[] = [];
  for (const pod of labelled) {
    const account = accounts.find(
      a =>
        namespaceOf(a) === pod.namespace &&
        nameOf(a) === pod.serviceAccountName,
    );
    if (!account || !annotationsOf(account)[WI_CLIENT_ID]) {
      findings.push({
        status: 'fail',
        reason: `${pod.source} uses service account ${
          pod.serviceAccountName
        }, which ${
          account ? `has no ${WI_CLIENT_ID} annotation` : 'was not found'
        }`,
      });
    }
  }
  for (const account of annotated) {
    const users = pods.filter(
      p =>
        p.namespace === namespaceOf(account) &&
        p.serviceAccountName === nameOf(account),
    );
    for (const user of users.filter(p => p.labels[WI_USE] !== 'true')) {
      findings.push({
        status: 'fail',
        reason: `${user.source} uses ${refOf(
          account,
        )} without the label ${WI_USE}: "true", so no token is injected`,
      });
    }
    findings.push(
      federatedCredentialFor(
        input,
        namespaceOf(account),
        nameOf(account),
        annotationsOf(account)[WI_CLIENT_ID],
      ),
    );
  }
  const found =
    annotated
      .map(a => `${refOf(a)} -> ${annotationsOf(a)[WI_CLIENT_ID]}`)
      .join(', ') || '(no annotated service account)';
  return judge(
    `${found}; labelled workloads: ${
      labelled.map(p => p.source).join(', ') || '(none)'
    }`,
    findings,
    'service accounts, pods and federated credentials agree',
  );
}

export const kubernetesEvaluators: ControlEvaluators = {
  'K8S-01': onKubernetes(traefikInternal),
  'K8S-02': onKubernetes(traefikTlsFloor),
  'K8S-03': onKubernetes(onlyAppGateway),
  'K8S-04': onKubernetes(ingressCertificateFromKeyVault),
  'K8S-05': onKubernetes(tlsOnlyRoutes),
  'K8S-06': onKubernetes(defaultDenyPerNamespace),
  'K8S-07': onKubernetes(ingressOnlyFromTraefik),
  'K8S-08': onKubernetes(workloadIdentityWiring),
};
