import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  ArmFixtureTransport,
  createFixtureTls,
  KubernetesFixtureServer,
  StaticTokenCredential,
  validateArmResponse,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildGeneratedStamp,
  buildHubFirewall,
  buildHubVirtualNetwork,
  DemoArmTransport,
  GeneratedStamp,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import {
  ClusterSnapshot,
  DEFAULT_EXPIRY_THRESHOLDS,
} from '@aks-baseline/plugin-aks-baseline-common';
import { createClusterExampleInputs as clusterExampleInputs } from '@aks-baseline/plugin-scaffolder-backend-module-aks-baseline';
import { readPluginConfig } from './config/pluginConfig';
import {
  azureAccess,
  createKubernetesFleetReader,
  kubernetesTraefik,
} from './sources/clusterSources';
import { SnapshotStore } from './store/SnapshotStore';
import { FleetRefresher } from './service/FleetRefresher';
import { fixtureCollector } from './__testUtils__/fixtureCollector';
import { probeBackendTargets } from './service/probeBackends';
import { probeServedCertificate } from './tls/probeServedCertificate';
import type { BackendTarget } from './resolver';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const NOW = new Date('2026-11-26T12:00:00Z');
const TOKEN = 'round-trip-token';

/**
 * Traefik's stand-in on 127.0.0.1, serving what the generated Traefik
 * serves for every host: the stamp's ingress certificate (its names are
 * create-cluster's ingress wildcard, `*.aks-ingress.<ingressDomain>`; the
 * app's IngressRoute syncs the same Key Vault object), here issued by a
 * fixture CA, so the live TLS probe reads a real handshake (its dial to
 * Traefik's internal IP is pointed here).
 */
