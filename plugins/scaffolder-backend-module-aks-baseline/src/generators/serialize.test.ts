import { parse, parseAllDocuments } from 'yaml';
import { exampleRequests } from '../testing/onboardingFixtures';
import {
  generateOnboarding,
  planOnboardingFiles,
  renderOnboarding,
} from './onboarding';
import { OnboardingSpec } from './onboarding/spec';
import { manifestFileName, toYaml } from './serialize';

/*
 * What the files say is exactly what the generators built: one document per
 * file, the same keys and values after a round trip, whatever the strings.
 */

function parseOnly(content: string, version: '1.1' | '1.2' = '1.1') {
  const docs = parseAllDocuments(content, { version });
  expect(Array.isArray(docs) ? docs.length : 0).toBe(1);
  const [doc] = docs as ReturnType<typeof parseAllDocuments> & unknown[];
  expect(doc.errors).toEqual([]);
  return doc.toJS();
}

describe('serialized onboarding files', () => {
  it.each(exampleRequests().map(r => [r.spec.appName, r] as const))(
    '%s: every file is one document equal to its object',
    (_name, { spec, dirs }) => {
      const generated = generateOnboarding(spec);
      const files = planOnboardingFiles(spec, generated, dirs);
      const yamlFiles = files.filter(f => f.path.endsWith('.yaml'));
      const parsed = new Map(
        yamlFiles.map(f => [f.path, parseOnly(f.content)] as const),
      );
      for (const object of generated.manifests) {
        const file = yamlFiles.find(
          f => f.path === `${dirs.cluster}/${manifestFileName(object)}`,
        )!;
        expect(parsed.get(file.path)).toEqual(object);
        // YAML 1.2 readers (most tools) see the same thing.
        expect(parseOnly(file.content, '1.2')).toEqual(object);
        expect(Object.keys(parsed.get(file.path)).slice(0, 3)).toEqual([
          'apiVersion',
          'kind',
          'metadata',
        ]);
      }
      expect(parsed.get(`${dirs.cluster}/catalog-info.yaml`)).toEqual(
        generated.catalogInfo,
      );
      const json = files.find(f => f.path.endsWith('.json'))!;
      expect(json.path).toBe(
        `${dirs.platform}/appgateway-${spec.appName}.json`,
      );
      expect(JSON.parse(json.content)).toEqual(generated.appGateway);
    },
  );

  it('lists every manifest, and only manifests, in kustomization.yaml', () => {
    const [{ spec, dirs }] = exampleRequests();
    const files = renderOnboarding(spec, dirs).files;
    const kustomization = parseOnly(
      files.find(f => f.path === `${dirs.cluster}/kustomization.yaml`)!.content,
    );
    const manifests = files
      .map(f => f.path)
      .filter(
        p =>
          p.startsWith(`${dirs.cluster}/`) &&
          p.endsWith('.yaml') &&
          !/\/(kustomization|catalog-info)\.yaml$/.test(p),
      )
      .map(p => p.slice(dirs.cluster.length + 1));
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: manifests,
    });
  });

  it('nests the Key Vault objects as YAML the Azure provider can read', () => {
    const [{ spec }] = exampleRequests();
    const spc = generateOnboarding(spec).manifests.find(
      m => m.kind === 'SecretProviderClass',
    ) as any;
    const outer = parse(spc.spec.parameters.objects);
    expect(outer).toEqual({ array: [expect.any(String)] });
    expect(parse(outer.array[0])).toEqual({
      objectName: spec.keyVault.certificateName,
      objectType: 'secret',
    });
    expect(spc.spec.parameters).not.toHaveProperty('tenantId');
    expect(spc.spec.parameters.usePodIdentity).toBe('false');
  });

  it('renders the same bytes every time', () => {
    for (const { spec, dirs } of exampleRequests()) {
      expect(renderOnboarding(spec, dirs)).toEqual(
        renderOnboarding(spec, dirs),
      );
    }
  });

  it('quotes strings that YAML 1.1 (Kubernetes) would read as other types', () => {
    const tricky = [
      'yes',
      'on',
      'Off',
      'y',
      'n',
      '0755',
      '1:20',
      '1_000',
      '~',
      '2001-12-14',
      '12e3',
      'null',
      'true',
    ];
    const object = { labels: Object.fromEntries(tricky.map(v => [v, v])) };
    const text = toYaml(object);
    expect(parse(text, { version: '1.1' })).toEqual(object);
    expect(parse(text, { version: '1.2' })).toEqual(object);
  });
});

/*
 * Validation rejects all of these (see the validation tests). Here they go
 * straight into the generators, bypassing it, to show that serialization
 * alone keeps them inert: they come out as the same strings, in the same
 * places, and never as extra keys or documents.
 */
describe('hostile strings that bypass validation stay inert', () => {
  const hostile = [
    'a\n---\nkind: ClusterRoleBinding',
    '{x: 1}',
    '"quoted": value',
    "it's\n  injected: true",
    'аpp', // Cyrillic 'а'
    '- list\n- items',
    '&anchor *alias',
    '#comment',
    'name: value\nobjectType: cert',
  ];

  it.each(hostile.map(h => [JSON.stringify(h), h] as const))(
    '%s',
    (_name, value) => {
      const [{ spec: base, dirs }] = exampleRequests();
      const spec: OnboardingSpec = {
        ...base,
        ownerName: value,
        clusterRef: value,
        host: value,
        keyVault: { ...base.keyVault, certificateName: value, tenantId: value },
      };
      const generated = generateOnboarding(spec);
      const files = planOnboardingFiles(spec, generated, dirs);
      const expected = new Map<string, unknown>([
        ...generated.manifests.map(
          m => [`${dirs.cluster}/${manifestFileName(m)}`, m] as const,
        ),
        [`${dirs.cluster}/catalog-info.yaml`, generated.catalogInfo],
      ]);
      for (const [path, object] of expected) {
        const file = files.find(f => f.path === path)!;
        expect(parseOnly(file.content)).toEqual(object);
      }
      const ns = parseOnly(files[0].content);
      expect(ns.metadata.labels['aks-baseline.io/owner']).toBe(value);
      expect(Object.keys(ns.metadata)).toEqual([
        'name',
        'labels',
        'annotations',
      ]);

      const spc = generated.manifests.find(
        m => m.kind === 'SecretProviderClass',
      ) as any;
      const outer = parse(spc.spec.parameters.objects);
      expect(Object.keys(outer)).toEqual(['array']);
      expect(outer.array).toHaveLength(1);
      expect(parse(outer.array[0])).toEqual({
        objectName: value,
        objectType: 'secret',
      });
    },
  );
});
