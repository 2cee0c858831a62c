import { parse, parseAllDocuments } from 'yaml';
import { exampleRequests } from '../__testUtils__/onboardingFixtures';
import { yamlLookalikes } from '../__testUtils__/yamlLookalikes';
import {
  YAML_READERS,
  hasKubectl,
  readWithKubectl,
} from '../__testUtils__/yamlReaders';
import {
  generateOnboarding,
  planOnboardingFiles,
  renderOnboarding,
} from './onboarding';
import { OnboardingSpec } from './onboarding/spec';
import { manifestFileName, nestedYaml, toYaml } from './serialize';

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
});

/*
 * Every string a generator puts in a file must mean that string to every
 * reader of the file: kubectl and the API server (go-yaml, YAML 1.1 with
 * more number forms), Flux and kustomize, Backstage's catalog (YAML 1.2).
 * A corpus of strings that look like numbers, bools, nulls, dates or merge
 * keys goes through the serializer as keys and as values; each reader must
 * read back exactly the corpus.
 */
describe('strings that look like other types', () => {
  const corpus = yamlLookalikes();
  const asKeysAndValues = {
    map: Object.fromEntries(corpus.map(s => [s, s])),
    list: corpus,
  };

  /** The corpus strings a reader did not read back as themselves. */
  function misread(read: any): string[] {
    const keys = new Set(Object.keys(read.map));
    return corpus.filter(
      (s, i) => !keys.has(s) || read.map[s] !== s || read.list[i] !== s,
    );
  }

  it('has hundreds of look-alikes, the ones from the issue among them', () => {
    expect(corpus.length).toBeGreaterThan(300);
    for (const s of ['0o17', '0O7', '0X1F', '0B1', 'yes', 'off', '~']) {
      expect(corpus).toContain(s);
    }
    for (const s of ['1e3', '2026-01-01', '0x1f', '.inf', '<<', '=']) {
      expect(corpus).toContain(s);
    }
  });

  it.each(YAML_READERS.map(reader => [reader.name, reader] as const))(
    '%s reads every one back as the same string, as a key and as a value',
    (_name, reader) => {
      const [manifest] = reader.read(toYaml(asKeysAndValues));
      expect(misread(manifest)).toEqual([]);
      // YAML nested inside a string field (the CSI driver's objects).
      const [nested] = reader.read(nestedYaml(asKeysAndValues));
      expect(misread(nested)).toEqual([]);
    },
  );

  // kubectl is the reader that matters most; the test runs where it is installed.
  (hasKubectl() ? describe : describe.skip)('kubectl', () => {
    it('reads every one back as the same string, as a key and as a value', () => {
      const configMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'probe' },
        data: asKeysAndValues.map,
      };
      const read = readWithKubectl(toYaml(configMap)) as any;
      expect(misread({ map: read.data, list: corpus })).toEqual([]);
    });
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
