import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from './pluginConfig';

type ConfigData = ConstructorParameters<typeof ConfigReader>[0];

const CLUSTER =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';

function read(data: ConfigData, logger = mockServices.logger.mock()) {
  return readPluginConfig(new ConfigReader(data), { logger });
}

/** The start-up error's message, or a failure when the config was accepted. */
function startupError(data: ConfigData): string {
  try {
    read(data);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(data)}`);
}

describe('readPluginConfig: unknown keys stop start-up', () => {
  it.each([
    [
      { refersh: { frequencyMinutes: 5 } },
      'aksBaseline.refersh is not a known option; did you mean refresh?',
    ],
    [
      { refresh: { frequencyMinutess: 5 } },
      'aksBaseline.refresh.frequencyMinutess is not a known option; did you mean frequencyMinutes?',
    ],
    [
      { kubernetes: { enable: false } },
      'aksBaseline.kubernetes.enable is not a known option; did you mean enabled?',
    ],
    [
      { kubernetes: { traefik: { namspace: 'traefik' } } },
      'aksBaseline.kubernetes.traefik.namspace is not a known option; did you mean namespace?',
    ],
    [
      {
        kubernetes: {
          clusters: [
            { resourceId: CLUSTER, url: 'https://aks', tokenENV: 'T' },
          ],
        },
      },
      'aksBaseline.kubernetes.clusters.0.tokenENV is not a known option; did you mean tokenEnv?',
    ],
    [
      { certificates: { warnDays: 14 } },
      'aksBaseline.certificates.warnDays is not a known option; did you mean warningDays?',
    ],
    [
      { notifications: { clusterNoticeTo: 'none' } },
      'aksBaseline.notifications.clusterNoticeTo is not a known option; did you mean clusterNoticesTo?',
    ],
    [
      { tlsProbe: { timeoutSecond: 3 } },
      'aksBaseline.tlsProbe.timeoutSecond is not a known option; did you mean timeoutSeconds?',
    ],
  ])('%j: names the key and its nearest valid spelling', (aksBaseline, msg) => {
    expect(startupError({ aksBaseline } as ConfigData)).toContain(msg);
  });

  it('lists the valid keys instead when none is close', () => {
    const message = startupError({
      aksBaseline: { refresh: { colour: 'blue' } },
    });

    expect(message).toContain(
      'aksBaseline.refresh.colour is not a known option (valid: frequencyMinutes, timeoutMinutes, concurrency, concurrencyPerSubscription, requestTimeoutSeconds, slowTier)',
    );
    expect(message).not.toContain('did you mean');
  });

  it('names every unknown key and keeps the other errors', () => {
    const message = startupError({
      aksBaseline: {
        sources: ['azure', 'bogus'],
        cloudd: 'AzurePublicCloud',
        tlsProbe: { enabled: true, prot: 443 },
      },
    });

    expect(message).toContain(
      'aksBaseline.cloudd is not a known option; did you mean cloud?',
    );
    expect(message).toContain(
      'aksBaseline.tlsProbe.prot is not a known option; did you mean port?',
    );
    expect(message).toContain('aksBaseline.sources.1: Invalid enum value');
  });

  it('still takes Traefik labels of any name (a map, not options)', () => {
    expect(
      read({
        aksBaseline: {
          kubernetes: {
            traefik: { labels: { 'app.kubernetes.io/part': 'x' } },
          },
        },
      }).kubernetes.traefik.labels,
    ).toEqual({ 'app.kubernetes.io/part': 'x' });
  });
});

describe('readPluginConfig: a misspelt top-level key warns', () => {
  it.each(['aksbaseline', 'AKSBaseline', 'aks-baseline'])(
    '%s is ignored with a warning naming aksBaseline',
    key => {
      const logger = mockServices.logger.mock();

      const config = read({ [key]: { sources: ['azure'] } }, logger);

      expect(config.sources).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        `Top-level configuration key ${key} is not read; the AKS baseline plugin reads aksBaseline (did you mean aksBaseline?)`,
      );
    },
  );

  it('says nothing about other plugins’ keys', () => {
    const logger = mockServices.logger.mock();

    read(
      { aksBaseline: { sources: ['catalog'] }, kubernetes: {}, app: {} },
      logger,
    );

    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('readPluginConfig: cluster ids', () => {
  it.each([
    // A subscription of 36 hyphens is no GUID.
    CLUSTER.replace('6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b', '-'.repeat(36)),
    // The ARM specification's cluster names end with a letter or digit.
    `${CLUSTER}-`,
    `${CLUSTER}/agentPools/np1`,
  ])('refuses %s, naming the field', id => {
    expect(startupError({ aksBaseline: { clusters: [id] } })).toMatch(
      /aksBaseline\.clusters\.0.*must be a managed cluster resource id/,
    );
  });

  it('takes the id Azure returns in any keyword case', () => {
    expect(
      read({ aksBaseline: { clusters: [CLUSTER.toUpperCase()] } }).clusters,
    ).toEqual([CLUSTER.toUpperCase()]);
  });
});

describe('readPluginConfig: notifications', () => {
  it('tells owners of every level and failing controls by default', () => {
    expect(read({}).notifications).toEqual({
      enabled: true,
      certificateLevels: ['warning', 'critical', 'expired'],
      clusterNoticesTo: 'owner',
    });
  });

  it('refuses a level that is not one, naming the field', () => {
    expect(
      startupError({
        aksBaseline: { notifications: { certificateLevels: ['expiring'] } },
      }),
    ).toMatch(/aksBaseline\.notifications\.certificateLevels\.0/);
  });
});

describe('readPluginConfig: the slow tier cadence', () => {
  it('defaults to four hours and takes a HumanDuration', () => {
    expect(read({ aksBaseline: {} }).refresh.slowTier.frequency).toEqual({
      hours: 4,
    });
    expect(
      read({
        aksBaseline: { refresh: { slowTier: { frequency: { minutes: 90 } } } },
      }).refresh.slowTier.frequency,
    ).toEqual({ minutes: 90 });
  });

  it.each([
    [{ hours: 0 }, 'must be a positive duration'],
    [{ hours: -1 }, 'Number must be greater than or equal to 0'],
    [{ hour: 4 }, 'hour is not a known option; did you mean hours?'],
  ])('refuses %j', (frequency, message) => {
    expect(
      startupError({ aksBaseline: { refresh: { slowTier: { frequency } } } }),
    ).toContain(message);
  });
});

describe('readPluginConfig: the README address the frontend links to', () => {
  it('takes an http(s) address', () => {
    const url =
      'https://github.com/contoso/portal/blob/main/plugins/aks-baseline/README.md';
    expect(
      read({ aksBaseline: { documentationUrl: url } }).documentationUrl,
    ).toBe(url);
    expect(read({}).documentationUrl).toBeUndefined();
  });

  it('stops start-up on a value that is no web address', () => {
    expect(
      startupError({
        aksBaseline: { documentationUrl: 'javascript'.concat(':alert(1)') },
      }),
    ).toMatch(/aksBaseline\.documentationUrl.*http:\/\/ or https:\/\//);
    expect(
      startupError({ aksBaseline: { documentationUrl: 'README.md' } }),
    ).toMatch(/aksBaseline\.documentationUrl/);
  });
});
