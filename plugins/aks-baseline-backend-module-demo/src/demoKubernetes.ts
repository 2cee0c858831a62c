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

/** The bearer token the demo's credential hands out, for every scope. */
export const DEMO_TOKEN = 'fixture-token';

/** Every name fails to resolve, as a private DNS zone does outside its VNet. */
export const sealedLookup: LookupFunction = (hostname, _options, callback) => {
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
  });
  callback(error, '', 4);
};

/** Where a cluster's API server answers, as its kubeconfig says. */
export interface DemoEndpoint {
  server: string;
  caPem: string;
}

/**
 * The demo's ARM: answers `POST .../managedClusters/<name>/listClusterUserCredential`
 * the way AKS does for an Entra-integrated cluster (a kubeconfig whose user
 * runs kubelogin for the AKS server application; the reader ignores that
 * part), and hands every other request to the estate's fixture transport.
 */
export class DemoArmTransport implements HttpClient {
  constructor(
    private readonly estate: HttpClient,
    private readonly endpointOf: (
      clusterName: string,
    ) => Promise<DemoEndpoint | undefined>,
  ) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const path = new URL(request.url).pathname;
    const name = /\/managedClusters\/([^/]+)\/listClusterUserCredential$/i.exec(
      path,
    )?.[1];
    if (request.method !== 'POST' || !name) {
      return this.estate.sendRequest(request);
    }
    const endpoint = await this.endpointOf(name);
    const answer = (status: number, body: string): PipelineResponse => ({
      request,
      status,
      bodyAsText: body,
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
    });
    if (!endpoint) {
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
 * Started by the first credential request, not at start-up, and closed on
 * shutdown.
 */
export class DemoKubernetes {
  private server?: Promise<KubernetesFixtureServer>;
  private readonly objects = demoClusterObjects();

  /** The API server address and CA of a managed cluster of the estate. */
  async endpointOf(cluster: ArmResource): Promise<DemoEndpoint> {
    const server = await this.start();
    const name = cluster.name ?? '';
    return {
      server:
        name in this.objects
          ? server.urlOf(name)
          : `https://${asString(readArm(cluster, 'privateFQDN'))}:443`,
      caPem: server.caPem,
    };
  }

  /**
   * The API server address and CA of every cluster the fixture serves,
   * keyed by cluster name (what the Kubernetes plugin's demo supplier lists).
   */
  async reachableEndpoints(): Promise<Array<DemoEndpoint & { name: string }>> {
    const server = await this.start();
    return Object.keys(this.objects).map(name => ({
      name,
      server: server.urlOf(name),
      caPem: server.caPem,
    }));
  }

  private start(): Promise<KubernetesFixtureServer> {
    this.server ??= KubernetesFixtureServer.start(
      Object.fromEntries(
        Object.entries(this.objects).map(([name, list]) => [
          name,
          { objects: list, tokens: [DEMO_TOKEN] },
        ]),
      ),
    );
    return this.server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await (await server).close();
  }
}
