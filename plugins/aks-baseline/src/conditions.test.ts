import { Entity } from '@backstage/catalog-model';
import { isAksBaselineAvailable, isAksBaselineTabRelevant } from './conditions';

function entity(
  kind: string,
  annotations: Record<string, string> = {},
  type?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: type ? { type } : {},
  };
}

describe('isAksBaselineAvailable', () => {
  it.each([
    [
      'a cluster Resource with its resource id',
      entity('Resource', { 'aks-baseline.io/resource-id': '/subscriptions/s' }),
      true,
    ],
    [
      'an app Component with its cluster',
      entity('Component', {
        'aks-baseline.io/cluster': 'resource:default/aks',
      }),
      true,
    ],
    [
      'an app with only a host',
      entity('Component', { 'aks-baseline.io/host': 'x.example.com' }),
      false,
    ],
    ['an unannotated Component', entity('Component'), false],
  ])('is %s -> %s', (_, e, expected) => {
    expect(isAksBaselineAvailable(e)).toBe(expected);
  });
});

describe('isAksBaselineTabRelevant', () => {
  it.each([
    ['an unannotated Component (help panel)', entity('Component'), true],
    [
      'an unannotated cluster Resource (help panel)',
      entity('Resource', {}, 'kubernetes-cluster'),
      true,
    ],
    ['a database Resource', entity('Resource', {}, 'database'), false],
    ['a System', entity('System'), false],
    [
      'an annotated entity of any kind',
      entity('System', { 'aks-baseline.io/cluster': 'resource:default/aks' }),
      true,
    ],
  ])('is %s -> %s', (_, e, expected) => {
    expect(isAksBaselineTabRelevant(e)).toBe(expected);
  });
});
