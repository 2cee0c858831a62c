import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from '../config/pluginConfig';

const CLUSTER =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
type ConfigData = ConstructorParameters<typeof ConfigReader>[0];
const read = (kubernetes: unknown) =>
  readPluginConfig(
    new ConfigReader({
      aksBaseline: { sources: ['azure'], kubernetes },
    } as ConfigData),
  ).kubernetes;

describe('aksBaseline.kubernetes', () => {
  it('defaults to the reference Traefik and bounded, paged list calls', () => {
    expect(read(undefined)).toEqual({
      enabled: true,
      traefik: {
        namespace: 'a0008',
        labels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
      },
      concurrency: 8,
      requestConcurrency: 4,
      requestTimeoutSeconds: 10,
      pageSize: 500,
      clusters: [],
    });
  });

  it('takes a per-cluster override whose token stays in the environment', () => {
    expect(
      read({
        clusters: [
          {
            resourceId: CLUSTER,
            url: 'https://aks.example.internal:443',
            caFile: '/etc/aks/ca.pem',
            tokenEnv: 'AKS_PORTAL_TOKEN',
          },
        ],
      }).clusters,
    ).toEqual([
      {
        resourceId: CLUSTER,
        url: 'https://aks.example.internal:443',
        caFile: '/etc/aks/ca.pem',
        tokenEnv: 'AKS_PORTAL_TOKEN',
      },
    ]);
  });

  it.each([
    [
      { tokenEnv: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3J0YWwifQ.c2ln' },
      /tokenEnv: must be the NAME of an environment variable/,
    ],
    [{ url: 'http://aks.example.internal' }, /url: must be an https:\/\/ URL/],
    [{ caData: 'Zm9v', caFile: '/ca.pem' }, /give caData or caFile, not both/],
  ])('refuses %j, naming the key', (patch, message) => {
    expect(() =>
      read({
        clusters: [
          {
            resourceId: CLUSTER,
            url: 'https://aks.example.internal',
            tokenEnv: 'T',
            ...patch,
          },
        ],
      }),
    ).toThrow(message);
  });
});
