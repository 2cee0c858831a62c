import { parse } from 'yaml';
import { examples } from '../actions/onboardApp.examples';
import { clusterCatalogEntity } from '../generators/cluster/catalogInfo';
import {
  OnboardingCatalogView,
  clusterRefOf,
  parseOnboardAppInput,
} from '../validation/onboardAppInput';
import { clusterExampleRequests } from './clusterFixtures';

/** Test fixtures shared by the onboarding tests. */

/** The input of every example in `onboardApp.examples.ts`, in order. */
export function exampleInputs(): Record<string, unknown>[] {
  return examples.map(e => parse(e.example).steps[0].input);
}

/** The first (default) example's input, a fresh copy each call. */
export function validInput(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...exampleInputs()[0], ...overrides };
}

/**
 * What the catalog says about the cluster an input names, in a portal where
 * create-cluster's example clusters are registered (their generated
 * entities, stamp contract included).
 */
export function exampleCatalogView(
  input: Record<string, unknown>,
): OnboardingCatalogView {
  const ref = clusterRefOf(String(input.cluster));
  const clusterEntity = clusterExampleRequests()
    .map(({ spec }) => clusterCatalogEntity(spec))
    .find(e => `resource:default/${e.metadata.name}` === ref);
  return { asked: true, clusterEntity, appsOnCluster: [] };
}

/** Validated requests for every example, each with its cluster's catalog view. */
export function exampleRequests() {
  return exampleInputs().map(input =>
    parseOnboardAppInput(input, exampleCatalogView(input)),
  );
}
