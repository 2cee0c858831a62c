import { posix } from 'node:path';
import { withValueAt } from '../__testUtils__/schemaAgreement';
import { yamlLookalikes } from '../__testUtils__/yamlLookalikes';
import { SPEC_READERS } from '../__testUtils__/yamlReaders';
import { renderCluster } from '../generators/cluster';
import { clusterKustomization } from '../generators/cluster/manifests/kustomization';
import {
  CRDS_DIR,
  crdsKustomization,
} from '../generators/cluster/manifests/crds';
import {
  generateOnboarding,
  planOnboardingFiles,
} from '../generators/onboarding';
import {
  PlannedFile,
  kustomization,
  manifestFileName,
} from '../generators/serialize';
import { validClusterInput } from '../__testUtils__/clusterFixtures';
import { validInput } from '../__testUtils__/onboardingFixtures';
import { parseCreateClusterInput } from '../validation/createClusterInput';
import { parseOnboardAppInput } from '../validation/onboardAppInput';
import { createCreateClusterAction } from './createCluster';
import { createOnboardAppAction } from './onboardApp';

/*
 * Generated files mean what was typed. Every string of a corpus of
 * number-, bool-, null-, date- and merge-key-like strings goes into every
 * input field of both actions that accepts it; every YAML file the action
 * then writes must read back, with a YAML 1.1 and a YAML 1.2 reader, as
 * exactly the objects the generators built (and the JSON files as theirs).
 * (serialize.test.ts runs the whole corpus through js-yaml and kubectl too.)
 */

const corpus = yamlLookalikes();

/** Puts a string somewhere in an action's input. */
type Slot = { name: string; put: (input: unknown, value: string) => unknown };

/** Every top-level field whose JSON schema takes a string. */
function stringFields(schema: any): Slot[] {
  return Object.entries<any>(schema.properties)
    .filter(
      ([, field]) =>
        field.type === 'string' ||
        field.anyOf?.some((s: any) => s.type === 'string'),
    )
    .map(([name]) => ({
      name,
      put: (input, value) => withValueAt(input, [name], value),
    }));
}

/** A label map's key and value. */
function labelSlots(path: Array<string | number>): Slot[] {
  const name = path.join('.');
  return [
    {
      name: `${name} key`,
      put: (input, value) => withValueAt(input, path, { [value]: 'x' }),
    },
    {
      name: `${name} value`,
      put: (input, value) => withValueAt(input, path, { app: value }),
    },
  ];
}

function accepted(parse: (input: unknown) => unknown, input: unknown) {
  try {
    parse(input);
    return true;
  } catch {
    return false;
  }
}

/** An input, and which look-alike went into which slot. */
type Placement = { input: unknown; placed: Map<string, string> };

/**
 * Inputs that together put every corpus string into every slot that
 * accepts it on its own. Each input carries one string per slot (different
 * strings in different slots), so one render checks many pairs; a string
 * a rule between fields refuses next to the others waits for a later input.
 */
function placements(
  base: unknown,
  slots: Slot[],
  parse: (input: unknown) => unknown,
): Placement[] {
  const queues = new Map(
    slots.map(slot => [
      slot,
      corpus.filter(value => accepted(parse, slot.put(base, value))),
    ]),
  );
  const result: Placement[] = [];
  while ([...queues.values()].some(queue => queue.length > 0)) {
    let input = base;
    const placed = new Map<string, string>();
    for (const [slot, queue] of queues) {
      // The first few candidates: a conflict with another slot's string
      // (say, two certificate names alike) rarely lasts longer.
      const current = input;
      const index = queue
        .slice(0, 3)
        .findIndex(value => accepted(parse, slot.put(current, value)));
      if (index < 0) continue;
      const [value] = queue.splice(index, 1);
      input = slot.put(current, value);
      placed.set(slot.name, value);
    }
    result.push({ input, placed });
  }
  return result;
}

/** Files whose readers' view differs from the objects they hold. */
function misreadFiles(
  files: PlannedFile[],
  objects: Map<string, unknown>,
): string[] {
  return files.flatMap(file => {
    const object = objects.get(file.path);
    if (file.path.endsWith('.json')) {
      return JSON.stringify(JSON.parse(file.content)) === JSON.stringify(object)
        ? []
        : [`${file.path} (JSON)`];
    }
    if (!file.path.endsWith('.yaml')) return [];
    return SPEC_READERS.flatMap(reader => {
      try {
        const [read] = reader.read(file.content);
        return JSON.stringify(read) === JSON.stringify(object)
          ? []
          : [`${file.path} (${reader.name})`];
      } catch (error) {
        return [`${file.path} (${reader.name}: ${error})`];
      }
    });
  });
}

