import type { AccessToken, TokenCredential } from '@azure/identity';
import { shareTokens } from './sharedTokenCredential';
import { StaticTokenCredential } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

function countingCredential(expiresInMs: number) {
  const calls: string[] = [];
  const credential: TokenCredential = {
    async getToken(scopes): Promise<AccessToken> {
      calls.push([scopes].flat().join(' '));
      return {
        token: `t${calls.length}`,
        expiresOnTimestamp: Date.now() + expiresInMs,
      };
    },
  };
  return { credential, calls };
}

describe('shareTokens', () => {
  it('asks the credential once per scope while the token is fresh', async () => {
    const { credential, calls } = countingCredential(60 * 60_000);
    const shared = shareTokens(credential);
    const tokens = await Promise.all([
      shared.getToken('https://management.azure.com/.default'),
      shared.getToken(['https://management.azure.com/.default']),
      shared.getToken('https://management.azure.com/.default'),
    ]);
    expect(tokens.map(t => t?.token)).toEqual(['t1', 't1', 't1']);
    await shared.getToken('https://vault.azure.net/.default');
    expect(calls).toEqual([
      'https://management.azure.com/.default',
      'https://vault.azure.net/.default',
    ]);
  });

  it('renews a token close to expiry and bypasses the cache for claims', async () => {
    const { credential, calls } = countingCredential(60_000);
    const shared = shareTokens(credential);
    await shared.getToken('scope');
    await shared.getToken('scope');
    await shared.getToken('scope', { claims: 'challenge' });
    expect(calls).toHaveLength(3);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const shared = shareTokens({
      async getToken() {
        if (fail) {
          fail = false;
          throw new Error('no login');
        }
        return new StaticTokenCredential().getToken();
      },
    });
    await expect(shared.getToken('scope')).rejects.toThrow('no login');
    await expect(shared.getToken('scope')).resolves.toMatchObject({
      token: 'fixture-token',
    });
  });
});

describe('StaticTokenCredential', () => {
  it('hands out a token that does not expire in practice', async () => {
    const token = await new StaticTokenCredential().getToken();
    expect(token.expiresOnTimestamp).toBeGreaterThan(
      Date.now() + 100 * 365 * 86_400_000,
    );
  });
});
