import { KubernetesSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { KubernetesObject } from '../types';
import { generateOnboarding } from '.';

/*
 * Every generated Kubernetes object validates strictly (unknown fields
 * rejected) against the official schemas in ../shared/schemas, and the
 * validator itself catches the mistakes it is here to catch.
 */
describe('generated objects against the official schemas', () => {
  const schemas = KubernetesSchemas.shared();
  const generated = exampleRequests().map(r => generateOnboarding(r.spec));
  const objects = generated.flatMap(g => g.manifests);

  it('covers every kind the generators produce', () => {
    const kinds = new Set(objects.map(o => `${o.apiVersion} ${o.kind}`));
    expect([...kinds].sort()).toEqual([
      'networking.k8s.io/v1 NetworkPolicy',
      'secrets-store.csi.x-k8s.io/v1 SecretProviderClass',
      'traefik.io/v1alpha1 IngressRoute',
      'traefik.io/v1alpha1 Middleware',
      'v1 Namespace',
      'v1 ServiceAccount',
    ]);
  });

  it.each(objects.map(o => [`${o.kind} ${o.metadata.name}`, o] as const))(
    '%s validates',
    (_name, object) => {
      expect(schemas.validate(object)).toEqual({ valid: true, errors: [] });
    },
  );

  const pick = (kind: string): KubernetesObject =>
    structuredClone(objects.find(o => o.kind === kind)!);

  it('rejects a misspelt metadata field (lables) on core and custom objects', () => {
    for (const kind of ['Namespace', 'NetworkPolicy', 'IngressRoute']) {
      const object = pick(kind) as any;
      object.metadata.lables = object.metadata.labels;
      delete object.metadata.labels;
      const result = schemas.validate(object);
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toContain('unknown field "lables"');
    }
  });

  it('rejects misspelt spec fields', () => {
    const policy = pick('NetworkPolicy') as any;
    policy.spec.ingress = [{ fromm: [] }];
    expect(schemas.validate(policy).errors.join()).toContain('"fromm"');

    const spc = pick('SecretProviderClass') as any;
    spc.spec.secretObjects[0].datas = spc.spec.secretObjects[0].data;
    expect(schemas.validate(spc).errors.join()).toContain('"datas"');

    const route = pick('IngressRoute') as any;
    route.spec.entrypoints = route.spec.entryPoints;
    expect(schemas.validate(route).errors.join()).toContain('"entrypoints"');
  });

  it('rejects wrong types', () => {
    const route = pick('IngressRoute') as any;
    route.spec.entryPoints = 'websecure';
    expect(schemas.validate(route).valid).toBe(false);
  });

  it('rejects the Traefik v2 API group', () => {
    const route = pick('IngressRoute');
    route.apiVersion = 'traefik.containo.us/v1alpha1';
    expect(schemas.validate(route)).toEqual({
      valid: false,
      errors: ['no schema for traefik.containo.us/v1alpha1 IngressRoute'],
    });
    const middleware = pick('Middleware');
    middleware.apiVersion = 'traefik.containo.us/v1alpha1';
    expect(schemas.validate(middleware).valid).toBe(false);
  });
});
