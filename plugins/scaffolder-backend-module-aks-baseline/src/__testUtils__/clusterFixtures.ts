import { parse } from 'yaml';
import { examples } from '../actions/createCluster.examples';
import {
  CreateClusterRequest,
  parseCreateClusterInput,
} from '../validation/createClusterInput';

/** A valid create-cluster input (the first example's), with overrides. */
export function validClusterInput(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const input = { ...clusterExampleInputs()[0] };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete input[key];
    else input[key] = value;
  }
  return input;
}

/** Not-afters for the three certificates, as `deploy: true` requires them. */
export const CERTIFICATE_EXPIRIES = {
  edgeCertificateExpiresOn: 1798761600,
  ingressCertificateExpiresOn: 1798761600,
  backendRootCertificateExpiresOn: 1893456000,
} as const;

/** The inputs of every example in createCluster.examples.ts. */
export function clusterExampleInputs(): Record<string, unknown>[] {
  return examples.map(example => parse(example.example).steps[0].input);
}

export function clusterExampleRequests(): CreateClusterRequest[] {
  return clusterExampleInputs().map(input => parseCreateClusterInput(input));
}
