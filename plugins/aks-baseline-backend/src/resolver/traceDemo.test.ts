import type {
  ArmResource,
  ClusterSnapshot,
  InboundTraceRequest,
  OutboundTraceRequest,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  analyzeNetworkPolicies,
  DEFAULT_EXPIRY_THRESHOLDS,
  traceRequest,
} from '@aks-baseline/plugin-aks-baseline-common';
import { ConfigReader } from '@backstage/config';
import {
  buildDemoEstate,
  DemoConnection,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { readPluginConfig } from '../config/pluginConfig';
import { KubernetesReadResult } from '../kubernetes/types';
import {
  azureAccess,
  createKubernetesFleetReader,
} from '../sources/clusterSources';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { indexInventory, resolveCluster } from './index';

const NOW = new Date('2026-11-26T12:00:00Z');
const inventory = inventoryOf(buildDemoEstate(NOW));
const index = indexInventory(inventory);
/** Inside the range dev's WAF lets in, and an Internet address like any client's. */
const OFFICE_CLIENT = '198.51.100.7';

const inbound = (
  host: string,
  clientAddress = OFFICE_CLIENT,
): InboundTraceRequest => ({
  direction: 'inbound',
  clientAddress,
  scheme: 'https',
  host,
  port: 443,
  path: '/',
});

const decidingStep = (trace: ReturnType<typeof traceRequest>) =>
  trace.steps[trace.decidingStep!];

describe('packet traces over the demo estate, read through the production reader', () => {
  const demo = new DemoConnection(() => NOW);
  const snapshots = new Map<string, ClusterSnapshot>();

  beforeAll(async () => {
    const config = readPluginConfig(new ConfigReader({}));
    const reader = createKubernetesFleetReader(
      config,
      azureAccess(config, demo),
    )!;
    const { results } = await reader(inventory.managedClusters);
    for (const cluster of inventory.managedClusters as ArmResource[]) {
      snapshots.set(
        cluster.name!,
        resolveCluster(cluster, index, {
          now: NOW,
          thresholds: DEFAULT_EXPIRY_THRESHOLDS,
          vaultErrors: new Map(),
          subscriptionErrors: [],
          kubernetes: results.get(cluster.id!.toLowerCase()) as
            | KubernetesReadResult
            | undefined,
        }),
      );
    }
  });
  afterAll(() => demo.close());

  const snapshot = (name: string) => snapshots.get(name)!;

  it('agrees with the chain view: Internet -> app pod passes exactly when the chain is ok, for every cluster and host', () => {
    const verdicts = [...snapshots.values()].flatMap(s =>
      s.ingress
        // A wildcard listener is no one host: its catch-all is traced below.
        .filter(chain => !chain.host.includes('*'))
        .map(chain => ({
          cluster: s.name,
          host: chain.host,
          chainOk: chain.status === 'ok',
          tracePassed:
            traceRequest(s, inbound(chain.host)).verdict === 'passed',
        })),
    );

    expect(verdicts.length).toBeGreaterThanOrEqual(5);
    expect(verdicts.filter(v => v.chainOk !== v.tracePassed)).toEqual([]);
    expect(
      verdicts
        .filter(v => v.tracePassed)
        .map(v => v.host)
        .sort(),
    ).toEqual(['inventory.contoso-demo.com', 'payments.contoso-demo.com']);
  });

  it("agrees with the NetworkPolicy evaluator: the trace's last hop passes exactly for the pairs it allows", () => {
    for (const s of snapshots.values()) {
      for (const chain of s.ingress.filter(c => !c.host.includes('*'))) {
        const trace = traceRequest(s, inbound(chain.host));
        const last = trace.steps.at(-1)!;
        if (last.kind !== 'network-policy') continue;
        // The evaluator asked directly, on the objects the snapshot stored.
        const objects = s.trace!.kubernetes!.objects!;
        const pair = /^(\S+)\/(\S+) -> (\S+)\/(\S+) on TCP (\d+)/.exec(
          last.text,
        )!;
        const analysis = analyzeNetworkPolicies({
          namespaces: objects
            .filter(o => o.kind === 'Namespace')
            .map(n => ({
              name: n.metadata!.name!,
              labels: n.metadata!.labels ?? {},
            })),
          pods: objects
            .filter(o => o.kind === 'Pod')
            .map(p => ({
              namespace: p.metadata!.namespace!,
              name: p.metadata!.name!,
              labels: p.metadata!.labels ?? {},
            })),
          policies: objects.filter(o => o.kind === 'NetworkPolicy') as never,
        });
        const allowed = analysis.explain(
          { pod: { namespace: pair[1], name: pair[2] } },
          { pod: { namespace: pair[3], name: pair[4] } },
          'TCP',
          Number(pair[5]),
        ).allowed;

        expect([s.name, chain.host, last.outcome === 'passed']).toEqual([
          s.name,
          chain.host,
          allowed,
        ]);
      }
    }
  });

  it("stops a client outside dev's WAF allow rule at the WAF, naming the Block rule after it", () => {
    const trace = traceRequest(
      snapshot('aks-dev-neu'),
      inbound('dev.contoso-demo.com', '203.0.113.10'),
    );

    expect(decidingStep(trace)).toMatchObject({
      kind: 'waf',
      outcome: 'stopped',
      decidedBy: { name: 'BlockEveryoneElse' },
    });
    // From the office, the WAF lets it through: its expired Traefik certificate stops it.
    expect(
      decidingStep(
        traceRequest(snapshot('aks-dev-neu'), inbound('dev.contoso-demo.com')),
      ),
    ).toMatchObject({
      kind: 'backend-settings',
      decidedBy: { name: 'traefik-ingress-internal-aks-ingress-tls' },
    });
  });

  it("stops staging's request at its plain-HTTP backend settings, and shows its NetworkPolicy shutting Traefik out after", () => {
    const trace = traceRequest(
      snapshot('aks-staging-weu'),
      inbound('shop.staging.contoso-demo.com'),
    );

    expect(decidingStep(trace)).toMatchObject({
      kind: 'backend-settings',
      outcome: 'stopped',
      text: expect.stringContaining(
        'sends HTTP to port 80, but Traefik listens on 443',
      ),
      decidedBy: { name: 'aks-ingress-backendpool-httpsettings' },
    });
    expect(trace.steps.at(-1)).toMatchObject({
      kind: 'network-policy',
      outcome: 'stopped',
      afterStop: true,
      decidedBy: {
        kubernetesObject: 'NetworkPolicy storefront/allow-ingress-from-traefik',
      },
    });
  });

  it('stops a host the wildcard listener takes but no route matches at Traefik (404)', () => {
    const trace = traceRequest(
      snapshot('aks-generated-weu'),
      inbound('unrouted.contoso-demo.com'),
    );

    expect(trace.steps.find(s => s.kind === 'listener')?.text).toContain(
      '*.contoso-demo.com',
    );
    expect(decidingStep(trace)).toMatchObject({
      kind: 'route',
      outcome: 'stopped',
      text: expect.stringContaining(
        'no router on entry point websecure matches host unrouted.contoso-demo.com',
      ),
    });
  });

  it("stops a pod's egress to an FQDN the firewall does not allow at the firewall's default deny", () => {
    const pod = snapshot('aks-staging-weu').trace!.kubernetes!.objects!.find(
      o => o.kind === 'Pod' && o.metadata?.namespace === 'storefront',
    )!;
    const request: OutboundTraceRequest = {
      direction: 'outbound',
      source: { pod: { namespace: 'storefront', name: pod.metadata!.name! } },
      destination: { fqdn: 'api.partner.com' },
      port: 443,
      protocol: 'TCP',
    };
    const trace = traceRequest(snapshot('aks-staging-weu'), request);

    expect(trace.steps.map(s => [s.kind, s.outcome])).toEqual([
      ['network-policy', expect.any(String)],
      ['nsg', 'passed'],
      ['route-table', 'passed'],
      ['firewall', 'stopped'],
    ]);
    expect(trace.steps.at(-1)).toMatchObject({
      text: expect.stringContaining('default deny'),
      decidedBy: { name: 'fw-policies-westeurope: default deny' },
    });
  });

  it("stops the generated stamp's pod on its way to a partner, and keeps a vault's name inside the VNet", () => {
    const toPartner = traceRequest(snapshot('aks-generated-weu'), {
      direction: 'outbound',
      source: {
        namespace: 'inventory-api',
        labels: { 'app.kubernetes.io/name': 'inventory-api' },
      },
      destination: { fqdn: 'api.partner.com' },
      port: 443,
      protocol: 'TCP',
    });
    expect(toPartner.verdict).toBe('stopped');

    const vault = snapshot('aks-prod-weu').trace!.privateEndpoints.find(e =>
      /kv-/.test(e.name ?? ''),
    )!;
    const vaultName = /pe-(.+)$/.exec(vault.name!)![1];
    const toVault = traceRequest(snapshot('aks-prod-weu'), {
      direction: 'outbound',
      source: {
        namespace: 'a0008',
        labels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
      },
      destination: { fqdn: `${vaultName}.vault.azure.net` },
      port: 443,
      protocol: 'TCP',
    });
    expect(toVault.steps.map(s => s.kind)).toEqual([
      'network-policy',
      'private-endpoint',
    ]);
    expect(toVault.steps[1].decidedBy?.name).toBe(vault.name);
  });
});
