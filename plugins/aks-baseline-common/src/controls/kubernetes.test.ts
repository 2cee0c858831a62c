import { evaluateBaselineControls } from './evaluate';
import { baselineResources } from '../__testUtils__/controlFixtures';
import type {
  BaselineResources,
  ControlResult,
  KubernetesObject,
} from './types';

const byId = (results: ControlResult[], id: string) =>
  results.find(r => r.id === id)!;
const judge = (input: BaselineResources, id: string) =>
  byId(evaluateBaselineControls(input), id);
const objects = (input: BaselineResources) => input.kubernetes!.objects!;
const find = (input: BaselineResources, kind: string, name: string): any =>
  objects(input).find(o => o.kind === kind && o.metadata?.name === name);
const without = (input: BaselineResources, kind: string) => {
  input.kubernetes!.objects = objects(input).filter(o => o.kind !== kind);
};

describe('Traefik', () => {
  it('fails K8S-01 when the cluster has no Traefik', () => {
    const input = baselineResources();
    without(input, 'Service');
    expect(judge(input, 'K8S-01')).toMatchObject({
      status: 'fail',
      found: '(no Traefik Service)',
    });
  });

  it('finds Traefik through an explicit locator', () => {
    const input = baselineResources();
    const service = find(input, 'Service', 'traefik-ingress-service');
    service.metadata.name = 'edge';
    service.metadata.labels = {};
    expect(judge(input, 'K8S-01').status).toBe('fail');
    input.kubernetes!.traefik = { namespace: 'traefik', serviceName: 'edge' };
    expect(judge(input, 'K8S-01').status).toBe('pass');
  });

  it("finds Traefik's Service by the locator's labels, not by a name that says traefik", () => {
    const input = baselineResources();
    const service = find(input, 'Service', 'traefik-ingress-service');
    service.metadata.name = 'edge';
    service.metadata.labels = {};
    // A dashboard Service whose name says traefik, in the same namespace.
    objects(input).push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'traefik-dashboard', namespace: 'traefik' },
      spec: { type: 'ClusterIP', ports: [{ port: 9000 }] },
    });
    input.kubernetes!.traefik = {
      namespace: 'traefik',
      podLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
    };
    expect(judge(input, 'K8S-01')).toMatchObject({
      status: 'pass',
      found: expect.stringMatching(/^traefik\/edge: type=LoadBalancer/),
    });
  });

  it("takes Traefik's pod labels from its Service's selector over the locator's", () => {
    const input = baselineResources();
    const both = {
      'app.kubernetes.io/name': 'traefik-ingress-ilb',
      'app.kubernetes.io/instance': 'internal',
    };
    find(input, 'Service', 'traefik-ingress-service').spec.selector = both;
    const deployment = find(input, 'Deployment', 'traefik-ingress-controller');
    Object.assign(deployment.spec.template.metadata.labels, both);
    // The app admits only pods carrying both labels: Traefik's real ones.
    find(
      input,
      'NetworkPolicy',
      'allow-from-traefik',
    ).spec.ingress[0].from[0].podSelector.matchLabels = both;
    input.kubernetes!.traefik = {
      namespace: 'traefik',
      podLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
    };
    expect(judge(input, 'K8S-07').status).toBe('pass');
  });

  it("reads TLS options and trusted IPs from Traefik's file configuration", () => {
    const input = baselineResources();
    without(input, 'TLSOption');
    const traefik = find(input, 'Deployment', 'traefik-ingress-controller');
    traefik.spec.template.spec.containers[0].args = [
      '--configFile=/config/traefik.toml',
    ];
    input.kubernetes!.traefikDynamicConfig = {
      tls: {
        options: { default: { minVersion: 'VersionTLS12', sniStrict: true } },
      },
    };
    input.kubernetes!.traefikStaticConfig = {
      entryPoints: {
        websecure: {
          address: ':8443',
          forwardedHeaders: { trustedIPs: ['10.240.5.0/24'] },
          http: {
            middlewares: [
              'traefik-app-gateway-subnet-ip-allowlist@kubernetescrd',
            ],
          },
        },
      },
    };
    const results = evaluateBaselineControls(input);
    expect(byId(results, 'K8S-02')).toMatchObject({
      status: 'pass',
      found: 'minVersion=VersionTLS12, sniStrict=true',
    });
    expect(byId(results, 'K8S-03').status).toBe('pass');
    // With a config file that was not provided, trustedIPs cannot be seen.
    delete input.kubernetes!.traefikStaticConfig;
    expect(judge(input, 'K8S-03').reason).toMatch(/trustedIPs not visible/);
  });

  it('fails K8S-02 when the file configuration was read and has no default TLS options', () => {
    const input = baselineResources();
    without(input, 'TLSOption');
    input.kubernetes!.traefikDynamicConfig = { http: {} };
    expect(judge(input, 'K8S-02').status).toBe('fail');
  });

  it('requires each route to use the allow-list when the entry point does not', () => {
    const input = baselineResources();
    const args: string[] = find(
      input,
      'Deployment',
      'traefik-ingress-controller',
    ).spec.template.spec.containers[0].args;
    args.splice(2, 1);
    expect(judge(input, 'K8S-03').reason).toMatch(
      /IngressRoute app1\/app1 does not use the allow-list/,
    );
    find(input, 'IngressRoute', 'app1').spec.routes[0].middlewares = [
      { name: 'app-gateway-subnet-ip-allowlist', namespace: 'traefik' },
    ];
    expect(judge(input, 'K8S-03').status).toBe('pass');
  });

  it('accepts the Traefik v2 ipWhiteList middleware', () => {
    const input = baselineResources();
    const middleware = find(
      input,
      'Middleware',
      'app-gateway-subnet-ip-allowlist',
    );
    middleware.apiVersion = 'traefik.containo.us/v1alpha1';
    middleware.spec = { ipWhiteList: { sourceRange: ['10.240.5.0/24'] } };
    expect(judge(input, 'K8S-03').status).toBe('pass');
  });

  it('warns on K8S-04 when the deprecated tenantId stays beside tenantID', () => {
    const input = baselineResources();
    find(
      input,
      'SecretProviderClass',
      'aks-ingress-tls-secret-csi-akv',
    ).spec.parameters.tenantId = '44444444-4444-4444-4444-444444444444';
    expect(judge(input, 'K8S-04')).toMatchObject({
      status: 'warning',
      reason: 'tenantId is deprecated: remove it, tenantID is set',
    });
  });

  it('fails K8S-04 when Traefik mounts a SecretProviderClass that does not exist', () => {
    const input = baselineResources();
    without(input, 'SecretProviderClass');
    expect(judge(input, 'K8S-04').reason).toMatch(
      /mounts SecretProviderClass aks-ingress-tls-secret-csi-akv, which does not exist/,
    );
  });
});

