import {
  HttpClient,
  PipelineRequest,
  PipelineResponse,
  createHttpHeaders,
} from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

/**
 * A scripted ARM endpoint for the Azure SDK pipeline (its `httpClient`
 * option): the real ResourceManagementClient, its credential policy,
 * retries and 429 handling all run above it. Test-only.
 *
 * Each route answers its replies in order and then repeats the last one;
 * a request no route matches gets ARM's 404.
 */
export interface FakeArmReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeArmRoute {
  method: 'GET' | 'PUT' | 'POST' | 'HEAD';
  /** Matched against the URL path (case-insensitive). */
  path: RegExp;
  replies: FakeArmReply[];
}

export interface FakeArmRequest {
  method: string;
  path: string;
  status: number;
  authorization?: string;
  body?: any;
}

export class FakeArmTransport implements HttpClient {
  readonly requests: FakeArmRequest[] = [];
  private readonly served = new Map<FakeArmRoute, number>();

  constructor(private readonly routes: FakeArmRoute[]) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const route = this.routes.find(
      r => r.method === request.method && r.path.test(url.pathname),
    );
    let reply: FakeArmReply = {
      status: 404,
      body: {
        error: {
          code: 'NotFound',
          message: `No fake route for ${request.method} ${url.pathname}`,
        },
      },
    };
    if (route) {
      const index = this.served.get(route) ?? 0;
      this.served.set(route, index + 1);
      reply = route.replies[Math.min(index, route.replies.length - 1)];
    }
    this.requests.push({
      method: request.method,
      path: url.pathname,
      status: reply.status,
      authorization: request.headers.get('authorization'),
      body:
        typeof request.body === 'string' ? JSON.parse(request.body) : undefined,
    });
    return {
      request,
      status: reply.status,
      bodyAsText: reply.body === undefined ? '' : JSON.stringify(reply.body),
      headers: createHttpHeaders({
        'content-type': 'application/json; charset=utf-8',
        'x-ms-request-id': `fake-${this.requests.length}`,
        ...reply.headers,
      }),
    };
  }

  /** Requests whose method and path match. */
  count(method: string, path: RegExp): number {
    return this.requests.filter(r => r.method === method && path.test(r.path))
      .length;
  }
}

/** A credential that hands out a fixed token, so no Azure login is needed. */
export const fakeCredential: TokenCredential = new StaticTokenCredential(
  'fake-arm-token',
);

const RESOURCE_GROUP = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i;
const DEPLOYMENT =
  /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/Microsoft\.Resources\/deployments\/[^/]+$/i;
const VALIDATE = /\/deployments\/[^/]+\/validate$/i;
const OPERATIONS = /\/deployments\/[^/]+\/operations$/i;

export const ARM_PATHS = { RESOURCE_GROUP, DEPLOYMENT, VALIDATE, OPERATIONS };

export interface DeploymentScenario {
  /** Whether the resource group exists (HEAD answers 204, else 404). */
  resourceGroupExists?: boolean;
  /** `invalid`: validation answers 400 with per-resource details. */
  validation?: 'valid' | 'async' | 'invalid';
  outcome?: 'succeeded' | 'failed';
  /** The first poll of the deployment answers 429 with Retry-After. */
  throttleFirstPoll?: boolean;
  outputs?: Record<string, unknown>;
}

const armError = (code: string, message: string, details?: unknown[]) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

/** Routes that play one deployment from validation to its final state. */
export function deploymentScenario(
  scenario: DeploymentScenario = {},
): FakeArmRoute[] {
  const deployment = (state: string, extra: object = {}) => ({
    id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Resources/deployments/z',
    name: 'z',
    properties: { provisioningState: state, ...extra },
  });
  const finalState =
    scenario.outcome === 'failed'
      ? deployment('Failed', {
          error: armError(
            'DeploymentFailed',
            'At least one resource deployment operation failed.',
          ),
        })
      : deployment('Succeeded', {
          outputs: Object.fromEntries(
            Object.entries(scenario.outputs ?? {}).map(([k, v]) => [
              k,
              { type: 'String', value: v },
            ]),
          ),
        });
  const validation: FakeArmReply[] = {
    valid: [{ status: 200, body: deployment('Succeeded') }],
    async: [
      {
        status: 202,
        headers: {
          location:
            'https://management.azure.com/subscriptions/x/providers/Microsoft.Resources/operationResults/validate-1?api-version=2025-04-01',
          'retry-after': '0',
        },
      },
    ],
    invalid: [
      {
        status: 400,
        body: armError(
          'InvalidTemplateDeployment',
          'The template deployment is not valid according to the validation procedure.',
          [
            {
              code: 'SubnetIsFull',
              target: 'Microsoft.ContainerService/managedClusters/aks-prod-weu',
              message:
                'Subnet snet-clusternodes does not have enough capacity.',
            },
          ],
        ),
      },
    ],
  }[scenario.validation ?? 'valid'];
  return [
    {
      method: 'HEAD',
      path: RESOURCE_GROUP,
      replies: [{ status: scenario.resourceGroupExists === false ? 404 : 204 }],
    },
    {
      method: 'PUT',
      path: RESOURCE_GROUP,
      replies: [
        {
          status: 201,
          body: {
            name: 'y',
            location: 'westeurope',
            properties: { provisioningState: 'Succeeded' },
          },
        },
      ],
    },
    { method: 'POST', path: VALIDATE, replies: validation },
    {
      method: 'GET',
      path: /\/operationResults\/validate-1$/i,
      replies: [{ status: 200, body: deployment('Succeeded') }],
    },
    {
      method: 'PUT',
      path: DEPLOYMENT,
      replies: [{ status: 201, body: deployment('Accepted') }],
    },
    {
      method: 'GET',
      path: DEPLOYMENT,
      replies: [
        ...(scenario.throttleFirstPoll
          ? [
              {
                status: 429,
                headers: { 'retry-after': '1' },
                body: armError(
                  'TooManyRequests',
                  'Number of read requests for subscription exceeded the limit.',
                ),
              },
            ]
          : []),
        { status: 200, body: deployment('Running') },
        { status: 200, body: finalState },
      ],
    },
    {
      method: 'GET',
      path: OPERATIONS,
      replies: [
        {
          status: 200,
          body: {
            value: [
              {
                properties: {
                  provisioningState: 'Succeeded',
                  targetResource: {
                    resourceType: 'Microsoft.KeyVault/vaults',
                    resourceName: 'kv-aks-prod-weu',
                  },
                },
              },
              {
                properties: {
                  provisioningState: 'Failed',
                  statusCode: 'BadRequest',
                  targetResource: {
                    resourceType: 'Microsoft.Network/applicationGateways',
                    resourceName: 'agw-aks-prod-weu',
                  },
                  statusMessage: {
                    status: 'Failed',
                    error: {
                      code: 'ApplicationGatewayKeyVaultSecretAccessDenied',
                      message:
                        'Access denied for KeyVault Secret https://kv-aks-prod-weu.vault.azure.net/secrets/gateway-external-pfx-cert.',
                    },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  ];
}
