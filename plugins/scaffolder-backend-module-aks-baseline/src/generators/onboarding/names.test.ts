import {
  NamedValue,
  invalidNames,
  kubernetesNames,
} from '../../__testUtils__/objectNames';
import { yamlLookalikes } from '../../__testUtils__/yamlLookalikes';
import {
  exampleRequests,
  validInput,
} from '../../__testUtils__/onboardingFixtures';
import { parseOnboardAppInput } from '../../validation/onboardAppInput';
import { appGatewayNames } from './appGatewayFragment';
import { OnboardingSpec } from './spec';
import { generateOnboarding } from '.';

/*
 * An input is valid exactly when every object its value names accepts the
 * name: the action must refuse what the API server (or the catalog, or
 * Azure) would refuse, and needs no rule stricter than theirs. Candidate
 * values go straight into the generators (bypassing validation); the names
 * in what comes out are judged by the objects' own rules (objectNames.ts).
 */

const CANDIDATES = [
  ...new Set([
    'my-app',
    'a',
    'a1',
    'x0',
    '0',
    '08',
    '1a',
    '9lives',
    '1e3',
    '0x1f',
    '-a',
    'a-',
    'a--b',
    'A',
    'a_b',
    'a.b',
    'a'.repeat(63),
    'a'.repeat(64),
    `0${'a'.repeat(62)}`,
    ...yamlLookalikes(),
  ]),
];

/** Every name the onboarding's objects carry, with its kind. */
function namesIn(spec: OnboardingSpec): NamedValue[] {
  const generated = generateOnboarding(spec);
  return [
    ...generated.manifests.flatMap(kubernetesNames),
    {
      kind: 'entityName',
      where: 'catalog-info.yaml metadata.name',
      value: generated.catalogInfo.metadata.name,
    },
    ...Object.entries(appGatewayNames(spec)).map(([what, value]) => ({
      kind: 'appGatewayChild' as const,
      where: `App Gateway ${what}`,
      value,
    })),
  ];
}

/** The names that break a rule, or the generator's own refusal. */
function problemsWith(spec: OnboardingSpec): string[] {
  try {
    return invalidNames(namesIn(spec)).map(n => `${n.where}: ${n.value}`);
  } catch (error) {
    return [String(error)];
  }
}

function accepts(input: Record<string, unknown>): boolean {
  try {
    parseOnboardAppInput(input);
    return true;
  } catch {
    return false;
  }
}

const [{ spec: base }] = exampleRequests();

describe.each<{
  field: string;
  input: (value: string) => Record<string, unknown>;
  spec: (value: string) => OnboardingSpec;
  /** Refused for another reason than a name rule. */
  otherwiseRefused?: (value: string) => boolean;
}>([
  {
    field: 'appName',
    input: value => validInput({ appName: value, namespace: 'team-apps' }),
    spec: value => ({ ...base, appName: value, namespace: 'team-apps' }),
  },
  {
    field: 'namespace',
    input: value => validInput({ namespace: value }),
    spec: value => ({ ...base, namespace: value }),
    otherwiseRefused: value =>
      value === 'default' ||
      value.startsWith('kube-') ||
      value === base.traefik.namespace,
  },
  {
    field: 'traefikNamespace',
    input: value => validInput({ traefikNamespace: value }),
    spec: value => ({
      ...base,
      traefik: { ...base.traefik, namespace: value },
    }),
    otherwiseRefused: value => value === base.namespace,
  },
])('$field', ({ input, spec, otherwiseRefused }) => {
  it('is accepted exactly when every object it names accepts the name', () => {
    const mismatches = CANDIDATES.flatMap(value => {
      const accepted = accepts(input(value));
      const problems = problemsWith(spec(value));
      const expected = problems.length === 0 && !otherwiseRefused?.(value);
      return accepted === expected ? [] : [{ value, accepted, problems }];
    });
    expect(mismatches).toEqual([]);
  });
});
