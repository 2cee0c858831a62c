import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import demoModule, {
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  startPluginBackend,
  waitForFleet,
} from '../__testUtils__/pluginBackend';

const PROD = `/api/aks-baseline/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-aks-prod-weu/aks-prod-weu`;
const STAGING = `/api/aks-baseline/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-aks-staging-weu/aks-staging-weu`;

const inbound = (host: string) => ({
  direction: 'inbound',
  clientAddress: '203.0.113.10',
  scheme: 'https',
  host,
  port: 443,
  path: '/',
});

function start(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return startPluginBackend({
    entities: [],
    permission,
    features: [demoModule, mockServices.rootConfig.factory({ data: {} })],
  }).then(backend => backend.server);
}

describe('POST /v1/clusters/:subscriptionId/:resourceGroup/:name/trace', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    server = await start();
    await waitForFleet(server);
  }, 60_000);

  it('traces the onboarded app through to its pod on the stored snapshot', async () => {
    const res = await request(server)
      .post(`${PROD}/trace`)
      .send(inbound('payments.contoso-demo.com'));

    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('passed');
    expect(res.body.steps.at(-1)).toMatchObject({
      kind: 'network-policy',
      outcome: 'passed',
      decidedBy: {
        kubernetesObject: 'NetworkPolicy payments/allow-ingress-from-traefik',
      },
    });
    expect(res.body.stale).toBe(false);
  });

  it("names the backend settings that stop staging's request", async () => {
    const res = await request(server)
      .post(`${STAGING}/trace`)
      .send(inbound('shop.staging.contoso-demo.com'));

    expect(res.body.verdict).toBe('stopped');
    expect(res.body.steps[res.body.decidingStep]).toMatchObject({
      kind: 'backend-settings',
      decidedBy: { name: 'aks-ingress-backendpool-httpsettings' },
    });
  });

  it('keeps the trace inputs out of the cluster detail the page reads', async () => {
    const res = await request(server).get(PROD.replace('/trace', ''));

    expect(res.status).toBe(200);
    expect(res.body.cluster.ingress.length).toBeGreaterThan(0);
    expect(res.body.cluster).not.toHaveProperty('trace');
  });

  it.each([
    [
      { ...inbound('payments.contoso-demo.com'), clientAddress: '999.1.1.1' },
      /clientAddress must be an IPv4 address/,
    ],
    [
      { ...inbound('payments.contoso-demo.com'), port: 70000 },
      /port must be a port 1-65535/,
    ],
    [{ ...inbound('bad host!'), port: 443 }, /host must be a host name/],
    [
      { ...inbound('payments.contoso-demo.com'), path: 'no-slash' },
      /path must start with \//,
    ],
    [{ direction: 'sideways' }, /Invalid trace request/],
    [
      {
        direction: 'outbound',
        source: { namespace: 'Payments', labels: {} },
        destination: { fqdn: 'api.partner.com' },
        port: 443,
        protocol: 'TCP',
      },
      /namespace must be a namespace/,
    ],
  ])('refuses %j with a 400 that says what is wrong', async (body, message) => {
    const res = await request(server).post(`${PROD}/trace`).send(body);

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for a cluster not in the snapshot', async () => {
    const res = await request(server)
      .post(
        `/api/aks-baseline/v1/clusters/${DEMO_SUBSCRIPTIONS.prod}/rg-x/aks-nowhere/trace`,
      )
      .send(inbound('payments.contoso-demo.com'));

    expect(res.status).toBe(404);
  });
});

describe('the trace route when the permission policy denies', () => {
  it('answers 403 and names the read permission', async () => {
    const server = await start(AuthorizeResult.DENY);

    const res = await request(server)
      .post(`${PROD}/trace`)
      .send(inbound('payments.contoso-demo.com'));

    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/aks-baseline\.cluster\.read/);
  });
});
