import { clusterAnnotationForms, findServedHostConflict } from './hostServing';
import { listenerHostMatches } from './trace/gatewayListener';

const app = (
  name: string,
  cluster: string,
  host: string,
  namespace?: string,
) => ({
  kind: 'Component',
  metadata: {
    name,
    namespace,
    annotations: {
      'aks-baseline.io/cluster': cluster,
      'aks-baseline.io/host': host,
    },
  },
});

describe('findServedHostConflict', () => {
  const clusterRef = 'resource:default/aks-prod-weu';

  it('finds another app on the cluster serving the host, in any case or by wildcard', () => {
    expect(
      findServedHostConflict({
        host: 'Shop.Contoso.com',
        clusterRef,
        apps: [app('shop', 'aks-prod-weu', 'shop.contoso.com')],
      }),
    ).toEqual({
      appRef: 'component:default/shop',
      servedHost: 'shop.contoso.com',
    });
    expect(
      findServedHostConflict({
        host: 'a.b.contoso.com',
        clusterRef,
        apps: [app('catch', 'resource:default/aks-prod-weu', '*.contoso.com')],
      })?.appRef,
    ).toBe('component:default/catch');
  });

  it('ignores the app itself, apps on other clusters, and other hosts', () => {
    const apps = [
      app('shop', 'aks-prod-weu', 'shop.contoso.com'),
      app('other', 'aks-prod-neu', 'cart.contoso.com'),
      app('blog', 'aks-prod-weu', 'blog.contoso.com'),
      // Names the cluster in its own namespace, which is another cluster.
      app('team', 'aks-prod-weu', 'cart.contoso.com', 'team-a'),
    ];
    expect(
      findServedHostConflict({
        host: 'shop.contoso.com',
        clusterRef,
        ownAppRef: 'component:default/shop',
        apps,
      }),
    ).toBeUndefined();
    expect(
      findServedHostConflict({ host: 'cart.contoso.com', clusterRef, apps }),
    ).toBeUndefined();
  });
});

describe('listenerHostMatches and clusterAnnotationForms', () => {
  it('matches App Gateway listener wildcards across labels, ? as one character', () => {
    expect(listenerHostMatches('*.contoso.com', 'a.b.contoso.com')).toBe(true);
    expect(listenerHostMatches('shop?.contoso.com', 'shop1.contoso.com')).toBe(
      true,
    );
    expect(listenerHostMatches('*.contoso.com', 'contoso.com')).toBe(false);
  });

  it('lists every way an app may name a cluster in the default namespace', () => {
    expect(clusterAnnotationForms('resource:default/aks-prod-weu')).toEqual([
      'resource:default/aks-prod-weu',
      'default/aks-prod-weu',
      'resource:aks-prod-weu',
      'aks-prod-weu',
    ]);
    expect(clusterAnnotationForms('resource:team-a/aks-x')).toEqual([
      'resource:team-a/aks-x',
      'team-a/aks-x',
    ]);
  });
});
