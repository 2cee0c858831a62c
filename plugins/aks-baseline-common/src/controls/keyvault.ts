import {
  asBoolean,
  asString,
  readArm,
  resourceLabel,
  sameText,
} from '../arm/read';
import {
  ControlEvaluators,
  Judgement,
  about,
  combine,
  fail,
  notObserved,
  pass,
  show,
} from './judgement';
import type { ArmKeyVault } from '../arm/types';
import { privateLinkConnections } from './privateLink';
import type { BaselineResources } from './types';

/** Runs `evaluate` on every vault given and folds the verdicts. */
function onVaults(
  evaluate: (vault: ArmKeyVault, input: BaselineResources) => Judgement,
) {
  return (input: BaselineResources): Judgement => {
    const vaults = input.keyVaults ?? [];
    if (vaults.length === 0) return notObserved('no Key Vault in the input');
    return combine(
      vaults.map(v => ({
        label: resourceLabel(v),
        judgement: about(v, evaluate(v, input)),
      })),
    );
  };
}

function closedToPublic(vault: ArmKeyVault): Judgement {
  const access = asString(readArm(vault, 'publicNetworkAccess'));
  const action = asString(readArm(vault, 'networkAcls.defaultAction'));
  const bypass = asString(readArm(vault, 'networkAcls.bypass'));
  const found = `publicNetworkAccess=${show(
    access,
  )}, networkAcls.defaultAction=${show(action)}, bypass=${show(bypass)}`;
  if (sameText(access, 'Disabled'))
    return pass(found, 'public network access disabled');
  if (sameText(action, 'Deny'))
    return pass(found, 'the vault firewall denies public networks');
  return fail(
    found,
    action
      ? `the vault firewall's default action is ${action}: the vault answers from any network`
      : 'no network ACLs (default action Allow): the vault answers from any network',
  );
}

function privateLink(vault: ArmKeyVault, input: BaselineResources): Judgement {
  const connections = privateLinkConnections(
    vault,
    'vault',
    input.privateEndpoints ?? [],
    input.keyVaults?.length ?? 0,
  );
  const found = connections.length
    ? connections.map(c => `${c.source}: ${show(c.status)}`).join(', ')
    : '(no private endpoint)';
  if (connections.some(c => sameText(c.status, 'Approved')))
    return pass(found, 'an approved private endpoint connection');
  // A template declares an automatic connection without a state; ARM approves
  // it on deployment (same tenant, caller may approve), so the declaration is
  // what the baseline asks for. A manual connection waits for an approver.
  const declared = connections.find(c => c.status === undefined && !c.manual);
  if (declared)
    return pass(
      found,
      `private endpoint ${declared.source} declared with automatic approval (state is set on deployment)`,
    );
  if (connections.length > 0) {
    return fail(
      found,
      'no private endpoint connection is Approved (pending, rejected or disconnected)',
    );
  }
  if (
    input.privateEndpoints === undefined &&
    readArm(vault, 'privateEndpointConnections') === undefined
  ) {
    return notObserved(
      'private endpoints not in the input and the vault lists no private endpoint connections',
      found,
    );
  }
  return fail(
    found,
    'no private endpoint with groupIds ["vault"] targets this vault',
  );
}

function rbacAuthorization(vault: ArmKeyVault): Judgement {
  const rbac = asBoolean(readArm(vault, 'enableRbacAuthorization'));
  if (rbac === true) return pass('true');
  return fail(
    show(rbac),
    rbac === false
      ? 'access policies instead of Azure RBAC: per-vault grants outside the role-assignment audit trail'
      : 'enableRbacAuthorization not set: older api-versions then default to access policies; declare true',
  );
}

export const keyVaultEvaluators: ControlEvaluators = {
  'KV-01': onVaults(closedToPublic),
  'KV-02': onVaults(privateLink),
  'KV-03': onVaults(rbacAuthorization),
};
