import {
  buildDemoEstate,
  demoClusterObjects,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { resolveOptionsAt } from '../__testUtils__/resolveOptions';
import { indexInventory } from './inventoryIndex';
import { resolveCluster } from './resolveCluster';
import { summarizeCluster } from './summarize';

const NOW = new Date('2026-11-26T12:00:00Z');

const options = resolveOptionsAt(NOW);

function resolveDemo(name: string) {
  const inventory = inventoryOf(buildDemoEstate(NOW));
  const index = indexInventory(inventory);
  const cluster = inventory.managedClusters.find(c => c.name === name)!;
  return resolveCluster(cluster, index, options);
}

describe('resolveCluster', () => {
  it('draws the whole ingress chain of a compliant cluster hop by hop', () => {
    const snapshot = resolveDemo('aks-prod-weu');

    expect(snapshot.ingress).toHaveLength(1);
    const chain = snapshot.ingress[0];
    expect(chain.host).toBe('payments.contoso-demo.com');
    expect(chain.hops.map(h => [h.kind, h.status])).toEqual([
      ['internet', 'ok'],
      ['public-ip', 'ok'],
      ['listener', 'ok'],
      ['waf', 'ok'],
      ['routing-rule', 'ok'],
      ['backend-settings', 'ok'],
      ['probe', 'ok'],
      ['backend-pool', 'ok'],
      ['traefik', 'not-observed'],
      ['route', 'not-observed'],
      ['service', 'not-observed'],
      ['endpoints', 'not-observed'],
      ['pods', 'not-observed'],
    ]);
    expect(chain.hops.map(h => h.tls?.boundary).filter(Boolean)).toEqual([
      'terminates',
      're-encrypts',
      'terminates',
    ]);
    expect(chain.hops[8].statusText).toBe(
      'not observed: API server not reachable from the portal',
    );
    // A packet's fate is known only when every hop is: the ARM half is ok,
    // the host is not observed, not ok.
    expect(chain.status).toBe('not-observed');
  });

  it('follows egress through the route table to the hub firewall, and the vault through its private endpoint', () => {
    const snapshot = resolveDemo('aks-prod-weu');

    expect(snapshot.egress.map(h => [h.kind, h.status])).toEqual([
      ['pods', 'ok'],
      ['route-table', 'ok'],
      ['firewall', 'ok'],
    ]);
    expect(snapshot.egress[2].title).toBe('Azure Firewall fw-westeurope');
    expect(snapshot.keyVault.map(h => [h.kind, h.status])).toEqual([
      ['private-endpoint', 'ok'],
      ['key-vault', 'ok'],
    ]);
  });

  it('names the failing control on the hop it is about', () => {
    const snapshot = resolveDemo('aks-staging-weu');
    const hops = snapshot.ingress[0].hops;
    const waf = hops.find(h => h.kind === 'waf')!;
    const backend = hops.find(h => h.kind === 'backend-settings')!;

    expect(waf.status).toBe('error');
    expect(waf.statusText).toContain('WAF-02');
    expect(backend.status).toBe('error');
    expect(backend.statusText).toContain('TLS-03');
    expect(backend.tls?.boundary).toBe('plaintext');
    expect(
      snapshot.controls.filter(c => c.status === 'fail').map(c => c.id),
    ).toEqual(['WAF-02', 'TLS-03', 'TLS-04', 'FW-02', 'ACR-01']);
  });

  it('fails the cluster controls of a kubenet cluster without the CSI add-on, and its egress', () => {
    const snapshot = resolveDemo('aks-legacy-neu');
    const failing = snapshot.controls
      .filter(c => c.status === 'fail')
      .map(c => c.id);

    expect(failing).toEqual(
      expect.arrayContaining(['NET-01', 'NET-02', 'NET-03', 'SEC-01']),
    );
    expect(snapshot.egress[0].status).toBe('error');
  });

  it('names what aks-legacy-neu misses of audit and telemetry, read live', () => {
    const byId = (id: string) =>
      resolveDemo('aks-legacy-neu').controls.find(c => c.id === id)!;
    expect(byId('LOG-01')).toMatchObject({ status: 'fail' });
    expect(byId('LOG-01').reason).toMatch(
      /^kube-audit-admin and guard not sent to a Log Analytics workspace/,
    );
    expect(byId('LOG-01').found).toContain(
      'kube-apiserver, kube-controller-manager',
    );
    expect(byId('LOG-02')).toMatchObject({
      status: 'fail',
      found: '(no association)',
    });
    // Its gateway and vault send what LOG-03 asks; OPS-01 sees the add-on on.
    expect(byId('LOG-03').status).toBe('pass');
    expect(byId('OPS-01').status).toBe('pass');
    for (const id of ['LOG-01', 'LOG-02', 'LOG-03'])
      expect(
        resolveDemo('aks-prod-weu').controls.find(c => c.id === id)!.status,
      ).toBe('pass');
  });

  it('reads each certificate expiry from the Key Vault secret ARM lists, with days left and status', () => {
    const snapshot = resolveDemo('aks-dev-neu');

    expect(
      snapshot.certificates.map(c => [c.purpose, c.name, c.daysLeft, c.status]),
    ).toEqual([
      ['edge', 'gateway-external-pfx-cert', 21, 'warning'],
      [
        'backend-trust-root',
        'appgw-ingress-internal-aks-ingress-tls',
        5,
        'critical',
      ],
      ['ingress', 'traefik-ingress-internal-aks-ingress-tls', -3, 'expired'],
    ]);
    expect(snapshot.certificates[2].statusText).toBe('expired 3 days ago');
    expect(summarizeCluster(snapshot).soonestExpiry).toMatchObject({
      name: 'traefik-ingress-internal-aks-ingress-tls',
      status: 'expired',
    });
  });

  it('summarizes a cluster by its worst status and failing controls', () => {
    expect(summarizeCluster(resolveDemo('aks-prod-weu'))).toMatchObject({
      worstStatus: 'ok',
      failingControls: 0,
    });
    expect(summarizeCluster(resolveDemo('aks-staging-weu'))).toMatchObject({
      worstStatus: 'error',
      failingControls: 5,
    });
  });

  it('says why a certificate cannot be read instead of inventing an expiry', () => {
    const inventory = inventoryOf(buildDemoEstate(NOW));
    inventory.vaultSecrets = {};
    const cluster = inventory.managedClusters.find(
      c => c.name === 'aks-prod-weu',
    )!;
    const vaultId = inventory.keyVaults.find(v => v.name === 'kv-aks-prod-weu')!
      .id!;

    const snapshot = resolveCluster(cluster, indexInventory(inventory), {
      ...options,
      vaultErrors: new Map([
        [vaultId.toLowerCase(), '403 Forbidden: no Reader on the vault'],
      ]),
    });

    expect(snapshot.certificates[0]).toMatchObject({
      status: 'unknown',
      error: '403 Forbidden: no Reader on the vault',
    });
    expect(snapshot.certificates[0].daysLeft).toBeUndefined();
    expect(snapshot.errors).toEqual([
      expect.objectContaining({ kind: 'vault', scope: vaultId }),
    ]);
  });

  it("judges FW-02 on each demo hub's rule collection groups: green prod, blocked Flux and Azure Monitor on staging, * on dev", () => {
    const inventory = inventoryOf(buildDemoEstate(NOW));
    const index = indexInventory(inventory);
    const objects = demoClusterObjects();
    const resolved = (name: string) => {
      const cluster = inventory.managedClusters.find(c => c.name === name)!;
      const kubernetes = objects[name] ? { objects: objects[name] } : undefined;
      return resolveCluster(cluster, index, { ...options, kubernetes });
    };
    const fw02 = (name: string) =>
      resolved(name).controls.find(c => c.id === 'FW-02')!;
    expect(fw02('aks-prod-weu')).toMatchObject({ status: 'pass' });
    const staging = fw02('aks-staging-weu');
    expect(staging.status).toBe('fail');
    expect(staging.reason).toContain(
      'https:github.com:443 (git-host) blocked: default deny',
    );
    expect(staging.reason).toContain(
      'https:westeurope.dp.kubernetesconfiguration.azure.com:443 (flux) blocked',
    );
    expect(staging.reason).toContain(
      // Defender's sensor reports through the same endpoint.
      'https:*.ods.opinsights.azure.com:443 (azure-monitor, defender) blocked',
    );
    // The egress path's firewall hop lists each flow, blocked first.
    const firewall = resolved('aks-staging-weu').egress.find(
      h => h.kind === 'firewall',
    )!;
    expect(firewall.status).toBe('error');
    expect(firewall.statusText).toMatch(/FW-02/);
    const flows = firewall.egressFlows!;
    const firstAllowed = flows.findIndex(f => f.allowed);
    expect(firstAllowed).toBeGreaterThan(0);
    expect(flows.slice(0, firstAllowed).every(f => !f.allowed)).toBe(true);
    expect(flows.slice(firstAllowed).every(f => f.allowed)).toBe(true);
    expect(flows.find(f => f.destination === 'github.com')).toMatchObject({
      allowed: false,
      verdict: 'default deny',
      components: ['git-host'],
    });
    expect(
      flows.find(f => f.destination === 'mcr.microsoft.com'),
    ).toMatchObject({
      allowed: true,
      rule: 'rcg-aks-staging-weu/aks-staging-weu-egress/aks-core',
    });
    const dev = fw02('aks-dev-neu');
    expect(dev.status).toBe('warning');
    expect(dev.reason).toContain(
      'rcg-aks-dev-neu/aks-dev-neu-egress/allow-any-https: any FQDN (*)',
    );
    // Out of the portal's reach: whether Flux runs is not known.
    expect(dev.reason).toContain('GitRepository objects, which were not read');
  });
});
