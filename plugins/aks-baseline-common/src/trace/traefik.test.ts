import type { TraefikRoute } from '../inCluster/routes';
import { applyAllowList, selectRoute } from './traefik';
import {
  byTraefikPriority,
  effectivePriority,
  ruleMatches,
} from './traefikRule';

const route = (
  ref: string,
  match: string,
  priority?: number,
  entryPoints = ['websecure'],
): TraefikRoute => ({
  kind: 'IngressRoute',
  object: {
    kind: 'IngressRoute',
    metadata: { namespace: ref.split('/')[0], name: ref.split('/')[1] },
    spec: { routes: [{ match, ...(priority ? { priority } : {}) }] },
  },
  ref,
  hosts: [],
  match,
  entryPoints,
  tls: true,
  middlewares: [],
  backends: [],
});
const request = (host: string, path = '/') => ({ host, path });

// https://doc.traefik.io/traefik/routing/routers/#rule
describe('Traefik rules (Traefik docs: routers, rule)', () => {
  it('evaluates matchers with &&, || and !', () => {
    expect(
      ruleMatches(
        'Host(`a.com`) && PathPrefix(`/api`)',
        request('a.com', '/api/v1'),
      ),
    ).toBe('yes');
    expect(
      ruleMatches('Host(`a.com`) && PathPrefix(`/api`)', request('a.com', '/')),
    ).toBe('no');
    expect(
      ruleMatches('Host(`a.com`) || Host(`b.com`)', request('B.com')),
    ).toBe('yes');
    expect(
      ruleMatches(
        'Host(`a.com`) && !Path(`/health`)',
        request('a.com', '/health'),
      ),
    ).toBe('no');
    expect(
      ruleMatches('HostRegexp(`^.+\\.a\\.com$`)', request('x.a.com')),
    ).toBe('yes');
  });

  it('says "maybe" for what the trace does not know (headers) and throws on a rule Traefik would refuse', () => {
    expect(
      ruleMatches('Host(`a.com`) && Header(`X-Canary`, `1`)', request('a.com')),
    ).toBe('maybe');
    expect(() => ruleMatches('Host(`a.com`', request('a.com'))).toThrow(
      /unclosed|expected/,
    );
  });
});

// https://doc.traefik.io/traefik/routing/routers/#priority
describe('Traefik router priority (Traefik docs: routers, priority)', () => {
  it('defaults to the rule length, so the longest rule is tried first', () => {
    const short = route('a/short', 'Host(`a.com`)');
    const long = route('a/long', 'Host(`a.com`) && PathPrefix(`/api`)');
    expect(effectivePriority({ router: short, rule: short.match })).toBe(
      'Host(`a.com`)'.length,
    );
    expect(
      byTraefikPriority(
        [short, long].map(r => ({ router: r, rule: r.match })),
      ).map(r => r.router.ref),
    ).toEqual(['a/long', 'a/short']);
    expect(
      selectRoute([short, long], 'websecure', request('a.com', '/api/x')).route
        ?.router.ref,
    ).toBe('a/long');
    expect(
      selectRoute([short, long], 'websecure', request('a.com', '/')).route
        ?.router.ref,
    ).toBe('a/short');
  });

  it('an explicit priority wins over length', () => {
    const short = route('a/short', 'Host(`a.com`)', 1000);
    const long = route('a/long', 'Host(`a.com`) && PathPrefix(`/api`)');
    expect(
      selectRoute([short, long], 'websecure', request('a.com', '/api/x')).route
        ?.router.ref,
    ).toBe('a/short');
  });

  it('only routers on the entry point take the request; none matching is a 404 with no route', () => {
    const web = route('a/web', 'Host(`a.com`)', undefined, ['web']);
    expect(
      selectRoute([web], 'websecure', request('a.com')).route,
    ).toBeUndefined();
    expect(
      selectRoute(
        [route('a/any', 'Host(`a.com`)', undefined, [])],
        'websecure',
        request('a.com'),
      ).route?.router.ref,
    ).toBe('a/any');
  });
});

// https://doc.traefik.io/traefik/middlewares/http/ipallowlist/
describe('Traefik ipAllowList (Traefik docs: IPAllowList, ipStrategy)', () => {
  const allowList = (spec: Record<string, unknown>) => ({
    kind: 'Middleware',
    metadata: { name: 'm', namespace: 'a' },
    spec: { ipAllowList: spec },
  });
  const connection = {
    remoteAddress: '10.240.5.4',
    forwardedFor: ['198.51.100.1', '203.0.113.10'],
  };

  it('without ipStrategy, judges the remote address (App Gateway)', () => {
    expect(
      applyAllowList(allowList({ sourceRange: ['10.240.5.0/24'] }), connection),
    ).toMatchObject({ allowed: true, judged: '10.240.5.4' });
    expect(
      applyAllowList(allowList({ sourceRange: ['203.0.113.0/24'] }), connection)
        ?.allowed,
    ).toBe(false);
  });

  it('with depth n, judges the n-th address from the right of X-Forwarded-For; past the list, none (refused)', () => {
    const range = ['203.0.113.0/24'];
    expect(
      applyAllowList(
        allowList({ sourceRange: range, ipStrategy: { depth: 1 } }),
        connection,
      ),
    ).toMatchObject({ allowed: true, judged: '203.0.113.10' });
    expect(
      applyAllowList(
        allowList({ sourceRange: range, ipStrategy: { depth: 2 } }),
        connection,
      ),
    ).toMatchObject({ allowed: false, judged: '198.51.100.1' });
    expect(
      applyAllowList(
        allowList({ sourceRange: range, ipStrategy: { depth: 3 } }),
        connection,
      ),
    ).toMatchObject({ allowed: false, judged: '' });
  });

  it('with excludedIPs, judges the first address from the right not excluded; v2 ipWhiteList reads the same', () => {
    const v2 = {
      kind: 'Middleware',
      spec: {
        ipWhiteList: {
          sourceRange: ['198.51.100.0/24'],
          ipStrategy: { excludedIPs: ['203.0.113.0/24'] },
        },
      },
    };
    expect(applyAllowList(v2, connection)).toMatchObject({
      allowed: true,
      judged: '198.51.100.1',
    });
    expect(
      applyAllowList({ kind: 'Middleware', spec: { headers: {} } }, connection),
    ).toBeUndefined();
  });
});
