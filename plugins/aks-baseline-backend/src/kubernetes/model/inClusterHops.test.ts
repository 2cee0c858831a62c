import type {
  ArmResource,
  KubernetesObject,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  DEFAULT_EXPIRY_THRESHOLDS,
  TAG_GATEWAY_CATCH_ALL_RULE,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  buildDemoEstate,
  demoClusterObjects,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { indexInventory, resolveCluster } from '../../resolver';
import { inventoryOf } from '../../__testUtils__/inventoryOf';

const NOW = new Date('2026-11-26T12:00:00Z');
const prodObjects = demoClusterObjects()['aks-prod-weu'];

/** The prod cluster resolved purely, from objects as the reader would hand them over. */
function resolveProd(
  objects: KubernetesObject[],
  patchEstate: (resources: ArmResource[]) => ArmResource[] = r => r,
) {
  const inventory = inventoryOf(patchEstate(buildDemoEstate(NOW)));
  const cluster = inventory.managedClusters.find(
    c => c.name === 'aks-prod-weu',
  )!;
  const snapshot = resolveCluster(cluster, indexInventory(inventory), {
    now: NOW,
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    vaultErrors: new Map(),
    subscriptionErrors: [],
    kubernetes: { objects },
  });
  return {
    snapshot,
    hop: (kind: string) => snapshot.ingress[0].hops.find(h => h.kind === kind)!,
    control: (id: string) => snapshot.controls.find(c => c.id === id)!,
  };
}

const without = (kind: string, name?: string) =>
  prodObjects.filter(
    o => !(o.kind === kind && (!name || o.metadata?.name === name)),
  );

describe('in-cluster hops, resolved purely', () => {
  it('say when App Gateway rewrites the Host header to one no route matches', () => {
    const rewritten = 'bu0001a0008-00.aks-ingress.contoso-demo.com';
    const { hop } = resolveProd(prodObjects, resources =>
      resources.map(r =>
        r.type === 'Microsoft.Network/applicationGateways' &&
        r.name === 'apw-aks-prod-weu'
          ? JSON.parse(
              JSON.stringify(r).replace(
                '"hostName":"payments.contoso-demo.com","cookieBasedAffinity"',
                `"hostName":"${rewritten}","cookieBasedAffinity"`,
              ),
            )
          : r,
      ),
    );

    expect(hop('route')).toMatchObject({
      status: 'error',
      statusText: `App Gateway sends Host ${rewritten} (backend settings host name), but IngressRoute payments/payments-api matches payments.contoso-demo.com: Traefik answers 404`,
    });
    expect(hop('service').statusText).toBe(
      'not observed: no route for this host, so no Service is reached',
    );
  });

  it("end a gateway's tagged catch-all rule at Traefik's 404, as designed, and only that rule", () => {
    const rewritten = 'bu0001a0008-00.aks-ingress.contoso-demo.com';
    const withRewrite = (catchAllRule?: string) => (resources: ArmResource[]) =>
      resources.map(r => {
        if (
          r.type !== 'Microsoft.Network/applicationGateways' ||
          r.name !== 'apw-aks-prod-weu'
        ) {
          return r;
        }
        const gateway = JSON.parse(
          JSON.stringify(r).replace(
            '"hostName":"payments.contoso-demo.com","cookieBasedAffinity"',
            `"hostName":"${rewritten}","cookieBasedAffinity"`,
          ),
        );
        const rule = gateway.properties.requestRoutingRules[0].name;
        gateway.tags = {
          ...gateway.tags,
          [TAG_GATEWAY_CATCH_ALL_RULE]: catchAllRule ?? rule,
        };
        return gateway;
      });

    const tagged = resolveProd(prodObjects, withRewrite());
    expect(tagged.hop('route')).toMatchObject({
      status: 'ok',
      statusText: expect.stringContaining(
        `reaches Traefik as ${rewritten}, which no route serves, so Traefik answers 404 by design`,
      ),
    });
    // The chain ends there: no Service, endpoints or pods to judge.
    expect(tagged.snapshot.ingress[0].hops.map(h => h.kind)).not.toContain(
      'service',
    );
    expect(tagged.snapshot.ingress[0].status).toBe('ok');

    // The tag names another rule: this one is broken, as before.
    const other = resolveProd(prodObjects, withRewrite('some-other-rule'));
    expect(other.hop('route').status).toBe('error');
  });

  it('follow a Kubernetes Ingress served by Traefik as well as an IngressRoute', () => {
    const ingress: KubernetesObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'payments-api',
        namespace: 'payments',
        annotations: {
          'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
          'traefik.ingress.kubernetes.io/router.tls': 'true',
          'traefik.ingress.kubernetes.io/router.middlewares':
            'payments-payments-api-app-gateway-only@kubernetescrd',
        },
      },
      spec: {
        ingressClassName: 'traefik-internal',
        tls: [
          {
            hosts: ['payments.contoso-demo.com'],
            secretName: 'payments-api-tls',
          },
        ],
        rules: [
          {
            host: 'payments.contoso-demo.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: 'payments-api', port: { number: 80 } },
                  },
                },
              ],
            },
          },
        ],
      },
    };

    const { hop, control } = resolveProd([...without('IngressRoute'), ingress]);

    expect(hop('route').statusText).toBe(
      'Ingress payments/payments-api matches payments.contoso-demo.com/, TLS on websecure',
    );
    expect(['service', 'endpoints', 'pods'].map(k => hop(k).status)).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    expect(control('K8S-05').status).toBe('pass');
    expect(control('K8S-07').status).toBe('pass');
    expect(hop('route').kubernetesObjects).toEqual([
      { kind: 'Ingress', namespace: 'payments', name: 'payments-api' },
    ]);
  });

  it('name the Kubernetes objects of each hop, every one an object the cluster holds', () => {
    const { snapshot } = resolveProd(prodObjects);
    const hops = snapshot.ingress[0].hops.filter(h =>
      ['traefik', 'route', 'service', 'endpoints', 'pods'].includes(h.kind),
    );
    expect(
      hops.map(h => [h.kind, (h.kubernetesObjects ?? []).map(o => o.kind)]),
    ).toEqual([
      ['traefik', ['Service']],
      ['route', ['IngressRoute']],
      ['service', ['Service']],
      ['endpoints', []],
      ['pods', expect.arrayContaining(['Pod'])],
    ]);
    const held = new Set(
      prodObjects.map(
        o => `${o.kind} ${o.metadata?.namespace}/${o.metadata?.name}`,
      ),
    );
    const named = hops.flatMap(h => h.kubernetesObjects ?? []);
    expect(named.length).toBeGreaterThan(3);
    for (const o of named) {
      expect(held).toContain(`${o.kind} ${o.namespace}/${o.name}`);
    }
  });

  it('name no object when the cluster holds none', () => {
    const { snapshot } = resolveProd([]);
    expect(
      snapshot.ingress[0].hops.flatMap(h => h.kubernetesObjects ?? []),
    ).toEqual([]);
  });

  it('fail K8S-07 when a policy lets every namespace in, not only Traefik', () => {
    const openPolicy: KubernetesObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-from-anywhere', namespace: 'payments' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: {} }] }],
      },
    };

    const { hop, control } = resolveProd([...prodObjects, openPolicy]);

    expect(hop('pods').status).toBe('error');
    expect(control('K8S-07')).toMatchObject({
      status: 'fail',
      reason:
        'Traefik is admitted, but so is any pod of any other namespace (admitted by payments/allow-from-anywhere ingress[0])',
    });
  });

  it('fail K8S-06 when nothing isolates the app’s pods for egress', () => {
    const { hop, control } = resolveProd(
      without('NetworkPolicy', 'default-deny').filter(
        o => o.metadata?.name !== 'allow-dns-egress',
      ),
    );

    expect(control('K8S-06').status).toBe('fail');
    expect(control('K8S-06').reason).toMatch(
      /payments\/payments-api-\w+-\w+ is not isolated for egress/,
    );
    expect(hop('pods').statusText).toMatch(/^no default deny: /);
    // Traefik still gets in: K8S-07 is about ingress.
    expect(control('K8S-07').status).toBe('pass');
  });

  it("take Traefik's Deployment from what its Service selects, not from a shared label", () => {
    // A canary carries the configured label, but the Service does not select it.
    const canary: KubernetesObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'traefik-canary', namespace: 'a0008' },
        spec: {
          template: {
            metadata: {
              labels: {
                'app.kubernetes.io/name': 'traefik-ingress-ilb',
                'app.kubernetes.io/instance': 'canary',
              },
            },
            spec: {
              containers: [{ name: 'traefik' }],
              volumes: [
                {
                  name: 'tls',
                  csi: {
                    driver: 'secrets-store.csi.k8s.io',
                    volumeAttributes: { secretProviderClass: 'canary-tls' },
                  },
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'secrets-store.csi.x-k8s.io/v1',
        kind: 'SecretProviderClass',
        metadata: { name: 'canary-tls', namespace: 'a0008' },
        spec: {
          provider: 'azure',
          parameters: {
            keyvaultName: 'kv-canary',
            objects: 'array:\n  - |\n    objectName: canary-cert\n',
          },
        },
      },
    ];

    const { hop } = resolveProd([...canary, ...prodObjects]);

    expect(hop('traefik').details).toContainEqual({
      label: 'Certificate',
      value: expect.stringContaining(
        '(SecretProviderClass a0008/aks-ingress-tls-secret-csi-akv)',
      ),
    });
  });

  it('fail K8S-06 without a default deny, even when other policies isolate today’s pods', () => {
    // allow-dns-egress and allow-ingress-from-traefik still select every pod
    // running now, but a new pod of another app would accept anything.
    const { hop, control } = resolveProd(
      without('NetworkPolicy', 'default-deny'),
    );

    expect(control('K8S-06')).toMatchObject({
      status: 'fail',
      reason: 'new pods of payments are not isolated for ingress',
    });
    expect(hop('pods').statusText).toBe(
      'no default deny: new pods of payments are not isolated for ingress',
    );
  });

  it('use the Service port a route names, and say when it has none', () => {
    const wrongPort = prodObjects.map(o =>
      o.kind === 'IngressRoute'
        ? JSON.parse(JSON.stringify(o).replace('"port":80', '"port":8443'))
        : o,
    );

    const { hop } = resolveProd(wrongPort);

    expect(hop('service')).toMatchObject({
      status: 'error',
      statusText: 'Service payments/payments-api has no port 8443',
    });
    expect(hop('endpoints').statusText).toBe(
      'not observed: the route leads to no usable Service port',
    );
  });
});
