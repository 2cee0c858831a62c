import {
  ARM_PATHS,
  FakeArmTransport,
  deploymentScenario,
  fakeCredential,
} from '../__testUtils__/fakeArmTransport';
import { DeploymentRequest, deployTemplate } from './armDeployment';
import { ArmDeploymentError } from './deploymentErrors';

/*
 * The deploy step through the real ResourceManagementClient pipeline, with
 * only the HTTP transport replaced by a scripted ARM.
 */
const REQUEST: DeploymentRequest = {
  subscriptionId: '6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b',
  resourceGroup: 'rg-aks-prod-weu',
  location: 'westeurope',
  deploymentName: 'aks-baseline-aks-prod-weu',
  template: { $schema: 'x', contentVersion: '1.0.0.0', resources: [] },
  parameters: { kubernetesVersion: { value: '1.34' } },
  tags: { 'aks-baseline.io/cluster': 'aks-prod-weu' },
};

function deploy(transport: FakeArmTransport, dryRun = false) {
  const log: string[] = [];
  const promise = deployTemplate(REQUEST, {
    credential: fakeCredential,
    httpClient: transport,
    pollIntervalMs: 5,
    retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
    dryRun,
    log: line => log.push(line),
  });
  return { promise, log };
}

const methods = (transport: FakeArmTransport) =>
  transport.requests.map(r => `${r.method} ${r.status}`);

describe('deployTemplate', () => {
  it('creates the group, validates, creates the deployment and polls it to success', async () => {
    const transport = new FakeArmTransport(
      deploymentScenario({ outputs: { traefikIdentityClientId: 'abc' } }),
    );
    const { promise, log } = deploy(transport);
    await expect(promise).resolves.toEqual({
      mode: 'deployed',
      provisioningState: 'Succeeded',
      message: 'Deployment aks-baseline-aks-prod-weu succeeded.',
      outputs: { traefikIdentityClientId: 'abc' },
    });
    expect(methods(transport)).toEqual([
      'PUT 201', // resource group
      'POST 200', // validate
      'PUT 201', // deployment
      'GET 200', // Running
      'GET 200', // Succeeded
    ]);
    // Everything went out authenticated, with the template and parameters.
    expect(
      transport.requests.every(
        r => r.authorization === 'Bearer fake-arm-token',
      ),
    ).toBe(true);
    const put = transport.requests[2];
    expect(put.path).toMatch(ARM_PATHS.DEPLOYMENT);
    expect(put.body).toEqual({
      properties: {
        mode: 'Incremental',
        template: REQUEST.template,
        parameters: REQUEST.parameters,
      },
      tags: REQUEST.tags,
    });
    expect(transport.requests[0].body).toEqual({
      location: 'westeurope',
      tags: REQUEST.tags,
    });
    expect(log).toContain('Deployment aks-baseline-aks-prod-weu: Running');
  });

  it('retries a throttled poll after Retry-After (429)', async () => {
    const transport = new FakeArmTransport(
      deploymentScenario({ throttleFirstPoll: true }),
    );
    const started = Date.now();
    await expect(deploy(transport).promise).resolves.toMatchObject({
      mode: 'deployed',
    });
    expect(methods(transport).slice(3)).toEqual([
      'GET 429',
      'GET 200',
      'GET 200',
    ]);
    // Retry-After: 1 (seconds) was honoured before the retry.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('reports a failed deployment per resource', async () => {
    const transport = new FakeArmTransport(
      deploymentScenario({ outcome: 'failed' }),
    );
    const error = await deploy(transport).promise.catch(e => e);
    expect(error).toBeInstanceOf(ArmDeploymentError);
    expect(error.errors).toEqual([
      {
        resource: 'Microsoft.Network/applicationGateways/agw-aks-prod-weu',
        code: 'ApplicationGatewayKeyVaultSecretAccessDenied',
        message:
          'Access denied for KeyVault Secret https://kv-aks-prod-weu.vault.azure.net/secrets/gateway-external-pfx-cert.',
      },
    ]);
    expect(error.message).toMatch(
      /^Deployment aks-baseline-aks-prod-weu ended Failed: Microsoft.Network\/applicationGateways\/agw-aks-prod-weu: ApplicationGatewayKeyVaultSecretAccessDenied/,
    );
    expect(transport.count('GET', ARM_PATHS.OPERATIONS)).toBe(1);
  });

  it('stops at a validation error, naming the resource, and creates no deployment', async () => {
    const transport = new FakeArmTransport(
      deploymentScenario({ validation: 'invalid' }),
    );
    const error = await deploy(transport).promise.catch(e => e);
    expect(error).toBeInstanceOf(ArmDeploymentError);
    expect(error.errors).toEqual([
      {
        resource: 'Microsoft.ContainerService/managedClusters/aks-prod-weu',
        code: 'SubnetIsFull',
        message: 'Subnet snet-clusternodes does not have enough capacity.',
      },
    ]);
    expect(transport.count('PUT', ARM_PATHS.DEPLOYMENT)).toBe(0);
  });

  it('follows an asynchronous validation (202 + Location)', async () => {
    const transport = new FakeArmTransport(
      deploymentScenario({ validation: 'async' }),
    );
    await expect(deploy(transport).promise).resolves.toMatchObject({
      mode: 'deployed',
    });
    expect(transport.requests.map(r => r.path)).toContainEqual(
      expect.stringMatching(/operationResults\/validate-1$/),
    );
  });

  describe('in a dry run', () => {
    it('only validates', async () => {
      const transport = new FakeArmTransport(deploymentScenario());
      await expect(deploy(transport, true).promise).resolves.toEqual({
        mode: 'validated',
        message: 'ARM validated the deployment.',
      });
      expect(methods(transport)).toEqual(['HEAD 204', 'POST 200']);
    });

    it('skips validation when the resource group does not exist yet', async () => {
      const transport = new FakeArmTransport(
        deploymentScenario({ resourceGroupExists: false }),
      );
      await expect(deploy(transport, true).promise).resolves.toMatchObject({
        mode: 'skipped',
        message: expect.stringContaining('rg-aks-prod-weu does not exist yet'),
      });
      expect(methods(transport)).toEqual(['HEAD 404']);
    });

    it('reports validation errors', async () => {
      const transport = new FakeArmTransport(
        deploymentScenario({ validation: 'invalid' }),
      );
      await expect(deploy(transport, true).promise).rejects.toThrow(
        /SubnetIsFull/,
      );
    });
  });
});
