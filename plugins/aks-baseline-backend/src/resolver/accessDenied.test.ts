import { SourceError } from '@aks-baseline/plugin-aks-baseline-common';
import { accessDeniedReason, ownerTag } from './accessDenied';

const error = (e: Partial<SourceError>): SourceError => ({
  scope:
    '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
  kind: 'kubernetes',
  message: 'API server answered 403: forbidden',
  ...e,
});

describe('accessDeniedReason', () => {
  it('says which side refused the portal, with the first refusal', () => {
    expect(
      accessDeniedReason([
        error({ status: 403 }),
        error({ kind: 'resource', status: 401, message: 'token rejected' }),
      ]),
    ).toBe(
      'No access: its API server and Azure refused the portal (HTTP 403): API server answered 403: forbidden',
    );
  });

  it('is nothing for failures that are not access: timeouts, 404, 5xx, no status', () => {
    expect(
      accessDeniedReason([
        error({ status: 404 }),
        error({ status: 503 }),
        error({ status: undefined, message: 'timeout' }),
      ]),
    ).toBeUndefined();
    expect(accessDeniedReason([])).toBeUndefined();
  });
});

describe('ownerTag', () => {
  it('reads the owner tag whatever the case of its name, trimmed', () => {
    expect(ownerTag({ Owner: ' payments-team ' })).toBe('payments-team');
    expect(ownerTag({ owner: 'platform-team', env: 'prod' })).toBe(
      'platform-team',
    );
  });

  it('is nothing without tags, without an owner tag, or with an empty one', () => {
    expect(ownerTag(undefined)).toBeUndefined();
    expect(ownerTag({ env: 'prod' })).toBeUndefined();
    expect(ownerTag({ owner: '  ' })).toBeUndefined();
  });
});
