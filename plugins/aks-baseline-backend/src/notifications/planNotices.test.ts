import type {
  CertificateInfo,
  ClusterSnapshot,
  ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  obsoleteNotices,
  planNotices,
  PlanOptions,
  unsentNotices,
} from './planNotices';

const ALL: PlanOptions = {
  certificateLevels: ['warning', 'critical', 'expired'],
  controls: true,
  certificatesObserved: true,
};

function certificate(
  purpose: CertificateInfo['purpose'],
  status: CertificateInfo['status'],
  extra: Partial<CertificateInfo> = {},
): CertificateInfo {
  return {
    purpose,
    name: `${purpose}-cert`,
    vaultName: 'kv-one',
    notAfter: '2026-12-01T00:00:00Z',
    status,
    statusText: status,
    ...extra,
  };
}

function control(id: string, status: ControlResult['status']): ControlResult {
  return {
    id,
    title: id,
    area: 'edge',
    severity: 'high',
    field: 'f',
    expected: 'e',
    status,
    found: 'x',
    reason: 'r',
  };
}

function snapshot(
  certificates: CertificateInfo[],
  controls: ControlResult[] = [],
): ClusterSnapshot {
  return {
    resourceId:
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c',
    name: 'c',
    subscriptionId: 's',
    resourceGroup: 'g',
    location: 'westeurope',
    ingress: ['a.example.com', 'B.example.com'].map(host => ({
      host,
      status: 'ok',
      hops: [],
    })),
    egress: [],
    keyVault: [],
    certificates,
    controls,
    errors: [],
    refreshedAt: '2026-11-26T12:00:00Z',
  };
}

describe('planNotices', () => {
  it('tells an edge certificate once for all its listeners, with their hosts', () => {
    const plan = planNotices(
      snapshot([
        certificate('edge', 'warning', { host: 'b.example.com' }),
        certificate('edge', 'warning', { host: 'a.example.com' }),
      ]),
      ALL,
    );

    expect(plan.notices).toEqual([
      expect.objectContaining({
        subject: 'certificate:edge:kv-one/edge-cert',
        instance: '2026-12-01T00:00:00.000Z',
        level: 'warning',
        hosts: ['a.example.com', 'b.example.com'],
      }),
    ]);
  });

  it('puts every host of the cluster behind the trust root and Traefik’s certificate', () => {
    const plan = planNotices(
      snapshot([
        certificate('ingress', 'expired'),
        certificate('backend-trust-root', 'critical'),
      ]),
      ALL,
    );

    expect(
      plan.notices.map(n => [n.level, n.kind === 'certificate' && n.hosts]),
    ).toEqual([
      ['expired', ['a.example.com', 'b.example.com']],
      ['critical', ['a.example.com', 'b.example.com']],
    ]);
  });

  it('forgets a certificate seen ok, and other expiries of one at a level, never an unknown or unreadable one', () => {
    const plan = planNotices(
      snapshot([
        certificate('edge', 'ok'),
        certificate('ingress', 'critical'),
        certificate('backend-trust-root', 'unknown', { notAfter: undefined }),
        certificate('edge', 'expired', { name: 'odd', notAfter: 'soon' }),
      ]),
      ALL,
    );

    expect(plan.resets).toEqual([
      { subject: 'certificate:edge:kv-one/edge-cert' },
      {
        subject: 'certificate:ingress:kv-one/ingress-cert',
        keepInstance: '2026-12-01T00:00:00.000Z',
      },
    ]);
  });

  it('forgets nothing about certificates kept from an earlier refresh', () => {
    const plan = planNotices(snapshot([certificate('edge', 'ok')]), {
      ...ALL,
      certificatesObserved: false,
    });

    expect(plan.resets).toEqual([]);
  });

  it('tells only the configured levels', () => {
    const plan = planNotices(
      snapshot([
        certificate('edge', 'warning'),
        certificate('ingress', 'expired'),
      ]),
      { ...ALL, certificateLevels: ['expired'] },
    );

    expect(plan.notices.map(n => n.subject)).toEqual([
      'certificate:ingress:kv-one/ingress-cert',
    ]);
  });

  it('tells a control failing on any resource, forgets one seen passing, keeps one not observed', () => {
    const plan = planNotices(
      snapshot(
        [],
        [
          control('WAF-01', 'pass'),
          control('WAF-01', 'fail'),
          control('TLS-01', 'pass'),
          control('TLS-02', 'warning'),
          control('NET-01', 'not-observed'),
        ],
      ),
      ALL,
    );

    expect(plan.notices.map(n => `${n.subject} ${n.level}`)).toEqual([
      'control:WAF-01 failing',
    ]);
    expect(plan.resets).toEqual([
      { subject: 'control:TLS-01' },
      { subject: 'control:TLS-02' },
    ]);
  });

  it('leaves CERT-01..03 to the certificate notices: one notice per crossing, not two', () => {
    const plan = planNotices(
      snapshot(
        [],
        [
          control('CERT-03', 'fail'),
          control('CERT-02', 'fail'),
          control('CERT-04', 'fail'),
        ],
      ),
      ALL,
    );

    expect(plan.notices.map(n => `${n.subject} ${n.level}`)).toEqual([
      'control:CERT-04 failing',
    ]);
  });

  it('tells no control when cluster notices go to nobody, but still forgets passing ones', () => {
    const plan = planNotices(
      snapshot([], [control('WAF-01', 'fail'), control('TLS-01', 'pass')]),
      { ...ALL, controls: false },
    );

    expect(plan.notices).toEqual([]);
    expect(plan.resets).toEqual([{ subject: 'control:TLS-01' }]);
  });
});

describe('against what was sent', () => {
  const sent = [
    { subject: 'certificate:edge:kv/x', instance: 'old', level: 'warning' },
    { subject: 'certificate:edge:kv/x', instance: 'new', level: 'warning' },
    { subject: 'control:WAF-01', instance: '', level: 'failing' },
  ];

  it('a renewal makes the old expiry obsolete, a passing control its notice', () => {
    expect(
      obsoleteNotices(sent, [
        { subject: 'certificate:edge:kv/x', keepInstance: 'new' },
        { subject: 'control:WAF-01' },
      ]),
    ).toEqual([sent[0], sent[2]]);
  });

  it('a notice already sent is not due again; a new level is', () => {
    const plan = planNotices(
      snapshot([
        certificate('edge', 'critical', { notAfter: '2026-12-01T00:00:00Z' }),
      ]),
      ALL,
    );
    const alreadyWarned = [
      {
        subject: 'certificate:edge:kv-one/edge-cert',
        instance: '2026-12-01T00:00:00.000Z',
        level: 'critical',
      },
    ];

    expect(unsentNotices(plan.notices, alreadyWarned)).toEqual([]);
    expect(
      unsentNotices(plan.notices, [{ ...alreadyWarned[0], level: 'warning' }]),
    ).toHaveLength(1);
  });
});
