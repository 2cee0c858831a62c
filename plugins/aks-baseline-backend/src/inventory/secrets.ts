import {
  readArm,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';
import { childIdentity } from './slowTierFacts';
import { StringTable } from './stringTable';

/**
 * A Key Vault secret as the inventory keeps it: what the certificate
 * chain reads of it (`resolver/certificates.ts`: its name, matched to the
 * secret ids the gateways and Traefik name, and `attributes.exp`), never
 * a value. ARM's list does not return values, but a value that
 * ever appeared would otherwise travel into the snapshot and the API. The
 * slow tier keeps these between refreshes (three per vault, 10,000 vaults at
 * 10,000 clusters), so nothing else of the body is held.
 */
export function secretFacts(
  secret: ArmResource,
  strings: StringTable = new StringTable(),
): ArmResource {
  const exp = readArm(secret, 'attributes.exp');
  return {
    ...childIdentity(secret, strings),
    properties: { attributes: exp === undefined ? {} : { exp } },
  };
}
