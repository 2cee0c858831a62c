import type { ArmResource } from '@aks-baseline/plugin-aks-baseline-common';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { getCloudSettings } from '../azure/cloud';
import { AKS_SERVER_APP_SCOPE } from '@aks-baseline/plugin-aks-baseline-node';
import { resolveConnection } from './connection';

const ID =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-one';
const cluster: ArmResource = {
  id: ID,
  name: 'aks-one',
  type: 'Microsoft.ContainerService/managedClusters',
  properties: { aadProfile: { managed: true, enableAzureRBAC: true } },
};
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

/** An ARM stand-in that answers one POST and records what was asked. */
function arm(status: number, body: unknown) {
  const seen: PipelineRequest[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request) {
      seen.push(request);
      return {
        request,
        status,
        bodyAsText: JSON.stringify(body),
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
      };
    },
  };
  return { httpClient, seen };
}

function credential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(scope: string | string[]): Promise<AccessToken> {
      scopes.push(...[scope].flat());
      return {
        token: `token-for-${scope}`,
        expiresOnTimestamp: Date.now() + 3.6e6,
      };
    },
  };
}

const kubeconfig = (server: string) =>
  Buffer.from(
    JSON.stringify({
      clusters: [
        {
          name: 'aks-one',
          cluster: {
            server,
            'certificate-authority-data': Buffer.from(CA).toString('base64'),
          },
        },
      ],
      contexts: [
        { name: 'aks-one', context: { cluster: 'aks-one', user: 'u' } },
      ],
      'current-context': 'aks-one',
      users: [
        { name: 'u', user: { token: 'a-local-token-that-must-be-ignored' } },
      ],
    }),
  ).toString('base64');

function deps(httpClient: HttpClient, cred = credential()) {
  return {
    overrides: [],
    credential: cred,
    arm: {
      credential: cred,
      cloud: getCloudSettings('AzurePublicCloud'),
      httpClient,
      retryOptions: { maxRetries: 0 },
    },
  };
}

describe('resolveConnection from ARM', () => {
  it('takes the server and CA from listClusterUserCredential and signs in with an Entra token for the AKS server app', async () => {
    const { httpClient, seen } = arm(200, {
      kubeconfigs: [
        {
          name: 'clusterUser',
          value: kubeconfig(
            'https://aks-one-dns.privatelink.westeurope.azmk8s.io:443',
          ),
        },
      ],
    });
    const cred = credential();

    const outcome = await resolveConnection(cluster, deps(httpClient, cred));

    expect(outcome).toEqual({
      connection: {
        server: 'https://aks-one-dns.privatelink.westeurope.azmk8s.io:443',
        caPem: CA,
        token: `token-for-${AKS_SERVER_APP_SCOPE}`,
        source: 'azure',
      },
    });
    expect(seen.map(r => [r.method, new URL(r.url).pathname])).toEqual([
      ['POST', `${ID}/listClusterUserCredential`],
    ]);
    expect(cred.scopes).toContain(
      '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
    );
  });

  it('says which Azure permission is missing on 403', async () => {
    const { httpClient } = arm(403, {
      error: { code: 'AuthorizationFailed', message: 'no' },
    });

    const outcome = await resolveConnection(cluster, deps(httpClient));

    expect(outcome).toMatchObject({
      unavailableReason: expect.stringContaining(
        'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
      ),
      error: { kind: 'kubernetes', status: 403, scope: ID },
    });
  });

  it('never asks ARM for credentials of a cluster without Entra integration', async () => {
    const { httpClient, seen } = arm(200, {});

    const outcome = await resolveConnection(
      { ...cluster, properties: {} },
      deps(httpClient),
    );

    expect(outcome).toEqual({
      unavailableReason: expect.stringMatching(
        /^the cluster is not integrated with Entra ID/,
      ),
    });
    expect(seen).toEqual([]);
  });
});

describe('resolveConnection for an id that is not a managed cluster id', () => {
  it('asks ARM nothing and names the id, instead of calling it with an empty subscription', async () => {
    const { httpClient, seen } = arm(200, {});
    const id = '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';

    const outcome = await resolveConnection(
      { ...cluster, id },
      deps(httpClient),
    );

    expect(outcome).toMatchObject({
      unavailableReason: `the cluster's id is not a managed cluster resource id: "${id}"`,
      error: { kind: 'kubernetes', scope: id },
    });
    expect(seen).toEqual([]);
  });
});

describe('resolveConnection from a config override', () => {
  const override = {
    resourceId: ID.toUpperCase(),
    url: 'https://proxy.example.internal/aks-one',
    caData: Buffer.from(CA).toString('base64'),
    tokenEnv: 'AKS_ONE_TOKEN',
  };

  it('reads the token from the named environment variable', async () => {
    const outcome = await resolveConnection(cluster, {
      ...deps(arm(500, {}).httpClient),
      overrides: [override],
      env: { AKS_ONE_TOKEN: 'sa-token\n' },
    });

    expect(outcome).toEqual({
      connection: {
        server: 'https://proxy.example.internal/aks-one',
        caPem: CA,
        token: 'sa-token',
        source: 'config',
        tokenEnv: 'AKS_ONE_TOKEN',
      },
    });
  });

  it('says so when the variable is empty', async () => {
    const outcome = await resolveConnection(cluster, {
      ...deps(arm(500, {}).httpClient),
      overrides: [override],
      env: {},
    });

    expect(outcome).toMatchObject({
      unavailableReason:
        'the environment variable AKS_ONE_TOKEN (aksBaseline.kubernetes.clusters tokenEnv) holds no token',
      error: { kind: 'kubernetes' },
    });
  });
});
