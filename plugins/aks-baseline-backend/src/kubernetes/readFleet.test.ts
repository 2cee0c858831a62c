import { getCloudSettings } from '../azure/cloud';
import { ArmFixtureTransport } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { buildDemoEstate } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { inventoryOf } from '../__testUtils__/inventoryOf';
import { createKubernetesReader } from './readFleet';
import { DEFAULT_TRAEFIK } from './types';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('createKubernetesReader', () => {
  it("publishes no CA of a cluster reached through config (it may front a proxy), only ARM's", async () => {
    const [cluster] = inventoryOf(buildDemoEstate(NOW)).managedClusters;
    const read = createKubernetesReader({
      traefik: DEFAULT_TRAEFIK,
      overrides: [
        {
          resourceId: cluster.id!,
          // Nothing listens there: the read fails fast, the CA was known.
          url: 'https://127.0.0.1:1',
          caData: Buffer.from(
            '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
          ).toString('base64'),
          tokenEnv: 'CLUSTER_TOKEN',
        },
      ],
      env: { CLUSTER_TOKEN: 'token' },
      credential: new StaticTokenCredential(),
      cloud: getCloudSettings('AzurePublicCloud'),
      httpClient: new ArmFixtureTransport({ resources: [] }),
      concurrency: 1,
      requestConcurrency: 1,
      timeoutMs: 5_000,
      pageSize: 500,
    });

    const result = await read([cluster]);

    const [only] = [...result.results.values()];
    expect(only.unavailableReason).toBeDefined();
    expect(only).not.toHaveProperty('certificateAuthorityData');
  });

  it('stops when the refresh is abandoned, even while ARM has not answered for a cluster credential', async () => {
    const clusters = inventoryOf(buildDemoEstate(NOW)).managedClusters;
    const arm = new ArmFixtureTransport({
      resources: [],
      faults: [
        {
          match: url => /listClusterUserCredential$/i.test(url.pathname),
          hang: true,
        },
      ],
    });
    const read = createKubernetesReader({
      traefik: DEFAULT_TRAEFIK,
      overrides: [],
      credential: new StaticTokenCredential(),
      cloud: getCloudSettings('AzurePublicCloud'),
      httpClient: arm,
      // Two at a time: the other two are still waiting when the refresh ends.
      concurrency: 2,
      requestConcurrency: 4,
      // Far longer than the test: only the abandonment can end these calls.
      timeoutMs: 120_000,
      pageSize: 500,
    });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);

    const result = await read(clusters, controller.signal);

    expect(Date.now() - started).toBeLessThan(5_000);
    // The two clusters not started when the refresh ended cost no request.
    expect(arm.countRequests('listClusterUserCredential')).toBe(2);
    expect([...result.results.values()].map(r => r.objects)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
