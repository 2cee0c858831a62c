import { devCluster } from '../../__testUtils__/fixtures';
import { summarizeSnapshot } from './summarizeSnapshot';

describe('summarizeSnapshot', () => {
  it('gives the worst status, failing controls first, the soonest expiry', () => {
    const summary = summarizeSnapshot(devCluster);
    expect(summary.worstStatus).toBe('error');
    expect(summary.failingControls.map(c => c.id)).toEqual(['WAF-02']);
    expect(summary.reasons[0]).toMatch(/^WAF-02 WAF in Prevention mode: /);
    expect(summary.reasons[1]).toMatch(/^FW-01 /);
    // The expired Traefik certificate (-3 days) comes before 5 and 21 days.
    expect(summary.soonestExpiry?.name).toBe(
      'traefik-ingress-internal-aks-ingress-tls',
    );
  });

  it('says "not observed", not "ok", while a hop is unseen', () => {
    const clean = {
      ...devCluster,
      controls: [],
      certificates: [],
      ingress: devCluster.ingress.map(chain => ({
        ...chain,
        status: 'not-observed' as const,
        hops: chain.hops.map(hop => ({
          ...hop,
          status: 'not-observed' as const,
          tls: undefined,
        })),
      })),
      egress: [],
      keyVault: [],
    };
    const summary = summarizeSnapshot(clean);
    expect(summary.worstStatus).toBe('not-observed');
    expect(summary.reasons).toEqual([expect.stringMatching(/^not observed: /)]);
    expect(summary.soonestExpiry).toBeUndefined();
  });
});