function onboardingMisreads(input: unknown): string[] {
  const { spec, dirs } = parseOnboardAppInput(input);
  const generated = generateOnboarding(spec);
  const files = planOnboardingFiles(spec, generated, dirs);
  const inCluster = (name: string) => posix.join(dirs.cluster, name);
  const objects = new Map<string, unknown>([
    ...generated.manifests.map(
      m => [inCluster(manifestFileName(m)), m] as const,
    ),
    [
      inCluster('kustomization.yaml'),
      kustomization(generated.manifests.map(manifestFileName)),
    ],
    [inCluster('catalog-info.yaml'), generated.catalogInfo],
    [
      posix.join(dirs.platform, `appgateway-${spec.appName}.json`),
      generated.appGateway,
    ],
  ]);
  // The CSI driver reads the Key Vault objects as YAML inside a string.
  const spc: any = generated.manifests.find(
    m => m.kind === 'SecretProviderClass',
  );
  const nested = SPEC_READERS.flatMap(reader => {
    const [outer]: any = reader.read(spc.spec.parameters.objects);
    const [object]: any = reader.read(outer.array[0]);
    return object.objectName === spec.keyVault.certificateName
      ? []
      : [`SecretProviderClass objects (${reader.name})`];
  });
  return [...misreadFiles(files, objects), ...nested];
}

function clusterMisreads(input: unknown): string[] {
  const request = parseCreateClusterInput(input);
  const { spec, outputDir } = request;
  const rendered = renderCluster(spec, { outputDir, notes: request.notes });
  const { generated } = rendered;
  const at = (...segments: string[]) =>
    posix.join(outputDir || '.', ...segments);
  const objects = new Map<string, unknown>([
    [at('infra', 'cluster.json'), generated.template],
    [at('infra', 'cluster.parameters.json'), generated.parameters],
    [at('hub', 'egress-rules.json'), generated.hubEgress],
    ...generated.manifests.map(
      m => [at('cluster-manifests', manifestFileName(m)), m] as const,
    ),
    [
      at('cluster-manifests', 'kustomization.yaml'),
      clusterKustomization(spec, generated.names, generated.manifests),
    ],
    [at(CRDS_DIR, 'kustomization.yaml'), crdsKustomization()],
    [at('catalog-info.yaml'), generated.catalogInfo],
  ]);
  return misreadFiles(rendered.files, objects);
}

describe.each([
  {
    action: 'aks-baseline:onboard-app',
    schema: createOnboardAppAction().schema!.input,
    base: validInput({
      egress: [{ namespace: 'db', ports: [{ port: 5432 }] }],
    }),
    parse: parseOnboardAppInput,
    nested: [
      ...labelSlots(['traefikPodLabels']),
      ...labelSlots(['egress', 0, 'podLabels']),
      {
        name: 'egress[0].namespace',
        put: (input: unknown, value: string) =>
          withValueAt(input, ['egress', 0, 'namespace'], value),
      },
    ],
    misreads: onboardingMisreads,
    expectedReach: [
      'appName',
      'certificateName',
      'cluster',
      'egress.0.podLabels key',
      'egress.0.podLabels value',
      'egress[0].namespace',
      'gatewayCertificateName',
      'keyVaultName',
      'namespace',
      'outputDir',
      'owner',
      'platformOutputDir',
      'targetPort',
      'traefikNamespace',
      'traefikPodLabels key',
      'traefikPodLabels value',
    ],
  },
  {
    action: 'aks-baseline:create-cluster',
    schema: createCreateClusterAction().schema!.input,
    base: validClusterInput(),
    parse: parseCreateClusterInput,
    nested: [],
    misreads: clusterMisreads,
    expectedReach: [
      'backendRootCertificateName',
      'clusterName',
      'edgeCertificateName',
      'gitopsBranch',
      'ingressCertificateName',
      'keyVaultName',
      'kubernetesVersion',
      'location',
      'outputDir',
      'owner',
      'resourceGroup',
      'traefikNamespace',
    ],
  },
])('$action', ({ schema, base, parse, nested, misreads, expectedReach }) => {
  const slots = [...stringFields(schema), ...nested];

  it('writes files that read back as the objects, whatever look-alike a field holds', () => {
    const problems: string[] = [];
    const reached = new Set<string>();
    for (const { input, placed } of placements(base, slots, parse)) {
      placed.forEach((_value, slot) => reached.add(slot));
      for (const problem of misreads(input)) {
        problems.push(`${problem} with ${JSON.stringify([...placed])}`);
      }
    }
    expect(problems).toEqual([]);
    // The fields that take no look-alike (GUIDs, CIDRs, host names...)
    // are not reached; the others are.
    expect([...reached].sort()).toEqual(expectedReach);
  });
});
