import {
  describeStampContractProblem,
  readStampContract,
  StampContract,
  StampContractEntity,
} from '@aks-baseline/plugin-aks-baseline-common';

/*
 * What the onboarding form's "What the cluster says" field fills in from the
 * chosen cluster's stamp contract: the same annotations, read by the same
 * common reader, as the onboard-app action defaults to.
 */

/** The onboarding inputs the stamp contract gives, in the order the form shows them. */
export const CONTRACT_FORM_FIELDS = [
  'ingressDomain',
  'appGatewaySubnetCidr',
  'traefikNamespace',
  'keyVaultName',
  'tenantId',
  'certificateReaderClientId',
] as const satisfies ReadonlyArray<keyof StampContract>;

/** One of the inputs the contract fills. */
export type ContractFormField = (typeof CONTRACT_FORM_FIELDS)[number];

/** The field's value: what the user (or the contract) put in each input. */
export type ContractFormValues = Partial<Record<ContractFormField, string>>;

/** What the chosen cluster's entity gives the form. */
export type ContractReading =
  | {
      status: 'valid';
      values: ContractFormValues;
      missing: ContractFormField[];
    }
  | { status: 'absent' }
  | { status: 'invalid'; problems: string[] };

/** The form values a cluster entity's stamp contract gives, or why it gives none. */
export function readContractValues(
  entity: StampContractEntity,
): ContractReading {
  const reading = readStampContract(entity);
  if (reading.status === 'absent') return { status: 'absent' };
  if (reading.status === 'invalid') {
    return {
      status: 'invalid',
      problems: reading.problems.map(describeStampContractProblem),
    };
  }
  const values: ContractFormValues = {};
  const missing: ContractFormField[] = [];
  for (const field of CONTRACT_FORM_FIELDS) {
    const value = reading.contract[field];
    if (value) values[field] = value;
    else missing.push(field);
  }
  return { status: 'valid', values, missing };
}

/**
 * The field's new value after a contract is read: each input still empty,
 * or still holding what an earlier contract filled in, takes the contract's
 * value; what the user typed stays.
 */
export function mergeContractValues(
  current: ContractFormValues,
  previouslyFilled: ContractFormValues,
  fromContract: ContractFormValues,
): ContractFormValues {
  const next: ContractFormValues = { ...current };
  for (const field of CONTRACT_FORM_FIELDS) {
    const value = current[field];
    const untouched = !value || value === previouslyFilled[field];
    if (!untouched) continue;
    if (fromContract[field]) next[field] = fromContract[field];
    else delete next[field];
  }
  return next;
}
