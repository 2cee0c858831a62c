import { stampContractAnnotations } from '@aks-baseline/plugin-aks-baseline-common';
import { exampleStampContract } from '../__testUtils__/stampContract';
import { mergeContractValues, readContractValues } from './contractValues';

const contract = exampleStampContract();

const clusterEntity = (annotations: Record<string, string>) => ({
  kind: 'Resource',
  metadata: { name: 'aks-generated-weu', annotations },
});

describe('readContractValues', () => {
  it('gives the onboarding inputs the contract holds, and names the one it lacks', () => {
    expect(
      readContractValues(clusterEntity(stampContractAnnotations(contract))),
    ).toEqual({
      status: 'valid',
      values: {
        ingressDomain: 'contoso-demo.com',
        appGatewaySubnetCidr: '10.244.5.0/24',
        traefikNamespace: 'a0008',
        keyVaultName: 'kv-aks-generated-weu',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      },
      missing: ['certificateReaderClientId'],
    });
  });

  it('says a cluster has no contract, or why its contract cannot be used', () => {
    expect(readContractValues(clusterEntity({}))).toEqual({ status: 'absent' });
    const broken = {
      ...stampContractAnnotations(contract),
      'aks-baseline.io/stamp-key-vault-name': 'kv--bad',
    };
    const reading = readContractValues(clusterEntity(broken));
    expect(reading.status).toBe('invalid');
    expect(reading.status === 'invalid' && reading.problems.join()).toMatch(
      /aks-baseline\.io\/stamp-key-vault-name is "kv--bad"/,
    );
  });
});

describe('mergeContractValues', () => {
  it('fills empty inputs and keeps what the user typed', () => {
    expect(
      mergeContractValues(
        { keyVaultName: 'kv-mine' },
        {},
        { keyVaultName: 'kv-aks-generated-weu', tenantId: 't1' },
      ),
    ).toEqual({ keyVaultName: 'kv-mine', tenantId: 't1' });
  });

  it("replaces another cluster's filled values when the cluster changes", () => {
    expect(
      mergeContractValues(
        { keyVaultName: 'kv-a', tenantId: 't1', traefikNamespace: 'edited' },
        { keyVaultName: 'kv-a', tenantId: 't1', traefikNamespace: 'a0008' },
        { keyVaultName: 'kv-b' },
      ),
    ).toEqual({ keyVaultName: 'kv-b', traefikNamespace: 'edited' });
  });
});
