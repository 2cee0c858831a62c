import {
  ArmResource,
  asString,
  readArm,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { LookupFunction } from 'node:net';
import {
  armError,
  KubernetesFixtureServer,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { AKS_SERVER_APP_SCOPE } from '@aks-baseline/plugin-aks-baseline-node';
import { demoClusterObjects } from './kubernetes/demoClusterObjects';

/** The bearer token the demo's static credential hands out, for every scope. */
const DEMO_TOKEN = 'fixture-token';

/** What the Kubernetes reader needs to read the demo estate. */
export interface DemoKubernetesAccess {
  /** ARM transport answering `listClusterUserCredential`. */
  httpClient: HttpClient;
  /** Name resolution of the demo's network: no name resolves. */
  lookup: LookupFunction;
}

/** Every name fails to resolve, as a private DNS zone does outside its VNet. */
const sealedLookup: LookupFunction = (hostname, _options, callback) => {
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
  });
  callback(error, '', 4);
};

/**
 * Answers `POST .../managedClusters/<name>/listClusterUserCredential` the
 * way AKS does for an Entra-integrated cluster: a kubeconfig whose user runs
 * kubelogin for the AKS server application (the reader ignores that part).
 */
class DemoCredentialTransport implements HttpClient {
  constructor(
    private readonly endpointOf: (
      clusterName: string,
    ) => { server: string; caPem: string } | undefined,
  ) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const path = new URL(request.url).pathname;
    const name = /\/managedClusters\/([^/]+)\/listClusterUserCredential$/i.exec(
      path,
    )?.[1];
    const endpoint =
      request.method === 'POST' && name ? this.endpointOf(name) : undefined;
    const answer = (status: number, body: string): PipelineResponse => ({
      request,
      status,
      bodyAsText: body,
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
    });
    if (!endpoint || !name) {
      return answer(
        404,
        armError('ResourceNotFound', `The demo does not serve ${path}`),
      );
    }
    const user = `clusterUser_${name}`;
    // YAML is a superset of JSON: the kubeconfig is written as JSON.
    const kubeconfig = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: {
            server: endpoint.server,
            'certificate-authority-data': Buffer.from(endpoint.caPem).toString(
              'base64',
            ),
          },
        },
      ],
      contexts: [{ name, context: { cluster: name, user } }],
      'current-context': name,
      users: [
        {
          name: user,
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              command: 'kubelogin',
              args: [
                'get-token',
                '--server-id',
                AKS_SERVER_APP_SCOPE.split('/')[0],
              ],
              interactiveMode: 'IfAvailable',
            },
          },
        },
      ],
    });
    return answer(
      200,
      JSON.stringify({
        kubeconfigs: [
          {
            name: 'clusterUser',
            value: Buffer.from(kubeconfig).toString('base64'),
          },
        ],
      }),
    );
  }
}

/**
 * The demo's in-cluster half, served through the production reader: a
 * fixture API server on 127.0.0.1 (a CA made at start) holds the clusters
 * the portal can reach, and ARM's `listClusterUserCredential` points the
 * reader at it. The other clusters keep their private API server name,
 * which resolves nowhere in the demo's sealed network, so they show the
 * "not reachable (private cluster)" path, as most baseline clusters do.
 *
 * Started on the first refresh, not at plugin start, and closed on shutdown.
 */
export class DemoKubernetes {
  private server?: Promise<KubernetesFixtureServer>;
  private readonly reachable = new Set<string>();

  async access(estate: ArmResource[]): Promise<DemoKubernetesAccess> {
    if (!this.server) {
      const objects = demoClusterObjects();
      Object.keys(objects).forEach(name => this.reachable.add(name));
      this.server = KubernetesFixtureServer.start(
        Object.fromEntries(
          Object.entries(objects).map(([name, list]) => [
            name,
            { objects: list, tokens: [DEMO_TOKEN] },
          ]),
        ),
      );
    }
    const server = await this.server;
    const clusters = new Map(
      estate
        .filter(r => r.type === 'Microsoft.ContainerService/managedClusters')
        .map(c => [c.name!.toLowerCase(), c]),
    );
    return {
      httpClient: new DemoCredentialTransport(name => {
        const cluster = clusters.get(name.toLowerCase());
        if (!cluster) return undefined;
        const fqdn = asString(readArm(cluster, 'privateFQDN'));
        return {
          server: this.reachable.has(cluster.name!)
            ? server.urlOf(cluster.name!)
            : `https://${fqdn}:443`,
          caPem: server.caPem,
        };
      }),
      lookup: sealedLookup,
    };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await (await server).close();
  }
}
