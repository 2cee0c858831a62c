import { exampleRequests } from '../../testing/onboardingFixtures';
import { KubernetesObject } from '../types';
import { checkOnboarding } from './checks';
import { generateOnboarding } from '.';

describe('checkOnboarding', () => {
  const [{ spec: base }, { spec: full }] = exampleRequests();

  it('finds nothing wrong with what the generators build', () => {
    for (const spec of [base, full]) {
      const { manifests, appGateway } = generateOnboarding(spec);
      expect(checkOnboarding(spec, manifests, appGateway)).toEqual([]);
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
      /default deny/,
    ],
    [
      'an ingress policy on another port',
      m => {
        const policy = m.find(
          o => o.metadata.name === 'allow-ingress-from-traefik',
        ) as any;
        policy.spec.ingress[0].ports[0].port = 9999;
      },
      /target port/,
    ],
    [
      'the deprecated tenantId',
      m => {
        find(m, 'SecretProviderClass').spec.parameters.tenantId = 'x';
      },
      /tenantID, not tenantId/,
    ],
    [
      'a route on the web entry point',
      m => {
        find(m, 'IngressRoute').spec.entryPoints = ['web', 'websecure'];
      },
      /websecure/,
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
