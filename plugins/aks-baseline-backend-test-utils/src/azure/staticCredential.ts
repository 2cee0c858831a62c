import type { AccessToken, TokenCredential } from '@azure/identity';

/** Far enough ahead that no pipeline ever tries to refresh it. */
const FAR_FUTURE = Date.parse('2999-01-01T00:00:00Z');

/**
 * A credential that hands out a fixed, meaningless bearer token.
 *
 * Only for use with `ArmFixtureTransport` (tests, the demo module and
 * benchmarks): the SDK clients insist on a `TokenCredential`, and the fixture
 * transport never looks at the token. Against real Azure every request made
 * with it fails with 401.
 */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string = 'fixture-token') {}

  async getToken(): Promise<AccessToken> {
    return {
      token: this.token,
      expiresOnTimestamp: FAR_FUTURE,
      tokenType: 'Bearer',
    };
  }
}
