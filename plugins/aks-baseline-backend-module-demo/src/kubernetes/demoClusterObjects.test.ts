import { KubernetesSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  baselineClusterObjects,
  demoClusterObjects,
} from './demoClusterObjects';

const schemas = KubernetesSchemas.shared();

const allObjects = () => [
  ...Object.values(demoClusterObjects()).flat(),
  ...baselineClusterObjects({
    clusterName: 'aks-test',
    resourceGroup: 'rg-aks-test',
    spokeOctet: 250,
    app: { name: 'a', namespace: 'b', host: 'a.example.com', owner: 't' },
    flaws: ['no-ready-pods', 'policy-blocks-traefik'],
  }),
];

describe('the demo clusters’ in-cluster objects', () => {
  it('validate strictly against the official schemas', () => {
    const invalid = allObjects()
      .filter(o => o.kind !== 'EndpointSlice' && o.kind !== 'GitRepository')
      .map(o => ({
        ref: `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`,
        errors: schemas.validate(o).errors,
      }))
      .filter(v => v.errors.length > 0);

    expect(invalid).toEqual([]);
  });

  it('cover every kind the reader lists, and what the generated cluster applies besides (EndpointSlice and Flux GitRepository have no schema in shared/)', () => {
    const kinds = new Set(allObjects().map(o => `${o.apiVersion} ${o.kind}`));

    expect([...kinds].sort()).toEqual([
      'apps/v1 Deployment',
      // Backstage's Kubernetes plugin finds a Deployment's pods through it.
      'apps/v1 ReplicaSet',
      'discovery.k8s.io/v1 EndpointSlice',
      'networking.k8s.io/v1 IngressClass',
      'networking.k8s.io/v1 NetworkPolicy',
      // aks-generated-weu's PodDisruptionBudget, Traefik's RBAC, TLSStore
      // and file configuration: applied by GitOps, not all read.
      'policy/v1 PodDisruptionBudget',
      'rbac.authorization.k8s.io/v1 ClusterRole',
      'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
      'secrets-store.csi.x-k8s.io/v1 SecretProviderClass',
      'source.toolkit.fluxcd.io/v1 GitRepository',
      'traefik.io/v1alpha1 IngressRoute',
      'traefik.io/v1alpha1 Middleware',
      'traefik.io/v1alpha1 TLSOption',
      'traefik.io/v1alpha1 TLSStore',
      'v1 ConfigMap',
      'v1 Namespace',
      'v1 Pod',
      'v1 Service',
      'v1 ServiceAccount',
    ]);
    // When shared/schemas gains discovery.k8s.io, validate slices too.
    expect(schemas.has('discovery.k8s.io/v1', 'EndpointSlice')).toBe(false);
    expect(schemas.has('source.toolkit.fluxcd.io/v1', 'GitRepository')).toBe(
      false,
    );
  });

  it('are caught by the validator when a field is misspelt', () => {
    const [policy] = allObjects().filter(o => o.kind === 'NetworkPolicy');
    const broken = {
      ...policy,
      spec: { ...(policy.spec as object), podSelectr: {} },
    };

    expect(schemas.validate(broken).errors).toEqual([
      '/spec: unknown field "podSelectr"',
    ]);
  });
});
