import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { KubernetesObject } from '../types';
import {
  checkOnboarding,
  ONBOARDING_CONTROLS,
  onboardingControls,
} from './checks';
import { generateOnboarding } from '.';

describe('checkOnboarding', () => {
  const [{ spec: base }, { spec: full }] = exampleRequests();

  it('finds nothing wrong with what the generators build', () => {
    for (const spec of [base, full]) {
      const { manifests, appGateway } = generateOnboarding(spec);
      expect(checkOnboarding(spec, manifests, appGateway)).toEqual([]);
    }
  });

  it('judges the controls an onboarding decides, and each passes', () => {
    for (const spec of [base, full]) {
      const { manifests, appGateway } = generateOnboarding(spec);
      const results = onboardingControls(spec, manifests, appGateway);
      expect(results.map(r => [r.id, r.status])).toEqual(
        ONBOARDING_CONTROLS.map(id => [id, 'pass']),
      );
    }
  });

  /** Generates for the full example, breaks one thing, returns the problems. */
  function problemsAfter(
    breakIt: (
      manifests: KubernetesObject[],
      gateway: ReturnType<typeof generateOnboarding>['appGateway'],
    ) => void,
  ) {
    const generated = structuredClone(generateOnboarding(full));
    breakIt(generated.manifests, generated.appGateway);
    return checkOnboarding(full, generated.manifests, generated.appGateway);
  }
  const find = (manifests: KubernetesObject[], kind: string) =>
    manifests.find(m => m.kind === kind) as any;

  it.each<[string, Parameters<typeof problemsAfter>[0], RegExp]>([
    [
      'a missing default deny',
      m =>
        m.splice(
          m.findIndex(o => o.metadata.name === 'default-deny'),
          1,
        ),
      /K8S-06 Default deny per app namespace \(fail\): new pods of commerce-orders are not isolated for ingress/,
    ],
    [
      'an ingress policy on another port',
      m => {
        const policy = m.find(
          o => o.metadata.name === 'allow-ingress-from-traefik',
        ) as any;
        policy.spec.ingress[0].ports[0].port = 9999;
      },
      /K8S-07 Ingress only from Traefik \(fail\): .* on TCP \d+: denied/,
    ],
    [
      'an ingress policy open to every namespace on the target port',
      m => {
        const policy = m.find(
          o => o.metadata.name === 'allow-ingress-from-traefik',
        ) as any;
        policy.spec.ingress[0].from = [{ namespaceSelector: {} }];
      },
      /K8S-07 Ingress only from Traefik \(fail\): Traefik is admitted, but so is any pod of any other namespace/,
    ],
    [
      'DNS egress on every port',
      m => {
        const policy = m.find(
          o => o.metadata.name === 'allow-dns-egress',
        ) as any;
        delete policy.spec.egress[0].ports;
      },
      /K8S-06 Default deny per app namespace \(fail\): new pods of commerce-orders may reach kube-dns beyond DNS/,
    ],
    [
      'the deprecated tenantId',
      m => {
        find(m, 'SecretProviderClass').spec.parameters.tenantId = 'x';
      },
      /K8S-04 Ingress certificate from Key Vault \(warning\): tenantId is deprecated/,
    ],
    [
      'a route on the web entry point',
      m => {
        find(m, 'IngressRoute').spec.entryPoints = ['web', 'websecure'];
      },
      /K8S-05 TLS-only routes \(fail\): IngressRoute commerce-orders\/orders listens on web, websecure/,
    ],
    [
      'a TLS secret nobody syncs',
      m => {
        find(m, 'IngressRoute').spec.tls.secretName = 'other';
      },
      /TLS secret/,
    ],
    [
      'a middleware that is not generated',
      m =>
        m.splice(
          m.findIndex(o => o.kind === 'Middleware'),
          1,
        ),
      /middleware .* is not generated/,
    ],
    [
      'an object in another namespace',
      m => {
        m[1].metadata.namespace = 'elsewhere';
      },
      /outside namespace/,
    ],
    [
      'a duplicate object',
      m => m.push(structuredClone(m[1])),
      /generated twice/,
    ],
    [
      'plain HTTP to Traefik',
      (_m, g) => {
        g.properties.backendHttpSettingsCollection[0].properties.protocol =
          'Http';
      },
      /TLS-03/,
    ],
    [
      'an uploaded edge certificate',
      (_m, g) => {
        delete g.properties.sslCertificates[0].properties.keyVaultSecretId;
      },
      /TLS-02/,
    ],
  ])('reports %s', (_name, breakIt, problem) => {
    expect(problemsAfter(breakIt).join('\n')).toMatch(problem);
  });
});
