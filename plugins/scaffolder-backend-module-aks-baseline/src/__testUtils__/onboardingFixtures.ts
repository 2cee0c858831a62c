import { parse } from 'yaml';
import { examples } from '../actions/onboardApp.examples';
import { parseOnboardAppInput } from '../validation/onboardAppInput';

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

/** Validated requests for every example. */
export function exampleRequests() {
  return exampleInputs().map(parseOnboardAppInput);
}
