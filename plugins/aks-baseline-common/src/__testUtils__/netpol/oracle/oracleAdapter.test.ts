import { analyzeNetworkPolicies } from '../../../netpol/analyze';
import { clusterFromManifests } from './manifests';
import { formatConnections, renderConnlist } from './renderConnlist';

const podTemplate = (
  labels: Record<string, string>,
  ports: unknown[] = [],
) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'main', image: 'x', ports }] },
});

describe('oracle adapter: manifests to snapshot', () => {
  it('unwraps kind: List and typed lists whose items omit kind', () => {
    const { snapshot } = clusterFromManifests([
      null,
      {
        kind: 'List',
        items: [
          { kind: 'Namespace', metadata: { name: 'a', labels: { x: 'y' } } },
        ],
      },
      { kind: 'NamespaceList', items: [{ metadata: { name: 'b' } }] },
      { kind: 'PodList', items: [{ metadata: { name: 'p', namespace: 'b' } }] },
    ]);
    expect(snapshot.namespaces).toEqual([
      { name: 'a', labels: { x: 'y' } },
      { name: 'b', labels: {} },
    ]);
    expect(snapshot.pods.map(p => `${p.namespace}/${p.name}`)).toEqual(['b/p']);
  });

  it('names pods after their controller owner, or after themselves', () => {
    const pod = (name: string, ownerReferences?: unknown[]) => ({
      kind: 'Pod',
      metadata: { name, ...(ownerReferences ? { ownerReferences } : {}) },
    });
    const { workloadOfPod } = clusterFromManifests([
      pod('rs-pod', [
        { kind: 'ReplicaSet', name: 'web-5d8f', controller: true },
      ]),
      pod('kindless', [{ name: 'internal-security', controller: true }]),
      pod('static', [{ kind: 'Node', name: 'minikube', controller: true }]),
      pod('not-controlled', [{ kind: 'ReplicaSet', name: 'other' }]),
      pod('standalone'),
    ]);
    expect(Object.fromEntries(workloadOfPod)).toEqual({
      'default/rs-pod': 'default/web-5d8f[ReplicaSet]',
      'default/kindless': 'default/internal-security[Pod]',
      'default/static': 'default/static[Pod]',
      'default/not-controlled': 'default/not-controlled[Pod]',
      'default/standalone': 'default/standalone[Pod]',
    });
  });

  it('takes labels and ports of workload controllers from their pod template (CronJob: jobTemplate)', () => {
    const { snapshot, workloadOfPod } = clusterFromManifests([
      {
        kind: 'Deployment',
        metadata: {
          name: 'web',
          namespace: 'shop',
          labels: { ignored: 'yes' },
        },
        spec: {
          template: podTemplate({ app: 'web' }, [
            { name: 'http', containerPort: 8080 },
          ]),
        },
      },
      {
        kind: 'CronJob',
        metadata: { name: 'nightly', namespace: 'shop' },
        spec: {
          jobTemplate: { spec: { template: podTemplate({ app: 'batch' }) } },
        },
      },
      { kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
    ]);
    expect(snapshot.pods).toEqual([
      {
        namespace: 'shop',
        name: 'web[Deployment]',
        labels: { app: 'web' },
        ports: [{ name: 'http', containerPort: 8080 }],
      },
      {
        namespace: 'shop',
        name: 'nightly[CronJob]',
        labels: { app: 'batch' },
        ports: [],
      },
    ]);
    expect(workloadOfPod.get('shop/nightly[CronJob]')).toBe(
      'shop/nightly[CronJob]',
    );
  });

  it('drops a container port entry without a numeric containerPort', () => {
    const { snapshot } = clusterFromManifests([
      {
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          containers: [
            {
              ports: [
                { name: 'udps', containerport: 3535, protocol: 'UDP' },
                { containerPort: 80 },
              ],
            },
          ],
        },
      },
    ]);
    expect(snapshot.pods[0].ports).toEqual([{ containerPort: 80 }]);
  });

  it('keeps one copy of an object that appears twice verbatim', () => {
    const namespace = { kind: 'Namespace', metadata: { name: 'a' } };
    const { snapshot } = clusterFromManifests([namespace, { ...namespace }]);
    expect(snapshot.namespaces).toHaveLength(1);
  });
});

describe('oracle adapter: rendering', () => {
  it('formats connections as All Connections or SCTP, TCP, UDP groups of merged ports', () => {
    expect(
      formatConnections([
        { protocol: 'SCTP', from: 1, to: 65535 },
        { protocol: 'TCP', from: 1, to: 65535 },
        { protocol: 'UDP', from: 1, to: 65535 },
      ]),
    ).toBe('All Connections');
    expect(formatConnections([{ protocol: 'TCP', from: 1, to: 65535 }])).toBe(
      'TCP 1-65535',
    );
    expect(
      formatConnections([
        { protocol: 'SCTP', from: 8956, to: 8956 },
        { protocol: 'SCTP', from: 9090, to: 9090 },
        { protocol: 'TCP', from: 10053, to: 10054 },
        { protocol: 'UDP', from: 53, to: 53 },
      ]),
    ).toBe('SCTP 8956,9090,TCP 10053-10054,UDP 53');
  });

  it('merges pods into workloads, skips traffic inside a workload and sorts byte-wise', () => {
    const rsPod = (name: string) => ({
      kind: 'Pod',
      metadata: {
        name,
        labels: { app: 'agents' },
        ownerReferences: [
          { kind: 'DaemonSet', name: 'cog-agents', controller: true },
        ],
      },
    });
    const { snapshot, workloadOfPod } = clusterFromManifests([
      rsPod('cog-agents-1'),
      rsPod('cog-agents-2'),
      {
        kind: 'Pod',
        metadata: {
          name: 'p',
          labels: { app: 'analyzer' },
          ownerReferences: [
            {
              kind: 'DaemonSet',
              name: 'cog-agents-analyzer',
              controller: true,
            },
          ],
        },
      },
      {
        kind: 'NetworkPolicy',
        metadata: { name: 'only-tcp-80' },
        spec: {
          podSelector: { matchLabels: { app: 'analyzer' } },
          ingress: [{ ports: [{ port: 80 }] }],
        },
      },
    ]);
    expect(
      renderConnlist(analyzeNetworkPolicies(snapshot), workloadOfPod),
    ).toEqual([
      '0.0.0.0-255.255.255.255[External] => default/cog-agents-analyzer[DaemonSet] : TCP 80',
      '0.0.0.0-255.255.255.255[External] => default/cog-agents[DaemonSet] : All Connections',
      'default/cog-agents-analyzer[DaemonSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/cog-agents-analyzer[DaemonSet] => default/cog-agents[DaemonSet] : All Connections',
      'default/cog-agents[DaemonSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/cog-agents[DaemonSet] => default/cog-agents-analyzer[DaemonSet] : TCP 80',
    ]);
  });
});
