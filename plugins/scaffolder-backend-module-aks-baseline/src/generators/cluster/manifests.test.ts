import { parse } from 'yaml';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { KubernetesSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { manifestFileName } from '../serialize';
import { KubernetesObject } from '../types';
import { clusterKustomization } from './manifests/kustomization';
import { stampImages } from './manifests/images';
import { generateCluster, renderCluster } from '.';

/*
 * Traefik's manifests validate strictly against the official Kubernetes
 * 1.35, Traefik v3 and Secrets Store CSI schemas, and carry the hardening
 * and wiring the baseline asks for.
 */
const requests = clusterExampleRequests();
const generated = requests.map(r => generateCluster(r.spec));
const schemas = KubernetesSchemas.shared();

const find = (objects: KubernetesObject[], kind: string) =>
  structuredClone(objects.find(o => o.kind === kind)!) as any;

describe('the generated Traefik manifests', () => {
  it('cover the kinds the bootstrap needs, in apply order', () => {
    expect(
      generated[0].manifests.map(m => `${m.kind}/${m.metadata.name}`),
    ).toEqual([
      'Namespace/a0008',
      'ServiceAccount/traefik-ingress-ilb',
      'ClusterRole/traefik-ingress-ilb-a0008',
      'ClusterRoleBinding/traefik-ingress-ilb-a0008',
      'ConfigMap/traefik-static-config',
      'ConfigMap/traefik-dynamic-config',
      'SecretProviderClass/traefik-ingress-tls-csi-akv',
      'TLSStore/default',
      'Deployment/traefik-ingress-ilb',
      'Service/traefik-ingress-ilb',
      'IngressClass/traefik-internal',
      'PodDisruptionBudget/traefik-ingress-ilb',
    ]);
  });

  it.each(
    generated.flatMap((g, i) =>
      g.manifests.map(
        m =>
          [
            `${requests[i].spec.clusterName} ${m.kind} ${m.metadata.name}`,
            m,
          ] as const,
      ),
    ),
  )('%s validates against its schema', (_label, object) => {
    expect(schemas.validate(object)).toEqual({ valid: true, errors: [] });
  });

  it('rejects misspelt fields (the validator is strict)', () => {
    const deployment = find(generated[0].manifests, 'Deployment');
    deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem =
      true;
    expect(schemas.validate(deployment).errors.join()).toContain(
      '"readOnlyRootFilesytem"',
    );
    const store = find(generated[0].manifests, 'TLSStore');
    store.spec.defaultCertificate.secretname = 'x';
    expect(schemas.validate(store).errors.join()).toContain('"secretname"');
  });

  it("writes Traefik's file configuration in the shape of its CRDs", () => {
    // The file provider takes the same fields as the TLSOption and
    // Middleware resources: the CRD schemas check them.
    const dynamicMap = generated[0].manifests.find(
      m => m.metadata.name === 'traefik-dynamic-config',
    )!;
    const dynamic = parse((dynamicMap.data as any)['dynamic.yaml']);
    const asResource = (kind: string, spec: unknown) => ({
      apiVersion: 'traefik.io/v1alpha1',
      kind,
      metadata: { name: 'default', namespace: 'a0008' },
      spec,
    });
    expect(
      schemas.validate(asResource('TLSOption', dynamic.tls.options.default)),
    ).toEqual({ valid: true, errors: [] });
    expect(
      schemas.validate(
        asResource('Middleware', dynamic.http.middlewares['app-gateway-only']),
      ),
    ).toEqual({ valid: true, errors: [] });
    expect(dynamic.tls.options.default).toMatchObject({
      minVersion: 'VersionTLS12',
      sniStrict: true,
    });
    expect(dynamic.http.middlewares['app-gateway-only']).toEqual({
      ipAllowList: { sourceRange: ['10.240.5.0/24'] },
    });
  });

  it('runs Traefik hardened, mounting the certificate volume', () => {
    const pod = find(generated[0].manifests, 'Deployment').spec.template.spec;
    const [container] = pod.containers;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(
      pod.affinity.podAntiAffinity
        .requiredDuringSchedulingIgnoredDuringExecution,
    ).toHaveLength(1);
    expect(pod.volumes).toContainEqual({
      name: 'ingress-certificate',
      csi: {
        driver: 'secrets-store.csi.k8s.io',
        readOnly: true,
        volumeAttributes: {
          secretProviderClass: 'traefik-ingress-tls-csi-akv',
        },
      },
    });
    expect(container.ports.every((p: any) => p.containerPort > 1024)).toBe(
      true,
    );
  });

  it('exposes Traefik on an internal load balancer at the fixed IP in the ingress subnet', () => {
    const service = find(generated[0].manifests, 'Service');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet':
        'snet-clusteringressservices',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.240.4.4',
    });
    expect(service.spec).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
    });
  });

  it('applies every manifest and fills in the client id from one env file', () => {
    const [{ spec }] = requests;
    const { manifests, names } = generated[0];
    const kustomization = clusterKustomization(spec, names, manifests);
    expect(kustomization.resources).toEqual(manifests.map(manifestFileName));
    expect(new Set(kustomization.resources).size).toBe(manifests.length);
    const targets = kustomization.replacements[0].targets;
    expect(targets.map(t => [t.select.kind, t.fieldPaths])).toEqual([
      [
        'ServiceAccount',
        ['metadata.annotations.[azure.workload.identity/client-id]'],
      ],
      ['SecretProviderClass', ['spec.parameters.clientID']],
    ]);
    // The placeholder kustomize replaces is where the targets point.
    const account = find(manifests, 'ServiceAccount');
    const spc = find(manifests, 'SecretProviderClass');
    expect(
      account.metadata.annotations['azure.workload.identity/client-id'],
    ).toBe('set-from-workload-identity-env');
    expect(spc.spec.parameters.clientID).toBe('set-from-workload-identity-env');
  });

  it('pulls the certificate with workload identity and syncs it for the TLS store', () => {
    const { manifests } = generated[1];
    const spc = find(manifests, 'SecretProviderClass');
    expect(spc.spec.parameters).toMatchObject({
      usePodIdentity: 'false',
      keyvaultName: 'kv-aks-staging-sec',
      tenantID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    const objects = parse(spc.spec.parameters.objects);
    expect(objects.array.map((o: string) => parse(o))).toEqual([
      {
        objectName: 'staging-traefik-wildcard',
        objectType: 'secret',
        objectAlias: 'ingress-tls.pem',
      },
    ]);
    expect(find(manifests, 'TLSStore').spec.defaultCertificate.secretName).toBe(
      spc.spec.secretObjects[0].secretName,
    );
    expect(
      find(manifests, 'Deployment').spec.template.metadata.labels,
    ).toMatchObject({
      'azure.workload.identity/use': 'true',
    });
  });

  /** Every container image a pod spec names, in any manifest. */
  const imagesOf = (objects: KubernetesObject[]) =>
    objects.flatMap(object => {
      const pod = (object.spec as any)?.template?.spec;
      return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map(
        (c: any) => c.image as string,
      );
    });

  it.each(requests.map((r, i) => [r.spec.clusterName, i] as const))(
    "%s: every image comes from the stamp's registry, pinned by exact tag",
    (_name, index) => {
      const { names, manifests } = generated[index];
      const images = imagesOf(manifests);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect({
          image,
          fromRegistry: image.startsWith(`${names.registry.loginServer}/`),
          exactTag: /:v?\d+\.\d+\.\d+$/.test(image),
        }).toEqual({ image, fromRegistry: true, exactTag: true });
      }
      expect(images).toContain(`${names.registry.loginServer}/traefik:v3.7.9`);
      // The one list the README and the egress read is what the manifests run.
      expect([...new Set(images)].sort()).toEqual(
        stampImages(names)
          .map(i => i.image)
          .sort(),
      );
    },
  );

  it("the README imports exactly the manifests' images, each from its public source", () => {
    const [request] = requests;
    const rendered = renderCluster(request.spec, { outputDir: '' });
    const readme = rendered.files.find(f => f.path === 'README.md')!.content;
    const { names } = rendered.generated;
    const imports = [
      ...readme.matchAll(
        /az acr import --subscription \S+ -n (\S+) --source (\S+) --image (\S+)/g,
      ),
    ].map(([, registry, source, image]) => ({ registry, source, image }));
    expect(
      imports.map(i => `${names.registry.loginServer}/${i.image}`).sort(),
    ).toEqual([...new Set(imagesOf(rendered.generated.manifests))].sort());
    expect(imports).toEqual([
      {
        registry: names.registry.name,
        source: 'docker.io/library/traefik:v3.7.9',
        image: 'traefik:v3.7.9',
      },
    ]);
  });
});
