import { analyzeNetworkPolicies } from './analyze';
import { portRangesContain } from './portRanges';
import { createNaiveEvaluator } from '../__testUtils__/netpol/naiveEvaluator';
import { syntheticCluster } from '../__testUtils__/netpol/syntheticCluster';
import { NetpolPeer, Protocol } from './types';

/**
 * The indexed evaluator must agree with a naive, independent reading of the
 * rules on clusters that mix every feature, for every pair and a spread of
 * external addresses.
 */
const EXTERNAL_ADDRESSES = [
  '10.0.3.4',
  '10.1.200.1',
  '10.1.2.3',
  '172.20.0.1',
  '192.168.4.4',
  '8.8.8.8',
  'fd00:1::1',
  'fd00:2::1',
  '2001:db8::1',
];

describe('indexed evaluator versus naive evaluator', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'agrees on every pair of synthetic cluster #%i',
    seed => {
      const snapshot = syntheticCluster({
        namespaces: 6,
        pods: 40,
        policies: 24,
        seed,
      });
      const analysis = analyzeNetworkPolicies(snapshot);
      const naive = createNaiveEvaluator(snapshot);
      const podPeers: NetpolPeer[] = snapshot.pods.map(p => ({
        pod: { namespace: p.namespace, name: p.name },
      }));
      const addressPeers: NetpolPeer[] = EXTERNAL_ADDRESSES.map(ip => ({ ip }));

      const pairs: [NetpolPeer, NetpolPeer][] = [];
      for (const src of podPeers) {
        for (const dst of [...podPeers, ...addressPeers])
          pairs.push([src, dst]);
      }
      for (const src of addressPeers)
        for (const dst of podPeers) pairs.push([src, dst]);

      let allowedPairs = 0;
      for (const [src, dst] of pairs) {
        const expected = naive.allowed(src, dst);
        expect({ src, dst, allowed: analysis.allowed(src, dst) }).toEqual({
          src,
          dst,
          allowed: expected,
        });
        if (expected.length > 0) allowedPairs++;
      }
      // The generator must produce a mix of verdicts, or the comparison proves little.
      expect(allowedPairs).toBeGreaterThan(pairs.length * 0.05);
      expect(allowedPairs).toBeLessThan(pairs.length * 0.95);
    },
  );

  it('explain() agrees with allowed() on sampled ports', () => {
    const snapshot = syntheticCluster({
      namespaces: 5,
      pods: 25,
      policies: 20,
      seed: 42,
    });
    const analysis = analyzeNetworkPolicies(snapshot);
    const peers: NetpolPeer[] = snapshot.pods.map(p => ({
      pod: { namespace: p.namespace, name: p.name },
    }));
    const ports = [
      1, 53, 80, 443, 8080, 9090, 32000, 32500, 32768, 32769, 50051, 65535,
    ];
    for (const src of peers) {
      for (const dst of [...peers, { ip: '8.8.8.8' }]) {
        const allowed = analysis.allowed(src, dst);
        for (const protocol of ['TCP', 'UDP', 'SCTP'] as Protocol[]) {
          for (const port of ports) {
            expect({
              src,
              dst,
              protocol,
              port,
              allowed: analysis.explain(src, dst, protocol, port).allowed,
            }).toEqual({
              src,
              dst,
              protocol,
              port,
              allowed: portRangesContain(allowed, protocol, port),
            });
          }
        }
      }
    }
  });

  it('connectivity() agrees with allowed() for every pod pair', () => {
    const snapshot = syntheticCluster({
      namespaces: 5,
      pods: 30,
      policies: 20,
      seed: 7,
    });
    const analysis = analyzeNetworkPolicies(snapshot);
    const listed = new Map<string, unknown>();
    for (const entry of analysis.connectivity()) {
      if ('pod' in entry.src && 'pod' in entry.dst) {
        listed.set(
          `${entry.src.pod.namespace}/${entry.src.pod.name}>${entry.dst.pod.namespace}/${entry.dst.pod.name}`,
          entry.ports,
        );
      }
    }
    for (const src of snapshot.pods) {
      for (const dst of snapshot.pods) {
        if (src === dst) continue;
        const allowed = analysis.allowed({ pod: src }, { pod: dst });
        const key = `${src.namespace}/${src.name}>${dst.namespace}/${dst.name}`;
        expect({ key, ports: listed.get(key) ?? [] }).toEqual({
          key,
          ports: allowed,
        });
      }
    }
  });
});
