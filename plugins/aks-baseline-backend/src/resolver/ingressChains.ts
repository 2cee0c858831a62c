import {
  ArmResource,
  CertificateInfo,
  CertificatePurpose,
  ChainHop,
  ControlResult,
  IngressChain,
  readArm,
  readArmList,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  certificateFromVault,
  ExpiryThresholds,
  gatewayCertificateSecretId,
} from './certificates';
import { worstHopStatus } from '../chain/hopStatus';
import { InventoryIndex } from './inventoryIndex';
import {
  backendPoolHop,
  backendSettingsHop,
  internetHop,
  listenerHop,
  probeHop,
  publicIpHop,
  routingRuleHop,
  wafHop,
} from './gatewayHops';
import {
  backendAddresses,
  hostSentToTraefik,
  ListenerEntry,
  listenerEntry,
  ListenerRoute,
  listenerRoute,
  publicIpIdOf,
  speaksHttps,
  wafPolicyIdOf,
} from './gatewayRoute';
import { InClusterView } from '../kubernetes/model/inClusterView';
import { ChainTarget, inClusterHops } from '../kubernetes/model/inClusterHops';

export interface ChainContext {
  index: InventoryIndex;
  controls: ControlResult[];
  now: Date;
  thresholds: ExpiryThresholds;
  vaultErrors: Map<string, string>;
  /** The cluster's inside, read or not (then each in-cluster hop says why). */
  inCluster: InClusterView;
}

/** One chain per listener host of each gateway in front of the cluster. */
export function buildIngressChains(
  gateways: ArmResource[],
  ctx: ChainContext,
): { chains: IngressChain[]; certificates: CertificateInfo[] } {
  const chains: IngressChain[] = [];
  const certificates: CertificateInfo[] = [];
  for (const gateway of gateways) {
    for (const listener of readArmList(gateway, 'httpListeners')) {
      const built = chainForListener(gateway, listener, ctx);
      chains.push(built.chain);
      certificates.push(...built.certificates);
    }
  }
  return { chains, certificates: dedupeCertificates(certificates) };
}

/** One listener's chain, a hop per step from the Internet to the pods. */
function chainForListener(
  gateway: ArmResource,
  listener: unknown,
  ctx: ChainContext,
): { chain: IngressChain; certificates: CertificateInfo[] } {
  const { index, controls } = ctx;
  const entry = listenerEntry(listener);
  const route = listenerRoute(gateway, listener);
  const edgeCertificate = gatewayCertificateSecretId(
    gateway,
    'sslCertificates',
    readArm(listener, 'sslCertificate'),
  );
  const wafPolicyId = wafPolicyIdOf(gateway, listener);

  const hops: ChainHop[] = [
    internetHop(entry),
    publicIpHop(index.byId(publicIpIdOf(gateway, listener))),
    listenerHop(gateway, listener, edgeCertificate, controls),
    wafHop(wafPolicyId, index.byId(wafPolicyId), controls),
    routingRuleHop(route.rule, route.pathMap),
    backendSettingsHop(route.settings, controls),
    probeHop(route.probe, controls),
    backendPoolHop(route.pool, controls),
    ...inClusterHops(ctx.inCluster, chainTarget(entry, route, controls)),
  ];
  const certificates = [
    ...(entry.https && edgeCertificate
      ? [gatewayCertificate('edge', edgeCertificate, entry.host, ctx)]
      : []),
    ...trustedRootCertificates(gateway, route.settings, ctx),
  ];
  return {
    chain: {
      host: entry.host,
      listenerName: entry.name,
      applicationGatewayId: gateway.id,
      status: worstHopStatus(hops.map(h => h.status)),
      hops,
    },
    certificates,
  };
}

/** What the App Gateway half hands to the in-cluster half. */
function chainTarget(
  entry: ListenerEntry,
  { settings, pool }: ListenerRoute,
  controls: ControlResult[],
): ChainTarget {
  return {
    host: entry.host,
    hostSentToTraefik: hostSentToTraefik(settings, entry.hosts[0]),
    poolAddresses: backendAddresses(pool),
    backendPort: settings ? Number(readArm(settings, 'port')) : undefined,
    backendHttps: speaksHttps(settings),
    controls,
  };
}

type CertificateContext = Pick<
  ChainContext,
  'index' | 'vaultErrors' | 'now' | 'thresholds'
>;

/** The certificates App Gateway trusts to re-encrypt to the backend. */
function trustedRootCertificates(
  gateway: ArmResource,
  settings: unknown,
  context: CertificateContext,
): CertificateInfo[] {
  return readArmList(settings, 'trustedRootCertificates').flatMap(root => {
    const trusted = gatewayCertificateSecretId(
      gateway,
      'trustedRootCertificates',
      root,
    );
    return trusted
      ? [gatewayCertificate('backend-trust-root', trusted, undefined, context)]
      : [];
  });
}

/**
 * A gateway certificate's expiry, from its Key Vault secret; one uploaded to
 * the gateway has no expiry ARM lists, so it stays unknown.
 */
function gatewayCertificate(
  purpose: CertificatePurpose,
  certificate: { name: string; secretId?: string },
  host: string | undefined,
  context: CertificateContext,
): CertificateInfo {
  const { name, secretId } = certificate;
  return secretId
    ? certificateFromVault({ ...context, purpose, name, secretId, host })
    : {
        purpose,
        name,
        host,
        status: 'unknown',
        statusText: 'uploaded to App Gateway, not referenced from Key Vault',
      };
}

function dedupeCertificates(list: CertificateInfo[]): CertificateInfo[] {
  const seen = new Set<string>();
  return list.filter(c => {
    const id = `${c.purpose}|${c.keyVaultSecretId ?? c.name}|${c.host ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