const traefikStandIn = {
  tls: createFixtureTls({
    hosts: clusterExampleInputs().map(i => `*.aks-ingress.${i.ingressDomain}`),
    now: NOW,
  }),
  server: undefined as Server | undefined,
  port: 0,
  /** What the probe was asked to reach (address and port before the redirect). */
  dialed: [] as BackendTarget[],
};
beforeAll(async () => {
  const server = createServer({
    key: traefikStandIn.tls.keyPem,
    cert: traefikStandIn.tls.certPem,
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  traefikStandIn.server = server;
  traefikStandIn.port = (server.address() as AddressInfo).port;
});
afterAll(
  () =>
    new Promise(resolve => traefikStandIn.server?.close(() => resolve(null))),
);

const probeTraefikStandIn = (targets: BackendTarget[]) =>
  probeBackendTargets(targets, target => {
    traefikStandIn.dialed.push(target);
    return probeServedCertificate(target.backendHost, {
      timeoutMs: 5_000,
      port: traefikStandIn.port,
      addressFor: () => '127.0.0.1',
    });
  });

/** One refresh of a generated stamp through the real inventory, reader, resolver and controls. */
async function refreshStamp(stamp: GeneratedStamp): Promise<ClusterSnapshot> {
  const [stored] = await refreshStampInTurn([{ stamp }]);
  expect(stored.errors).toEqual([]);
  return stored.snapshot;
}

/**
 * Refreshes of the same stamp's cluster, one after another into one store
 * (so a refresh can keep the last good data of the one before); `forbidden`
 * are the lists its API server answers 403 that time.
 */
async function refreshStampInTurn(
  turns: Array<{ stamp: GeneratedStamp; forbidden?: string[] }>,
): Promise<
  Array<{
    snapshot: ClusterSnapshot;
    staleReason?: string;
    errors: unknown[];
    kubernetesRequests: number;
  }>
> {
  const first = turns[0].stamp;
  const server = await KubernetesFixtureServer.start({});
  try {
    const config = readPluginConfig(
      new ConfigReader({
        aksBaseline: {
          sources: ['catalog'],
          kubernetes: { traefik: { namespace: first.traefikNamespace } },
        },
      }),
    );
    const clusterOf = (stamp: GeneratedStamp) =>
      stamp.resources.find(
        r => r.type === 'Microsoft.ContainerService/managedClusters',
      )!;
    const subscriptionId = clusterOf(first).id!.split('/')[2];
    const knex = await databases.init('SQLITE_3');
    const store = await SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
    const results = [];
    for (const { stamp, forbidden } of turns) {
      server.setCluster(stamp.clusterName, {
        objects: stamp.objects,
        tokens: [TOKEN],
        forbidden,
      });
      const before = server.requestsTo(stamp.clusterName).length;
      const access = azureAccess(config, {
        name: 'round trip',
        credential: new StaticTokenCredential(TOKEN),
        openRefresh: async () => ({
          armHttpClient: new DemoArmTransport(
            new ArmFixtureTransport({ resources: stamp.resources }),
            async () => ({
              server: server.urlOf(stamp.clusterName),
              caPem: server.caPem,
            }),
          ),
        }),
      });
      const refresher = new FleetRefresher({
        store,
        logger: mockServices.logger.mock(),
        select: async () => ({
          all: true,
          ids: new Set(),
          subscriptions: [subscriptionId],
          entityRefs: new Map(),
        }),
        collect: fixtureCollector(() => stamp.resources),
        thresholds: DEFAULT_EXPIRY_THRESHOLDS,
        kubernetesUnavailableReason: 'not read in this test',
        now: () => NOW,
        readKubernetes: createKubernetesFleetReader(config, access),
        traefik: kubernetesTraefik(config),
        probeBackends: probeTraefikStandIn,
      });
      const outcome = await refresher.refresh();
      const stored = await store.getCluster<ClusterSnapshot>(
        clusterOf(stamp).id!,
      );
      results.push({
        snapshot: stored!.snapshot,
        staleReason: stored!.staleReason,
        errors: outcome.errors,
        kubernetesRequests:
          server.requestsTo(stamp.clusterName).length - before,
      });
    }
    return results;
  } finally {
    await server.close();
  }
}

/**
 * Controls that do not pass on a generated cluster, each with why. A new
 * one fails the test until someone states its reason here.
 */
const NOT_PASSING: Record<string, { status: string; why: string }> = {
  'CERT-04': {
    status: 'not-observed',
    why: "the live TLS probe reads what Traefik serves (a real handshake with a stand-in, below), but the trusted root it must chain to is referenced from Key Vault (CERT-05): App Gateway's GET body carries no public certificate for it, and the portal does not read secret values. Were the root known, the app's host would fail: the stamp onboards it with the ingress wildcard's certificate (CERT-04 tests below)",
  },
  'K8S-08': {
    status: 'not-observed',
    why: "the inventory lists neither user-assigned identities nor their federated credentials. Worth listing (decided, not built yet): one subscription-wide identities list (+1 request per subscription) and one child list per identity a ServiceAccount's client-id annotation names (Traefik's here: +1 per such cluster), read after the API server (the annotations say which), kept from the last good snapshot when they fail",
  },
};

/** Days left on each certificate of a freshly deployed stamp, by its expiry parameter. */
const CERTIFICATE_DAYS_LEFT = {
  edgeCertificateExpiresOn: 365,
  ingressCertificateExpiresOn: 200,
  backendRootCertificateExpiresOn: 3650,
};

function appInput(input: Record<string, unknown>) {
  return {
    appName: 'orders',
    owner: 'group:default/commerce',
    host: `orders.${input.ingressDomain}`,
    targetPort: 8080,
  };
}

describe('the round trip: generated -> deployed -> observed', () => {
  it.each(clusterExampleInputs().map(input => [input.clusterName, input]))(
    '%s: every hop of the app ok, every control passing or explained',
    async (_name, input) => {
      const stamp = buildGeneratedStamp({
        cluster: input,
        app: appInput(input),
        now: NOW,
        certificateDaysLeft: CERTIFICATE_DAYS_LEFT,
      });
      const snapshot = await refreshStamp(stamp);

      const chain = snapshot.ingress.find(c => c.host === stamp.app.host)!;
      expect(chain.hops.filter(h => h.status !== 'ok')).toEqual([]);
      expect(chain.hops.map(h => h.kind)).toContain('pods');
      const expected = Object.entries(NOT_PASSING)
        .map(([id, { status }]) => [id, status])
        .sort();
      expect(
        snapshot.controls
          .filter(c => c.status !== 'pass' && c.status !== 'not-applicable')
          .map(c => [c.id, c.status])
          .sort(),
      ).toEqual(expected);
      expect(
        snapshot.controls.filter(c => c.status === 'not-applicable'),
      ).toEqual([]);
      // Every certificate the stamp writes into Key Vault carries its expiry
      // (attributes.exp from the template's expiry parameters).
      expect(snapshot.certificates.length).toBeGreaterThanOrEqual(3);
      expect(
        snapshot.certificates
          .filter(c => c.daysLeft === undefined || !c.notAfter)
          .map(c => c.name),
      ).toEqual([]);
    },
  );

  it.each(clusterExampleInputs().map(input => [input.clusterName, input]))(
    '%s: every rendered resource validates strictly as a GET body',
    (_name, input) => {
      const { resources } = buildGeneratedStamp({
        cluster: input,
        app: appInput(input),
        now: NOW,
        certificateDaysLeft: CERTIFICATE_DAYS_LEFT,
      });
      const invalid = resources
        .map(r => ({ id: r.id, ...validateArmResponse(r) }))
        .filter(r => !r.valid);

      expect(resources.length).toBeGreaterThan(20);
      expect(invalid).toEqual([]);
    },
  );

  describe('mutations of the generated objects', () => {
    const input = clusterExampleInputs()[0];
    const base = (certificateDaysLeft = CERTIFICATE_DAYS_LEFT) =>
      buildGeneratedStamp({
        cluster: input,
        app: appInput(input),
        now: NOW,
        certificateDaysLeft,
      });
    const HOST = 'orders.contoso.com';
    /**
     * What turned red: failing controls, the app chain's non-ok hops and TLS
     * boundaries (by the hop they lead into), the egress path's non-ok hops.
     */
    const failing = (snapshot: ClusterSnapshot) => {
      const chain = snapshot.ingress.find(c => c.host === HOST)!;
      return {
        controls: snapshot.controls
          .filter(c => c.status === 'fail' || c.status === 'warning')
          .map(c => c.id)
          .filter(id => id !== 'OPS-01')
          .sort(),
        hops: chain.hops.filter(h => h.status !== 'ok').map(h => h.kind),
        tlsBoundaries: chain.hops
          .filter(h => h.tls?.status && h.tls.status !== 'ok')
          .map(h => h.kind),
        egressHops: snapshot.egress
          .filter(h => h.status !== 'ok')
          .map(h => h.kind),
      };
    };
    const control = (snapshot: ClusterSnapshot, id: string) =>
      snapshot.controls.find(c => c.id === id)!;
    const ofType = (stamp: GeneratedStamp, type: string) =>
      stamp.resources.filter(r => r.type === type);

    it('the unmutated stamp: nothing red', async () => {
      expect(failing(await refreshStamp(base()))).toEqual({
        controls: [],
        hops: [],
        tlsBoundaries: [],
        egressHops: [],
      });
    });

    it('WAF in Detection mode: WAF-02 and the waf hop', async () => {
      const stamp = base();
      const [waf] = ofType(
        stamp,
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      );
      (waf.properties as any).policySettings.mode = 'Detection';

      expect(failing(await refreshStamp(stamp))).toEqual({
        controls: ['WAF-02'],
        hops: ['waf'],
        tlsBoundaries: [],
        egressHops: [],
      });
    });

    it('dropping the NetworkPolicy that admits Traefik: K8S-07 and the pods hop', async () => {
      const stamp = base();
      stamp.objects = stamp.objects.filter(
        o =>
          !(
            o.kind === 'NetworkPolicy' &&
            o.metadata?.name === 'allow-ingress-from-traefik'
          ),
      );

      expect(failing(await refreshStamp(stamp))).toEqual({
        controls: ['K8S-07'],
        hops: ['pods'],
        tlsBoundaries: [],
        egressHops: [],
      });
    });

    it('the edge certificate expired yesterday: CERT-01 and the TLS boundary into the listener', async () => {
      const stamp = base({
        ...CERTIFICATE_DAYS_LEFT,
        edgeCertificateExpiresOn: -1,
      });
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['CERT-01'],
        hops: [],
        tlsBoundaries: ['listener'],
        egressHops: [],
      });
      expect(
        snapshot.certificates.find(c => c.purpose === 'edge')?.daysLeft,
      ).toBe(-1);
    });

    it("the app's route pointed at another Service: the service hop and what follows it", async () => {
      const stamp = base();
      const route = stamp.objects.find(
        o => o.kind === 'IngressRoute' && o.metadata?.namespace === 'orders',
      )!;
      (route.spec as any).routes[0].services[0].name = 'orders-v2';
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: [],
        hops: ['service', 'endpoints', 'pods'],
        tlsBoundaries: [],
        egressHops: [],
      });
      const service = snapshot.ingress
        .find(c => c.host === HOST)!
        .hops.find(h => h.kind === 'service')!;
      expect([service.status, service.statusText]).toEqual([
        'error',
        expect.stringContaining('orders-v2'),
      ]);
    });

    it('one rule removed from the generated hub rule collection group: FW-02 names the blocked requirement', async () => {
      const stamp = base();
      const [group] = ofType(
        stamp,
        'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      );
      const collection = (group.properties as any).ruleCollections.find(
        (c: any) => c.rules.some((r: any) => r.ruleType === 'ApplicationRule'),
      );
      const removed = collection.rules.shift();
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['FW-02'],
        hops: [],
        tlsBoundaries: [],
        egressHops: ['firewall'],
      });
      // Each generated rule's description names its requirement.
      const requirement = /^requirement (\S+) /.exec(removed.description)![1];
      const { reason } = control(snapshot, 'FW-02');
      expect(reason).toContain(`${requirement} (`);
      expect(reason).toContain('blocked: default deny');
    });

    describe("the hub peering the template makes, with another hub's firewall at the same private IP", () => {
      const spec = {
        firewallId: String(input.firewallResourceId),
        hubVnetId: String(input.hubVirtualNetworkId),
        privateIp: String(input.firewallPrivateIp),
      };
      /**
       * A second hub in the estate, its firewall at the same private IP (the
       * baseline's hubs all use 10.200.0.4), peered with nothing of ours.
       */
      const otherHub = () => {
        const at = {
          subscriptionId: spec.firewallId.split('/')[2],
          location: 'northeurope',
          privateIp: spec.privateIp,
        };
        return [buildHubVirtualNetwork(at), buildHubFirewall(at)];
      };
      const withOtherHub = (stamp: GeneratedStamp): GeneratedStamp => {
        const [vnet, firewall] = otherHub();
        expect(firewall.id).not.toBe(spec.firewallId);
        expect(vnet.id).not.toBe(spec.hubVnetId);
        return { ...stamp, resources: [...stamp.resources, vnet, firewall] };
      };
      const firewallHop = (snapshot: ClusterSnapshot) =>
        snapshot.egress.find(h => h.kind === 'firewall')!;

      it("picks the named hub's firewall across the Connected peering: egress and NET-03 green", async () => {
        const snapshot = await refreshStamp(withOtherHub(base()));

        expect(failing(snapshot)).toEqual({
          controls: [],
          hops: [],
          tlsBoundaries: [],
          egressHops: [],
        });
        expect(control(snapshot, 'NET-03').status).toBe('pass');
        expect(firewallHop(snapshot).resourceId).toBe(spec.firewallId);
      });

      it("the hub's side left out (a user who skipped it): exactly the firewall hop and the egress controls, for the peering", async () => {
        const stamp = withOtherHub(
          buildGeneratedStamp({
            cluster: input,
            app: appInput(input),
            now: NOW,
            certificateDaysLeft: CERTIFICATE_DAYS_LEFT,
            leaveOut: r => r.type === 'Microsoft.Resources/deployments',
          }),
        );
        const snapshot = await refreshStamp(stamp);

        const why = `${spec.hubVnetId}, peering Initiated`;
        expect(failing(snapshot)).toEqual({
          controls: [],
          hops: [],
          tlsBoundaries: [],
          egressHops: ['firewall'],
        });
        expect(firewallHop(snapshot).status).toBe('not-observed');
        expect(firewallHop(snapshot).statusText).toContain(why);
        // Beside the two every generated stamp has (NOT_PASSING), only the
        // egress controls, each for the peering.
        const egressControls = snapshot.controls.filter(
          c => c.status !== 'pass' && !(c.id in NOT_PASSING),
        );
        expect(egressControls.map(c => [c.id, c.status])).toEqual([
          ['NET-03', 'not-observed'],
          ['FW-01', 'not-observed'],
          ['FW-02', 'not-observed'],
        ]);
        for (const c of egressControls) expect(c.reason).toContain(why);
      });
    });

    /** Rewrites the generated Traefik configuration file `file` (a ConfigMap key) as data. */
    const editTraefikFile = (
      stamp: GeneratedStamp,
      file: string,
      edit: (config: any) => void,
    ) => {
      const configMap = stamp.objects.find(
        o => o.kind === 'ConfigMap' && (o.data as any)?.[file],
      )!;
      const config = parseYaml((configMap.data as any)[file]);
      edit(config);
      (configMap.data as any)[file] = stringifyYaml(config);
    };

    it('strict SNI off in the dynamic configuration ConfigMap: K8S-02', async () => {
      const stamp = base();
      editTraefikFile(stamp, 'dynamic.yaml', config => {
        config.tls.options.default.sniStrict = false;
      });
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['K8S-02'],
        hops: ['traefik'],
        tlsBoundaries: [],
        egressHops: [],
      });
      expect(control(snapshot, 'K8S-02').reason).toMatch(/sniStrict off/);
    });

    it('forwarded headers trusted from anywhere in the static configuration ConfigMap: K8S-03', async () => {
      const stamp = base();
      editTraefikFile(stamp, 'traefik.yaml', config => {
        config.entryPoints.websecure.forwardedHeaders.trustedIPs = [
          '0.0.0.0/0',
        ];
      });
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['K8S-03'],
        hops: ['traefik'],
        tlsBoundaries: [],
        egressHops: [],
      });
      expect(control(snapshot, 'K8S-03').found).toContain('0.0.0.0/0');
    });

    it('ConfigMaps forbidden at the next refresh: K8S-02/03 keep their last good verdicts, marked stale, the rest is fresh', async () => {
      const good = base();
      // Had the ConfigMap been read, K8S-02 would fail.
      const unread = base();
      editTraefikFile(unread, 'dynamic.yaml', config => {
        config.tls.options.default.sniStrict = false;
      });
      const route = unread.objects.find(
        o => o.kind === 'IngressRoute' && o.metadata?.namespace === 'orders',
      )!;
      (route.spec as any).routes[0].services[0].name = 'orders-v2';

      const [before, after] = await refreshStampInTurn([
        { stamp: good },
        { stamp: unread, forbidden: ['configmaps'] },
      ]);

      expect(before.errors).toEqual([]);
      expect(before.kubernetesRequests).toBe(15);
      expect(after.kubernetesRequests).toBe(15);
      expect(after.snapshot.kubernetes?.observed).toBe(true);
      expect(control(after.snapshot, 'K8S-02')).toEqual(
        control(before.snapshot, 'K8S-02'),
      );
      expect(control(after.snapshot, 'K8S-03')).toEqual(
        control(before.snapshot, 'K8S-03'),
      );
      expect(control(after.snapshot, 'K8S-02').status).toBe('pass');
      expect(after.staleReason).toMatch(
        /^API server answered 403: the portal's identity lacks list on configmaps; grant the plugin's Role in namespace .*; kept the controls K8S-02, K8S-03 of /,
      );
      expect(after.errors).toEqual([
        expect.objectContaining({ kind: 'kubernetes', status: 403 }),
      ]);
      // Everything else is this refresh's: the route now leads nowhere.
      expect(failing(after.snapshot).hops).toEqual([
        'service',
        'endpoints',
        'pods',
      ]);
    });

    /** Gives the generated gateway's trusted root the public certificate `pem` (what ARM leaves out). */
    const withTrustRootData = (stamp: GeneratedStamp, pem: string) => {
      for (const gateway of ofType(
        stamp,
        'Microsoft.Network/applicationGateways',
      )) {
        for (const root of (gateway.properties as any)
          .trustedRootCertificates) {
          root.properties.data = pem;
        }
      }
    };

    it("CERT-04 through a real handshake: not observed for want of the Key Vault root's public certificate", async () => {
      traefikStandIn.dialed = [];
      const snapshot = await refreshStamp(base());

      // The probe dials Traefik's internal load balancer on 443 with each
      // backend host name App Gateway sends (pointed at the stand-in).
      expect(
        traefikStandIn.dialed.map(t => [t.address, t.port, t.backendHost]),
      ).toEqual([
        // The example's defaults: Traefik at 10.240.4.4, the stamp's own
        // backend host inside the ingress wildcard, then the app's.
        ['10.240.4.4', 443, 'aks-prod-weu.aks-ingress.contoso.com'],
        ['10.240.4.4', 443, HOST],
      ]);
      expect(control(snapshot, 'CERT-04')).toMatchObject({
        status: 'not-observed',
        reason: expect.stringContaining(
          'the trusted root traefik-ingress-root has no public certificate in ARM (referenced from Key Vault',
        ),
      });
    });

    it("CERT-04 once the root is known: the cluster's backend host passes, the app's host is not on the ingress certificate", async () => {
      const anchored = base();
      withTrustRootData(anchored, traefikStandIn.tls.caPem);
      const snapshot = await refreshStamp(anchored);

      // App Gateway sends the app's host name (orders.contoso.com) to
      // Traefik; the stamp onboards the app with the cluster's ingress
      // certificate as its own (buildGeneratedStamp's certificateName), whose
      // names are *.aks-ingress.contoso.com. Shown, not papered over.
      expect(control(snapshot, 'CERT-04')).toMatchObject({
        status: 'fail',
        reason:
          "orders.contoso.com: no name on Traefik's certificate covers the backend host name orders.contoso.com: App Gateway refuses the handshake (502); issue the certificate for it, or set the backend settings' hostName to a name it covers",
      });
    });

    it('CERT-04 with a root that did not issue what Traefik serves: fails on anchoring', async () => {
      const other = base();
      withTrustRootData(
        other,
        createFixtureTls({ hosts: [HOST], now: NOW }).caPem,
      );
      const snapshot = await refreshStamp(other);

      expect(failing(snapshot).controls).toEqual(['CERT-04']);
      expect(control(snapshot, 'CERT-04').reason).toContain(
        'aks-prod-weu.aks-ingress.contoso.com: no trusted root of the backend settings (traefik-ingress-root) anchors the certificate Traefik serves',
      );
    });

    it('public network access enabled on the registry: ACR-01', async () => {
      const stamp = base();
      const [registry] = ofType(
        stamp,
        'Microsoft.ContainerRegistry/registries',
      );
      (registry.properties as any).publicNetworkAccess = 'Enabled';
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['ACR-01'],
        hops: [],
        tlsBoundaries: [],
        egressHops: [],
      });
      expect(control(snapshot, 'ACR-01').reason).toMatch(/public/i);
    });

    it('an app image from Docker Hub: ACR-02 names it', async () => {
      const stamp = base();
      const image = 'docker.io/library/orders:1.0.0';
      for (const workload of stamp.objects.filter(
        o => o.metadata?.namespace === 'orders',
      )) {
        const podSpec =
          workload.kind === 'Pod'
            ? (workload.spec as any)
            : (workload.spec as any)?.template?.spec;
        for (const container of podSpec?.containers ?? []) {
          container.image = image;
        }
      }
      const snapshot = await refreshStamp(stamp);

      expect(failing(snapshot)).toEqual({
        controls: ['ACR-02'],
        hops: [],
        tlsBoundaries: [],
        egressHops: [],
      });
      expect(control(snapshot, 'ACR-02').found).toContain(image);
    });
  });
});
