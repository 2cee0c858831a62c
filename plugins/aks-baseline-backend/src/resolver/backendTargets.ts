import {
  ArmResource,
  asString,
  BackendTrustObservation,
  readArm,
  readArmList,
  sameArmResourceId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { backendTrustOf, TrustRoot } from '../tls/backendTrust';
import {
  backendAddresses,
  hostSentToTraefik,
  listenerEntry,
  listenerRoute,
  speaksHttps,
} from './gatewayRoute';

/**
 * Where App Gateway re-encrypts to Traefik, and what it trusts there: one
 * per backend host name and address. A TLS probe of `address` with SNI
 * `backendHost` sees what App Gateway's backend handshake sees.
 */
export interface BackendTarget {
  backendHost: string;
  address: string;
  port: number;
  trustRoots: TrustRoot[];
}

/** The key a probe result is filed under. */
export const backendTargetKey = (
  t: Pick<BackendTarget, 'address' | 'port' | 'backendHost'>,
) => `${t.address}:${t.port}|${t.backendHost.toLowerCase()}`;

/** Every HTTPS backend of the gateways in front of a cluster (pure). */
export function backendTargets(gateways: ArmResource[]): BackendTarget[] {
  const targets = new Map<string, BackendTarget>();
  for (const gateway of gateways) {
    for (const listener of readArmList(gateway, 'httpListeners')) {
      const { settings, pool } = listenerRoute(gateway, listener);
      const backendHost = hostSentToTraefik(
        settings,
        listenerEntry(listener).host,
      );
      const address = backendAddresses(pool)[0];
      if (!speaksHttps(settings) || !backendHost || !address) continue;
      const target = {
        backendHost,
        address,
        port: Number(readArm(settings, 'port')) || 443,
        trustRoots: trustRootsOf(gateway, settings),
      };
      targets.set(backendTargetKey(target), target);
    }
  }
  return [...targets.values()];
}

function trustRootsOf(gateway: ArmResource, settings: unknown): TrustRoot[] {
  const roots = readArmList(gateway, 'trustedRootCertificates');
  return readArmList(settings, 'trustedRootCertificates').map(reference => {
    const id = asString(readArm(reference, 'id')) ?? '';
    const root = roots.find(r => {
      const rootId = asString(readArm(r, 'id'));
      return rootId !== undefined && sameArmResourceId(rootId, id);
    });
    return {
      name: asString(readArm(root, 'name')) ?? id.split('/').pop() ?? id,
      data: asString(readArm(root, 'data')),
    };
  });
}

/** What a probe of a backend target found: the served chain, or why not. */
export type ServedChain =
  | { ok: true; chainPem: string[]; source: string }
  | { ok: false; reason: string };

/** CERT-04's facts for each target, from what the probes found (or why nothing was). */
export function backendTrustObservations(
  targets: BackendTarget[],
  served: (target: BackendTarget) => ServedChain,
): BackendTrustObservation[] {
  return targets.map(target => {
    const found = served(target);
    return backendTrustOf({
      backendHost: target.backendHost,
      trustRoots: target.trustRoots,
      ...(found.ok
        ? { served: { chainPem: found.chainPem, source: found.source } }
        : { notObservedReason: found.reason }),
    });
  });
}
