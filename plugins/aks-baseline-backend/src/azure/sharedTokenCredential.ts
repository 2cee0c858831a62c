import type {
  AccessToken,
  GetTokenOptions,
  TokenCredential,
} from '@azure/identity';

/** Renew this long before expiry so a token never runs out mid-request. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Shares one access token per scope between many SDK clients.
 *
 * Every SDK client has its own bearer-token policy and therefore asks the
 * credential for a token on its first request. The inventory creates a client
 * per list call, and some links of `DefaultAzureCredential` do not cache
 * (the Azure CLI link starts an `az` process per call), so without this a
 * refresh of many subscriptions would spawn hundreds of processes. Concurrent
 * requests for the same scope wait for the same call. Requests with claims
 * (a CAE challenge) or another tenant go straight to the credential.
 */
export function shareTokens(credential: TokenCredential): TokenCredential {
  const tokens = new Map<string, Promise<AccessToken | null>>();

  return {
    getToken(scopes: string | string[], options?: GetTokenOptions) {
      if (options?.claims || options?.tenantId) {
        return credential.getToken(scopes, options);
      }
      const key = [scopes].flat().sort().join(' ');
      const cached = tokens.get(key);
      if (cached) {
        return cached.then(token =>
          token && token.expiresOnTimestamp - RENEW_BEFORE_MS > Date.now()
            ? token
            : fetchToken(key, scopes, options),
        );
      }
      return fetchToken(key, scopes, options);
    },
  };

  function fetchToken(
    key: string,
    scopes: string | string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> {
    // Shared by every waiting caller, so one caller's abort must not cancel it.
    const pending = credential.getToken(scopes, {
      ...options,
      abortSignal: undefined,
    });
    tokens.set(key, pending);
    // A failure is not cached: the next request tries again.
    pending.catch(() => {
      if (tokens.get(key) === pending) tokens.delete(key);
    });
    return pending;
  }
}
