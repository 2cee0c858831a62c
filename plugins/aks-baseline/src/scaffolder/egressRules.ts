import { LABEL_KEY_PATTERN } from '@aks-baseline/plugin-aks-baseline-common';

/** One destination of the onboarding form's egress list, as the form holds it. */
export interface EgressDestination {
  namespace?: string;
  podLabels?: Record<string, string>;
  cidr?: string;
  ports?: Array<{ port?: number; protocol?: string }>;
}

const labelKey = new RegExp(LABEL_KEY_PATTERN);

/**
 * What the onboarding action refuses in a destination that the template's
 * JSON schema cannot say (aks-baseline:onboard-app's egress rule): a
 * namespace or a CIDR, not both and not neither; pod labels only with a
 * namespace; label keys Kubernetes accepts. One sentence per problem, naming
 * the destination by its number in the form.
 */
export function egressProblems(
  destinations: EgressDestination[] | undefined,
): string[] {
  return (destinations ?? []).flatMap((destination, index) => {
    const which = `Destination ${index + 1}`;
    const hasNamespace = Boolean(destination.namespace);
    const hasCidr = Boolean(destination.cidr);
    const labels = Object.keys(destination.podLabels ?? {});
    const problems: string[] = [];
    if (hasNamespace === hasCidr) {
      problems.push(
        hasNamespace
          ? `${which}: give a namespace or a CIDR, not both (add another destination for the other).`
          : `${which}: give the namespace of the pods it may reach, or a CIDR such as 20.50.0.0/16.`,
      );
    }
    if (hasCidr && labels.length > 0) {
      problems.push(
        `${which}: pod labels select pods in a namespace; remove them when giving a CIDR.`,
      );
    }
    for (const key of labels) {
      if (!labelKey.test(key)) {
        problems.push(
          `${which}: "${key}" is not a label key (letters, digits, '-', '_' and '.', with an optional prefix like app.kubernetes.io/).`,
        );
      }
    }
    return problems;
  });
}

/**
 * The list without what the form leaves behind when a user empties a part:
 * a pod label map whose last label was removed (the action refuses an empty
 * selector, which would match every pod).
 */
export function withoutEmptyParts(
  destinations: EgressDestination[] | undefined,
): EgressDestination[] | undefined {
  return destinations?.map(destination => {
    if (
      destination.podLabels &&
      Object.keys(destination.podLabels).length === 0
    ) {
      const { podLabels: _empty, ...rest } = destination;
      return rest;
    }
    return destination;
  });
}
