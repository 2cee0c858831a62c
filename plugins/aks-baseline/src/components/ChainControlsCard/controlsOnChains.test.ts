import { devCluster } from '../../__testUtils__/fixtures';
import { controlsOnChains } from './controlsOnChains';

describe('controlsOnChains', () => {
  it("keeps the controls judged on the chain's hops, failures first", () => {
    // The fixture's chain judges TLS-01 (pass) at the listener and WAF-02
    // (fail) at the WAF; NET-01, K8S-06 and FW-01 are elsewhere.
    expect(
      controlsOnChains(devCluster.ingress, devCluster.controls).map(
        c => `${c.id} ${c.status}`,
      ),
    ).toEqual(['WAF-02 fail', 'TLS-01 pass']);
  });

  it('gives nothing for an app without a chain', () => {
    expect(controlsOnChains([], devCluster.controls)).toEqual([]);
  });
});