/** The onboarded app exposed through an Ingress instead of an IngressRoute. */
function withIngress(
  input: BaselineResources,
  annotations: Record<string, string>,
): KubernetesObject {
  input.kubernetes!.objects = objects(input).filter(
    o => o.kind !== 'IngressRoute',
  );
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'app1',
      namespace: 'app1',
      annotations: {
        'traefik.ingress.kubernetes.io/router.middlewares':
          'traefik-app-gateway-subnet-ip-allowlist@kubernetescrd',
        ...annotations,
      },
    },
    spec: {
      ingressClassName: 'traefik-internal',
      rules: [
        {
          host: 'app1.contoso.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'app1', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
  objects(input).push(ingress);
  return ingress;
}

describe('routes and network policies', () => {
  it('judges Traefik Ingresses by their router annotations', () => {
    const input = baselineResources();
    withIngress(input, {
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
    });
    const results = evaluateBaselineControls(input);
    expect(
      results.filter(r => r.area === 'kubernetes' && r.status !== 'pass'),
    ).toEqual([]);
    const plain = baselineResources();
    withIngress(plain, {
      'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
    });
    expect(judge(plain, 'K8S-05').status).toBe('fail');
  });

  it('judges Ingresses of every IngressClass Traefik controls, whatever its name', () => {
    const input = baselineResources();
    const ingress = withIngress(input, {
      'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
    });
    (ingress.spec as any).ingressClassName = 'internal';
    objects(input).push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'internal' },
      spec: { controller: 'traefik.io/ingress-controller' },
    });
    expect(judge(input, 'K8S-05')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('Ingress app1/app1 lacks router.tls'),
    });
  });

  it('has nothing to judge without routes', () => {
    const input = baselineResources();
    without(input, 'IngressRoute');
    const results = evaluateBaselineControls(input);
    expect(
      ['K8S-05', 'K8S-06', 'K8S-07'].map(id => byId(results, id).status),
    ).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
  });

  it('judges default deny on what the policies allow together, not on one policy', () => {
    // The onboarding's shape: an empty default deny, DNS in a policy of its own.
    const input = baselineResources();
    const deny = find(input, 'NetworkPolicy', 'default-deny');
    objects(input).push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns-egress', namespace: 'app1' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: deny.spec.egress,
      },
    });
    delete deny.spec.egress;
    expect(judge(input, 'K8S-06')).toMatchObject({
      status: 'pass',
      found:
        'isolated by app1/allow-dns-egress, app1/allow-from-traefik, app1/default-deny',
    });
  });

  it("resolves a Service's named target port through its workload's pod template", () => {
    const input = baselineResources();
    find(input, 'Service', 'app1').spec.ports[0].targetPort = 'http';
    find(input, 'Deployment', 'app1').spec.template.spec.containers[0].ports = [
      { name: 'http', containerPort: 8080 },
    ];
    expect(judge(input, 'K8S-07')).toMatchObject({
      status: 'pass',
      found: 'target port 8080',
    });
  });

  it('fails K8S-07 for a policy that admits every source', () => {
    const input = baselineResources();
    delete find(input, 'NetworkPolicy', 'allow-from-traefik').spec.ingress[0]
      .from;
    expect(judge(input, 'K8S-07')).toMatchObject({
      status: 'fail',
      reason:
        'Traefik is admitted, but so is any pod of any other namespace (admitted by app1/allow-from-traefik ingress[0])',
    });
  });

  it('judges only the namespaces named as app namespaces when given', () => {
    const input = baselineResources();
    input.kubernetes!.appNamespaces = ['app1', 'app2'];
    expect(judge(input, 'K8S-06')).toMatchObject({ status: 'fail' });
    expect(judge(input, 'K8S-06').reason).toMatch(/^app2: no NetworkPolicy/);
  });
});

describe('workload identity wiring', () => {
  it("checks the federated credential's identity against the service account's client id", () => {
    const input = baselineResources();
    find(input, 'ServiceAccount', 'app1').metadata.annotations[
      'azure.workload.identity/client-id'
    ] = '99999999-9999-9999-9999-999999999999';
    expect(judge(input, 'K8S-08').reason).toMatch(
      /issuer or identity does not match/,
    );
  });

  it('fails labelled pods whose service account is not annotated', () => {
    const input = baselineResources();
    delete find(input, 'ServiceAccount', 'app1').metadata.annotations;
    expect(judge(input, 'K8S-08').reason).toMatch(
      /Deployment app1\/app1 uses service account app1, which has no azure.workload.identity\/client-id annotation/,
    );
  });

  it('has nothing to judge when no workload uses workload identity', () => {
    const input = baselineResources();
    input.kubernetes!.objects = objects(input).filter(
      o => o.kind !== 'ServiceAccount' && o.kind !== 'Deployment',
    );
    expect(judge(input, 'K8S-08').status).toBe('not-applicable');
  });
});
