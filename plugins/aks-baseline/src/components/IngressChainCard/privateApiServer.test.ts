import { isPrivateApiServerReason } from './privateApiServer';

describe('isPrivateApiServerReason', () => {
  it("recognises the backend's reason for an unreachable private API server", () => {
    expect(
      isPrivateApiServerReason(
        'API server not reachable from the portal (private cluster): getaddrinfo ENOTFOUND aks-prod-weu-abc.privatelink.westeurope.azmk8s.io',
      ),
    ).toBe(true);
  });

  it('does not take other reasons for it', () => {
    expect(
      isPrivateApiServerReason(
        'API server not reachable from the portal: connect ETIMEDOUT',
      ),
    ).toBe(false);
    expect(
      isPrivateApiServerReason(
        "API server answered 403: the portal's identity lacks list on pods",
      ),
    ).toBe(false);
  });
});
