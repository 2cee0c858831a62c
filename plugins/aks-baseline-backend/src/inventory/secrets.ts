import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';

/**
 * A Key Vault secret as the inventory keeps it: its ARM control-plane
 * metadata (`properties.attributes.exp`, `contentType`, `secretUri`, ...)
 * without any value. ARM's list does not return values, but a value that
 * ever appeared would otherwise travel into the snapshot and the API.
 */
export function withoutSecretValue(secret: ArmResource): ArmResource {
  const { value: _topLevel, ...rest } = secret;
  if (!rest.properties || !('value' in rest.properties)) {
    return rest;
  }
  const { value: _value, ...properties } = rest.properties;
  return { ...rest, properties };
}
