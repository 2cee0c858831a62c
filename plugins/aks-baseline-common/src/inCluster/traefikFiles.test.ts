import { parse, stringify } from 'yaml';
import type { KubernetesObject } from '../controls/types';
import { readTraefikFileConfiguration } from './traefikFiles';

const STATIC = {
  entryPoints: {
    websecure: { forwardedHeaders: { trustedIPs: ['10.0.1.0/24'] } },
  },
  providers: { file: { directory: '/config/dynamic' } },
};
const TLS = { tls: { options: { default: { minVersion: 'VersionTLS12' } } } };
const MIDDLEWARES = {
  http: {
    middlewares: { gw: { ipAllowList: { sourceRange: ['10.0.1.0/24'] } } },
  },
};

function configMap(
  name: string,
  data: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'traefik' },
    data,
  };
}

function deployment(
  args: string[],
  mounts: unknown[],
  volumes: unknown[],
): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'traefik', namespace: 'traefik' },
    spec: {
      template: {
        spec: {
          containers: [{ name: 'traefik', args, volumeMounts: mounts }],
          volumes,
        },
      },
    },
  };
}

const generatedShape = (
  dynamicMaps = [
    configMap('dynamic', {
      'a.yaml': stringify(TLS),
      'b.yml': stringify(MIDDLEWARES),
      'README.md': '# not read',
    }),
  ],
) => ({
  deployment: deployment(
    ['--configFile=/config/static/traefik.yaml'],
    [
      { name: 'static', mountPath: '/config/static', readOnly: true },
      { name: 'dynamic', mountPath: '/config/dynamic/' },
    ],
    [
      { name: 'static', configMap: { name: 'static' } },
      { name: 'dynamic', configMap: { name: 'dynamic' } },
    ],
  ),
  configMaps: [
    configMap('static', { 'traefik.yaml': stringify(STATIC) }),
    ...dynamicMaps,
  ],
});

describe('readTraefikFileConfiguration', () => {
  it('follows --configFile and the file provider directory to the mounted keys, merging the YAML files', () => {
    const { deployment: d, configMaps } = generatedShape();

    expect(readTraefikFileConfiguration(d, configMaps, parse)).toEqual({
      staticConfig: STATIC,
      dynamicConfig: { ...TLS, ...MIDDLEWARES },
      notes: [],
    });
  });

  it('reads nothing of a ConfigMap in another namespace, and says which is missing', () => {
    const { deployment: d, configMaps } = generatedShape();
    const elsewhere = configMaps.map(m => ({
      ...m,
      metadata: { ...m.metadata, namespace: 'other' },
    }));

    const result = readTraefikFileConfiguration(d, elsewhere, parse);
    expect(result.staticConfig).toBeUndefined();
    expect(result.notes).toEqual([
      "Traefik's /config/static/traefik.yaml not read: ConfigMap traefik/static (mounted there) was not found",
    ]);
  });

  it('maps items and subPath mounts to their keys, and the file provider filename', () => {
    const d = deployment(
      ['--configfile=/etc/traefik/traefik.yml'],
      [
        {
          name: 'static',
          mountPath: '/etc/traefik/traefik.yml',
          subPath: 'traefik.yml',
        },
        { name: 'dynamic', mountPath: '/rules' },
      ],
      [
        {
          name: 'static',
          configMap: {
            name: 'all',
            items: [{ key: 'static', path: 'traefik.yml' }],
          },
        },
        {
          name: 'dynamic',
          configMap: { name: 'all', items: [{ key: 'tls', path: 'tls.yaml' }] },
        },
      ],
    );
    const withFilename = {
      ...STATIC,
      providers: { file: { filename: '/rules/tls.yaml' } },
    };
    const configMaps = [
      configMap('all', {
        static: stringify(withFilename),
        tls: stringify(TLS),
        unlisted: stringify(MIDDLEWARES),
      }),
    ];

    expect(readTraefikFileConfiguration(d, configMaps, parse)).toEqual({
      staticConfig: withFilename,
      dynamicConfig: TLS,
      notes: [],
    });
  });

  it('a static file without a file provider: the dynamic configuration is known to be empty', () => {
    const { deployment: d } = generatedShape();
    const configMaps = [
      configMap('static', {
        'traefik.yaml': stringify({ entryPoints: STATIC.entryPoints }),
      }),
    ];

    expect(
      readTraefikFileConfiguration(d, configMaps, parse).dynamicConfig,
    ).toEqual({});
  });

  it('configured by args alone: the file provider directory from its arg, no static file', () => {
    const d = deployment(
      [
        '--entrypoints.websecure.address=:8443',
        '--providers.file.directory=/dyn',
      ],
      [{ name: 'dynamic', mountPath: '/dyn' }],
      [{ name: 'dynamic', configMap: { name: 'dynamic' } }],
    );

    expect(
      readTraefikFileConfiguration(
        d,
        [configMap('dynamic', { 'tls.yaml': stringify(TLS) })],
        parse,
      ),
    ).toEqual({ dynamicConfig: TLS, notes: [] });
  });

  it('says why a file is not read: TOML, not from a ConfigMap, not YAML; a partly unreadable directory is unknown', () => {
    const toml = deployment(
      ['--configfile=/config/traefik.toml'],
      [{ name: 'config', mountPath: '/config' }],
      [{ name: 'config', configMap: { name: 'traefik-config' } }],
    );
    expect(
      readTraefikFileConfiguration(
        toml,
        [configMap('traefik-config', { 'traefik.toml': '[entryPoints]' })],
        parse,
      ),
    ).toEqual({
      notes: [
        "Traefik's /config/traefik.toml (ConfigMap traefik/traefik-config traefik.toml) is TOML, which the portal does not parse",
      ],
    });

    const secret = deployment(
      ['--configfile=/config/traefik.yaml'],
      [{ name: 'config', mountPath: '/config' }],
      [{ name: 'config', secret: { secretName: 'traefik' } }],
    );
    expect(readTraefikFileConfiguration(secret, [], parse).notes).toEqual([
      "Traefik's /config/traefik.yaml not read: it is mounted from a secret volume, not a ConfigMap",
    ]);

    const { deployment: d, configMaps } = generatedShape([
      configMap('dynamic', { 'a.yaml': stringify(TLS), 'b.yaml': 'a: [' }),
    ]);
    const broken = readTraefikFileConfiguration(d, configMaps, parse);
    expect(broken.staticConfig).toEqual(STATIC);
    expect(broken.dynamicConfig).toBeUndefined();
    expect(broken.notes).toEqual([
      expect.stringMatching(
        /^Traefik's \/config\/dynamic\/b\.yaml \(ConfigMap traefik\/dynamic b\.yaml\) is not valid YAML: /,
      ),
    ]);
  });

  it('reads nothing without a Deployment', () => {
    expect(readTraefikFileConfiguration(undefined, [], parse)).toEqual({
      notes: [],
    });
  });
});
