import {
  ArmResource,
  asString,
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
import {
  notObserved,
  statusFromControls,
  worstHopStatus,
} from '../chain/hopStatus';
import { detail } from '../chain/hopDetails';
import { InventoryIndex } from './inventoryIndex';
import { internetHop, listenerHop, publicIpHop, wafHop } from './gatewayHops';
import {
  backendAddresses,
  hostSentToTraefik,
  listenerEntry,
  listenerRoute,
  publicIpIdOf,
  wafPolicyIdOf,
} from './gatewayRoute';
import { InClusterView } from '../kubernetes/model/inClusterView';
import { inClusterHops } from '../kubernetes/model/inClusterHops';

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

function chainForListener(
  gateway: ArmResource,
  listener: unknown,
  ctx: ChainContext,
): { chain: IngressChain; certificates: CertificateInfo[] } {
  const { index, controls } = ctx;
  const entry = listenerEntry(listener);
  const { name: listenerName, hosts, host, https } = entry;
  const { rule, pathMap, settings, pool, probe } = listenerRoute(
    gateway,
    listener,
  );
  const certificates: CertificateInfo[] = [];
  const hops: ChainHop[] = [];

  const edgeCertificate = gatewayCertificateSecretId(
    gateway,
    'sslCertificates',
    readArm(listener, 'sslCertificate'),
  );
  if (https && edgeCertificate) {
    certificates.push(gatewayCertificate('edge', edgeCertificate, host, ctx));
  }
  const wafPolicyId = wafPolicyIdOf(gateway, listener);
  hops.push(
    internetHop(entry),
    publicIpHop(index.byId(publicIpIdOf(gateway, listener))),
    listenerHop(gateway, listener, edgeCertificate, controls),
    wafHop(wafPolicyId, index.byId(wafPolicyId), controls),
  );

  hops.push(
    rule
      ? {
          kind: 'routing-rule',
          title: `Routing rule ${readArm(rule, 'name')}`,
          status: 'ok',
          statusText: `${readArm(rule, 'ruleType') ?? 'Basic'} rule`,
          details: [
            ...detail('Priority', readArm(rule, 'priority')),
            ...detail('Path map', readArm(pathMap, 'name')),
          ],
          controlIds: [],
        }
      : notObserved(
          { kind: 'routing-rule', title: 'Routing rule' },
          'no routing rule uses this listener',
        ),
  );

  const backendHttps =
    asString(readArm(settings, 'protocol'))?.toLowerCase() === 'https';
  certificates.push(...trustedRootCertificates(gateway, settings, ctx));
  hops.push(
    settings
      ? {
          kind: 'backend-settings',
          title: `Backend settings ${readArm(settings, 'name')}`,
          ...statusFromControls(
            ['TLS-03'],
            controls,
            `re-encrypts to port ${readArm(settings, 'port')}`,
          ),
          details: [
            ...detail('Protocol', readArm(settings, 'protocol')),
            ...detail('Port', readArm(settings, 'port')),
            ...detail('Host name', readArm(settings, 'hostName')),
            ...detail(
              'Trusted roots',
              readArmList(settings, 'trustedRootCertificates').map(r =>
                String(readArm(r, 'id')).split('/').pop(),
              ),
            ),
          ],
          controlIds: ['TLS-03'],
          tls: backendHttps
            ? {
                boundary: 're-encrypts',
                note: 'App Gateway opens a new TLS session to Traefik',
              }
            : {
                boundary: 'plaintext',
                note: 'traffic to the cluster is not encrypted',
              },
        }
      : notObserved(
          {
            kind: 'backend-settings',
            title: 'Backend settings',
            controlIds: ['TLS-03'],
          },
          'the routing rule names no backend settings',
        ),
  );

  hops.push(
    probe
      ? {
          kind: 'probe',
          title: `Health probe ${readArm(probe, 'name')}`,
          ...statusFromControls(
            ['TLS-04'],
            controls,
            `${readArm(probe, 'protocol')} ${readArm(probe, 'path')}`,
          ),
          details: [
            ...detail('Protocol', readArm(probe, 'protocol')),
            ...detail('Path', readArm(probe, 'path')),
            ...detail('Host', readArm(probe, 'host')),
          ],
          controlIds: ['TLS-04'],
        }
      : notObserved(
          { kind: 'probe', title: 'Health probe', controlIds: ['TLS-04'] },
          'the backend settings use the default probe',
        ),
  );

  const addresses = backendAddresses(pool);
  hops.push(
    pool
      ? {
          kind: 'backend-pool',
          title: `Backend pool ${readArm(pool, 'name')}`,
          ...statusFromControls(
            ['ING-01'],
            controls,
            `targets ${addresses.join(', ') || 'nothing'}`,
          ),
          details: detail('Addresses', addresses),
          controlIds: ['ING-01'],
        }
      : notObserved(
          {
            kind: 'backend-pool',
            title: 'Backend pool',
            controlIds: ['ING-01'],
          },
          'the routing rule names no backend pool',
        ),
  );

  hops.push(
    ...inClusterHops(ctx.inCluster, {
      host,
      hostSentToTraefik: hostSentToTraefik(settings, hosts[0]),
      poolAddresses: addresses,
      backendPort: settings ? Number(readArm(settings, 'port')) : undefined,
      backendHttps,
      controls,
    }),
  );

  return {
    chain: {
      host,
      listenerName,
      applicationGatewayId: gateway.id,
      status: worstHopStatus(hops.map(h => h.status)),
      hops,
    },
    certificates,
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
