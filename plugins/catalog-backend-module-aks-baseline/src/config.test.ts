import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readProviderConfig } from './config';

// Any JSON object, including misspelt options.
const configOf = (aksBaseline: Record<string, any>) =>
  new ConfigReader({ catalog: { providers: { aksBaseline } } });

describe('readProviderConfig', () => {
  it('fills the defaults when nothing is configured', () => {
    expect(readProviderConfig(new ConfigReader({}))).toEqual({
      namespace: 'default',
      defaultOwner: 'unknown',
      tags: { owner: 'owner', system: 'system' },
      authProvider: 'aks',
    });
  });

  it('names an unknown or misspelt option instead of ignoring it', () => {
    expect(() => readProviderConfig(configOf({ defaultOwnr: 'x' }))).toThrow(
      'catalog.providers.aksBaseline: unknown option(s) defaultOwnr',
    );
    expect(() =>
      readProviderConfig(configOf({ tags: { owner: 'o', team: 't' } })),
    ).toThrow('catalog.providers.aksBaseline.tags: unknown option(s) team');
    expect(() => readProviderConfig(configOf({ namespace: 'Not Ok' }))).toThrow(
      'catalog.providers.aksBaseline.namespace: must be a lower-case DNS label',
    );
    expect(() =>
      readProviderConfig(
        configOf({ kubernetes: { labelSelector: 'app in (a b' } }),
      ),
    ).toThrow(
      'catalog.providers.aksBaseline.kubernetes.labelSelector: must be a Kubernetes equality-based label selector',
    );
    expect(() =>
      readProviderConfig(configOf({ kubernetes: { namespace: 'a0008' } })),
    ).toThrow('catalog.providers.aksBaseline.kubernetes.labelSelector');
    // Both forms of a selector the Kubernetes plugin passes to the API server.
    for (const labelSelector of [
      'app.kubernetes.io/name=traefik-ingress-ilb',
      'tier != edge, !canary, app',
    ]) {
      expect(
        readProviderConfig(configOf({ kubernetes: { labelSelector } }))
          .kubernetes,
      ).toEqual({ labelSelector });
    }
  });

  it('config.d.ts accepts the options the schema reads, and declares each one', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [
        resolvePackagePath(
          '@aks-baseline/plugin-catalog-backend-module-aks-baseline',
          'package.json',
        ),
      ],
    });
    const options = {
      namespace: 'clusters',
      defaultOwner: 'group:default/platform',
      tags: { owner: 'Owner', system: 'System' },
      authProvider: 'aks',
      kubernetes: {
        labelSelector: 'app.kubernetes.io/name=traefik-ingress-ilb',
        namespace: 'a0008',
      },
    };
    const config = [
      {
        context: 'test',
        data: {
          // What every backend's schema requires.
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl: 'http://localhost:7007',
            listen: { port: 7007 },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          catalog: { providers: { aksBaseline: options } },
        },
      },
    ];
    expect(() => schema.process(config)).not.toThrow();
    const serialized = JSON.stringify(schema.serialize());
    for (const key of [
      'namespace',
      'defaultOwner',
      'owner',
      'system',
      'authProvider',
      'kubernetes',
      'labelSelector',
    ]) {
      expect(serialized).toContain(`"${key}"`);
    }
    expect(readProviderConfig(configOf(options))).toEqual(options);
  });
});
