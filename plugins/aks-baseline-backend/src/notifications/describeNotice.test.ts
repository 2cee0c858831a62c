import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { describeNotice } from './describeNotice';
import type { PlannedNotice } from './planNotices';

const CLUSTER = {
  resourceId:
    '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/aks-one',
  name: 'aks-one',
} as ClusterSnapshot;

const EDGE_WARNING: PlannedNotice = {
  kind: 'certificate',
  subject: 'certificate:edge:kv-one/web',
  instance: '2026-12-28T22:40:28.000Z',
  level: 'warning',
  hosts: ['a.example.com'],
  certificate: {
    purpose: 'edge',
    name: 'web',
    vaultName: 'kv-one',
    status: 'warning',
    statusText: 'expires in 21 days',
  },
};

describe('describeNotice', () => {
  it('says which certificate, until when, for which hosts, and links to the fleet without an entity', () => {
    expect(describeNotice(EDGE_WARNING, CLUSTER)).toEqual({
      title: 'aks-one: edge certificate web expires in 21 days',
      description:
        'Key Vault kv-one, object web; valid until 2026-12-28 22:40 UTC. Serves a.example.com. To fix: renew web in Key Vault kv-one; App Gateway picks up the new version within 4 hours (unversioned secret id). The portal tells again if the renewed certificate nears expiry.',
      severity: 'low',
      topic: 'AKS certificate expiry',
      link: '/aks-baseline',
      scope: `aks-baseline|${CLUSTER.resourceId.toLowerCase()}|certificate:edge:kv-one/web|2026-12-28T22:40:28.000Z|warning`,
    });
  });

  it('states a failing control as found against expected, linking to the cluster’s tab', () => {
    const payload = describeNotice(
      {
        kind: 'control',
        subject: 'control:SEC-01',
        instance: '',
        level: 'failing',
        control: {
          id: 'SEC-01',
          title: 'Key Vault CSI provider add-on',
          area: 'cluster',
          severity: 'medium',
          field: 'addonProfiles.azureKeyvaultSecretsProvider.enabled',
          expected: 'true',
          status: 'fail',
          found: 'false',
          reason: 'the add-on is off.',
        },
      },
      { ...CLUSTER, entityRef: 'resource:platform/aks-one' },
    );

    expect(payload).toMatchObject({
      title:
        'aks-one: control SEC-01 is failing (Key Vault CSI provider add-on)',
      description: 'The add-on is off. Found: false; expected: true.',
      severity: 'normal',
      link: '/catalog/platform/resource/aks-one/aks-baseline',
    });
  });
});
