import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { partsReadAt } from './partsReadAt';

const SUB = '/subscriptions/00000000-0000-4000-8000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1`;
const vault = (name: string) => ({
  id: `${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${name}`,
  name,
});
const REFRESHED = new Date('2026-12-07T12:00:00Z');

function snapshot(secretIds: string[]): ClusterSnapshot {
  return {
    resourceId: CLUSTER,
    certificates: secretIds.map(keyVaultSecretId => ({ keyVaultSecretId })),
  } as unknown as ClusterSnapshot;
}

describe('partsReadAt', () => {
  const keyVaults = [vault('kv-a'), vault('KV-B')];
  const lower = (id: string) => id.toLowerCase();
  const slowTierReadAt = {
    vaultSecrets: {
      [lower(keyVaults[0].id)]: '2026-12-07T10:00:00.000Z',
      [lower(keyVaults[1].id)]: '2026-12-07T09:00:00.000Z',
    },
    maintenanceConfigurations: { [lower(CLUSTER)]: '2026-12-07T11:00:00.000Z' },
    diagnosticSettings: { [lower(CLUSTER)]: '2026-12-07T08:00:00.000Z' },
    dataCollectionRuleAssociations: {},
    policyAssignments: {},
    dataCollectionRules: {},
  };

  it('gives each part the oldest read behind it', () => {
    expect(
      partsReadAt(
        snapshot([
          'https://kv-a.vault.azure.net/secrets/edge',
          'https://kv-b.vault.azure.net/secrets/root',
        ]),
        { keyVaults, slowTierReadAt },
        REFRESHED,
      ),
    ).toEqual({
      topology: '2026-12-07T12:00:00.000Z',
      certificates: '2026-12-07T09:00:00.000Z',
      governance: '2026-12-07T08:00:00.000Z',
    });
  });

  it("counts its subscription's policy assignment and data collection rule lists as governance", () => {
    const subscription = '00000000-0000-4000-8000-000000000001';
    const withLists = (policy: string, rules: string) => ({
      ...slowTierReadAt,
      policyAssignments: {
        [subscription]: policy,
        // Another subscription's older list is not this cluster's.
        'ffffffff-0000-4000-8000-000000000001': '2026-12-01T00:00:00.000Z',
      },
      dataCollectionRules: { [subscription]: rules },
    });
    const governance = (readAt: ReturnType<typeof withLists>) =>
      partsReadAt(
        snapshot([]),
        { keyVaults, slowTierReadAt: readAt },
        REFRESHED,
      ).governance;
    expect(
      governance(
        withLists('2026-12-07T07:00:00.000Z', '2026-12-07T11:30:00.000Z'),
      ),
    ).toBe('2026-12-07T07:00:00.000Z');
    expect(
      governance(
        withLists('2026-12-07T11:00:00.000Z', '2026-12-07T06:00:00.000Z'),
      ),
    ).toBe('2026-12-07T06:00:00.000Z');
    expect(
      governance(
        withLists('2026-12-07T11:00:00.000Z', '2026-12-07T11:00:00.000Z'),
      ),
    ).toBe('2026-12-07T08:00:00.000Z');
  });

  it('has no certificate time when no certificate comes from a listed vault', () => {
    const parts = partsReadAt(
      snapshot(['https://elsewhere.vault.azure.net/secrets/x']),
      { keyVaults, slowTierReadAt },
      REFRESHED,
    );
    expect(parts.certificates).toBeUndefined();
  });

  it('says every part was read now without a slow tier', () => {
    expect(partsReadAt(snapshot([]), { keyVaults }, REFRESHED)).toEqual({
      topology: '2026-12-07T12:00:00.000Z',
      certificates: '2026-12-07T12:00:00.000Z',
      governance: '2026-12-07T12:00:00.000Z',
    });
  });
});
