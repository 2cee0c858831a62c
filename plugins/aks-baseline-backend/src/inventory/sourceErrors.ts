import type { SourceError } from '@aks-baseline/plugin-aks-baseline-common';
import { RequestTimeoutError } from '../azure';
import type { FailedListing } from './types';

/** Long enough for ARM's messages, short enough for a status line. */
const MAX_MESSAGE_LENGTH = 300;

interface RestErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
}

/**
 * Turns whatever an SDK call threw into a `SourceError` for the scope it
 * affects. Response bodies are never echoed (a parse error's message quotes
 * the whole body), so nothing an endpoint returns leaks into the snapshot.
 */
export function toSourceError(
  error: unknown,
  kind: SourceError['kind'],
  scope: string,
  action: string,
): SourceError {
  const { statusCode } = (error ?? {}) as RestErrorLike;
  const status =
    typeof statusCode === 'number' && statusCode >= 300
      ? statusCode
      : undefined;
  return {
    kind,
    scope,
    message: truncate(`${action} failed: ${describe(error)}`),
    ...(status ? { status } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof RequestTimeoutError) {
    return `timed out (no answer within ${error.timeoutMs} ms)`;
  }
  const { name, message, code, statusCode } = (error ?? {}) as RestErrorLike;
  if (code === 'PARSE_ERROR') {
    return 'malformed response body (not JSON)';
  }
  if (name === 'AbortError') {
    return 'aborted';
  }
  const prefix = [statusCode, code].filter(Boolean).join(' ');
  const text = message || String(error);
  return prefix ? `${prefix}: ${text}` : text;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH
    ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`
    : text;
}

/** A (subscription, type) listing that failed, and its error; `action` says how it was read. */
export function failedListingOf(
  listing: { kind: FailedListing['kind']; armType: string },
  subscriptionId: string,
  error: unknown,
  action: string,
): FailedListing {
  return {
    kind: listing.kind,
    armType: listing.armType,
    subscriptionId,
    error: toSourceError(
      error,
      'subscription',
      subscriptionId,
      `${action} ${listing.armType}`,
    ),
  };
}
