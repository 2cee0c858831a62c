import {
  ArmResource,
  CertificateInfo,
  CertificatePurpose,
  ChainHop,
  ControlResult,
  IngressChain,
  readArm,
  readArmList,
  TAG_GATEWAY_CATCH_ALL_RULE,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  CertificateContext,
  certificateFromVault,
  gatewayCertificateSecretId,
} from './certificates';
import { chainStatus } from '../chain/hopStatus';
import { namingBoundaryCertificates } from '../chain/certificateBoundary';
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

export interface ChainContext extends CertificateContext {
  controls: ControlResult[];
  /** The cluster's inside, read or not (then each in-cluster hop says why). */
  inCluster: InClusterView;
  /** Traefik's certificate, when known: it makes the TLS boundary at Traefik. */
  ingressCertificate?: CertificateInfo;
}

/** One chain per listener host of each gateway in front of the cluster. */
export function buildIngressChains(
  gateways: ArmResource[],
  ctx: ChainContext,
): IngressChain[] {
  return gateways.flatMap(gateway =>
    readArmList(gateway, 'httpListeners').map(listener =>
      chainForListener(gateway, listener, ctx),
    ),
  );
}

/**
 * The edge and trust-root certificates of every listener, once each: read
 * before the chains, since the certificate controls judge them and the
 * chains show the controls.
 */
export function gatewayCertificates(
  gateways: ArmResource[],
  ctx: CertificateContext,
): CertificateInfo[] {
  return dedupeCertificates(
    gateways.flatMap(gateway =>
      readArmList(gateway, 'httpListeners').flatMap(listener => {
        const { edge, trustRoots } = listenerCertificates(
          gateway,
          listener,
          ctx,
        );
        return [...edge, ...trustRoots];
      }),
    ),
  );
}

/** A listener's edge certificate (when it speaks HTTPS) and the trust roots of its backend settings. */
function listenerCertificates(
  gateway: ArmResource,
  listener: unknown,
  ctx: CertificateContext,
) {
  const entry = listenerEntry(listener);
  const route = listenerRoute(gateway, listener);
  const edgeCertificate = gatewayCertificateSecretId(
    gateway,
    'sslCertificates',
    readArm(listener, 'sslCertificate'),
  );
  return {
    entry,
    route,
    edgeCertificate,
    edge:
      entry.https && edgeCertificate
        ? [gatewayCertificate('edge', edgeCertificate, entry.host, ctx)]
        : [],
    trustRoots: trustedRootCertificates(gateway, route.settings, ctx),
  };
}

/** One listener's chain, a hop per step from the Internet to the pods. */
function chainForListener(
  gateway: ArmResource,
  listener: unknown,
  ctx: ChainContext,
): IngressChain {
  const { index, controls } = ctx;
  const { entry, route, edgeCertificate, edge, trustRoots } =
    listenerCertificates(gateway, listener, ctx);
  const wafPolicyId = wafPolicyIdOf(gateway, listener);
  const boundaryCertificates = {
    edge,
    'backend-trust-root': trustRoots,
    ingress: ctx.ingressCertificate ? [ctx.ingressCertificate] : [],
  };

  const hops: ChainHop[] = [
    internetHop(entry),
    publicIpHop(index.byId(publicIpIdOf(gateway, listener))),
    listenerHop(gateway, listener, edgeCertificate, controls),
    wafHop(wafPolicyId, index.byId(wafPolicyId), controls),
    routingRuleHop(route.rule, route.pathMap),
    backendSettingsHop(route.settings, controls),
    probeHop(route.probe, controls),
    backendPoolHop(route.pool, controls),
    ...inClusterHops(
      ctx.inCluster,
      chainTarget(gateway, entry, route, controls),
    ),
  ].map(hop => namingBoundaryCertificates(hop, boundaryCertificates));
  return {
    host: entry.host,
    listenerName: entry.name,
    applicationGatewayId: gateway.id,
    status: chainStatus(hops),
    hops,
  };
}

/** What the App Gateway half hands to the in-cluster half. */
function chainTarget(
  gateway: ArmResource,
  entry: ListenerEntry,
  { rule, settings, pool }: ListenerRoute,
  controls: ControlResult[],
): ChainTarget {
  const catchAllRule = gateway.tags?.[TAG_GATEWAY_CATCH_ALL_RULE];
  return {
    host: entry.host,
    catchAllRule:
      catchAllRule && readArm(rule, 'name') === catchAllRule
        ? catchAllRule
        : undefined,
    hostSentToTraefik: hostSentToTraefik(settings, entry.hosts[0]),
    poolAddresses: backendAddresses(pool),
    backendPort: settings ? Number(readArm(settings, 'port')) : undefined,
    backendHttps: speaksHttps(settings),
    controls,
  };
}

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
