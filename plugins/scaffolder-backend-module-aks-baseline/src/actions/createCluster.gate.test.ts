import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  CERTIFICATE_EXPIRIES,
  validClusterInput,
} from '../__testUtils__/clusterFixtures';
import {
  FakeArmTransport,
  fakeCredential,
} from '../__testUtils__/fakeArmTransport';
import { createCreateClusterAction } from './createCluster';

/*
 * The action writes nothing when the generated objects fail a control. A
 * generator bug is injected by wrapping the real render path with a
 * generator that breaks the WAF policy and the cluster's network plugin.
 */
jest.mock('../generators/cluster', () => {
  const actual = jest.requireActual('../generators/cluster');
  return {
    ...actual,
    renderCluster: (spec: any, options: any) =>
      actual.renderCluster(spec, options, (s: any) => {
        const generated = actual.generateCluster(s);
        for (const resource of generated.template.resources) {
          if (resource.type.endsWith('WebApplicationFirewallPolicies')) {
            resource.properties.policySettings.mode = 'Detection';
          }
          if (resource.type === 'Microsoft.ContainerService/managedClusters') {
            resource.properties.networkProfile.networkPlugin = 'kubenet';
          }
        }
        return generated;
      }),
  };
});

describe('aks-baseline:create-cluster with a failing control', () => {
  const workspace = createMockDirectory();

  it('lists the failing controls, writes nothing and deploys nothing', async () => {
    const transport = new FakeArmTransport([]);
    const action = createCreateClusterAction({
      credential: fakeCredential,
      httpClient: transport,
    });
    const ctx = createMockActionContext({
      input: validClusterInput({
        deploy: true,
        certificateSourceVaultId:
          '/subscriptions/6f1b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-certs',
        ...CERTIFICATE_EXPIRIES,
      }) as any,
      workspacePath: workspace.path,
    });
    const promise = action.handler(ctx);
    await expect(promise).rejects.toThrow(
      /does not pass the baseline controls, so nothing was written: NET-01 Azure CNI, not kubenet \(fail\).* \| WAF-02 WAF enforcing \(fail\)/,
    );
    expect(workspace.content()).toEqual({});
    expect(transport.requests).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
