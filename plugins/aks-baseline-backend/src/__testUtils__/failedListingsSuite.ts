/* eslint-disable jest/no-export -- a shared suite that two test files run, each on its own databases */
/**
 * Test-only: what a refresh does when one list fails, for each listed type
 * and fault, on every test database. Every case runs on a database of its
 * own, and TestDatabases drops them all within one 60 s hook at the end of
 * a file: so the cases are split over two test files
 * (`FleetRefresher.failedListings*.test.ts`), each importing this module
 * afresh and so with databases of its own.
 */
import type { ClusterSnapshot } from '@aks-baseline/plugin-aks-baseline-common';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import type { ArmFixtureFault } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTIONS,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { RESOURCE_LISTINGS, type ArmResourceKind } from '../inventory';
import {
  CERTIFICATE_VALIDITY_CONTROLS,
  DEFAULT_EXPIRY_THRESHOLDS,
} from '@aks-baseline/plugin-aks-baseline-common';
import { withCertificateJudgements } from '../chain/certificateBoundary';
import { SnapshotStore, StoredCluster } from '../store/SnapshotStore';
import { createTestDatabases } from './testDatabases';
import { FleetRefresher } from '../service/FleetRefresher';
import { fixtureCollector } from './fixtureCollector';

const { databases, supported } = createTestDatabases();

const T0 = new Date('2026-11-26T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
/** The failing refresh runs three days after the good one. */
const T1 = new Date(T0.getTime() + 3 * DAY_MS);
const FAILING = DEMO_SUBSCRIPTIONS.prod;
const AFFECTED = ['aks-prod-weu', 'aks-staging-weu', 'aks-generated-weu'];
const UNAFFECTED = ['aks-dev-neu', 'aks-legacy-neu'];

/**
 * Types whose failure leaves certificates unknown: gateways name the edge and
 * trust-root certificates, the VNet decides which gateway fronts the cluster,
 * vaults hold the expiry dates.
 */
const FEEDS_CERTIFICATES: ArmResourceKind[] = [
  'applicationGateways',
  'virtualNetworks',
  'keyVaults',
];

const FAULTS: Array<[string, Partial<ArmFixtureFault>, RegExp]> = [
  ['500', { status: 500 }, /500/],
  [
    'a malformed body',
    { body: '{"value": [{"id": ' },
    /malformed response body/,
  ],
];

/**
 * A refresher over the demo estate (firewalls with policies, so every listed
 * type feeds the clusters) as Azure shows it at the refresher's clock: the
 * estate's certificates are re-issued relative to it, so certificates read
 * now and certificates kept from an earlier run differ.
 */
async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await SnapshotStore.create({
    database: mockServices.database({ knex }),
  });
  let faults: ArmFixtureFault[] = [];
  let clock = T0;
  const refresher = new FleetRefresher({
    store,
    logger: mockServices.logger.mock(),
    select: async () => ({
      all: true,
      ids: new Set(),
      subscriptions: Object.values(DEMO_SUBSCRIPTIONS),
      entityRefs: new Map(),
    }),
    collect: fixtureCollector(
      () => buildDemoEstate(clock),
      () => faults,
    ),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in this test',
    now: () => clock,
  });
  return {
    store,
    refresher,
    at: (date: Date, nextFaults: ArmFixtureFault[] = []) => {
      clock = date;
      faults = nextFaults;
    },
  };
}

/** Every cluster, stored, by name. */
async function storedClusters(
  store: SnapshotStore,
): Promise<Record<string, StoredCluster<ClusterSnapshot>>> {
  const clusters = await store.listClusters<ClusterSnapshot>();
  return Object.fromEntries(clusters.map(c => [c.name, c]));
}

/** The fleet as a refresh without failures stores it at `date`. */
async function goodFleet(databaseId: TestDatabaseId, date: Date) {
  const { store, refresher, at } = await setup(databaseId);
  at(date);
  await refresher.refresh();
  return storedClusters(store);
}

function failingList(armType: string, fault: Partial<ArmFixtureFault>) {
  const segment = `/${armType.split('/')[1]}`.toLowerCase();
  return {
    match: (url: URL) => {
      const path = url.pathname.toLowerCase();
      return (
        path.startsWith(`/subscriptions/${FAILING}/`) && path.endsWith(segment)
      );
    },
    ...fault,
  };
}

/**
 * What a refresh draws, without when it ran or what went wrong, and without
 * what follows from the certificates (TLS boundaries, chain status,
 * CERT-01..03): those follow the certificates the snapshot ends up with,
 * which `judgedOnItsCertificates` checks.
 */
function drawn(snapshot: ClusterSnapshot) {
  const { egress, keyVault, certificates } = snapshot;
  const ingress = snapshot.ingress.map(({ status: _status, ...chain }) => ({
    ...chain,
    hops: chain.hops.map(hop => ({
      ...hop,
      tls: hop.tls && {
        boundary: hop.tls.boundary,
        note: hop.tls.note,
        certificateNames: hop.tls.certificateNames,
      },
      details: hop.details.filter(
        d => d.label !== 'Certificate expiry' && d.label !== 'Fix',
      ),
    })),
  }));
  const controls = snapshot.controls.filter(
    c => !(c.id in CERTIFICATE_VALIDITY_CONTROLS),
  );
  return { ingress, egress, keyVault, certificates, controls };
}

/** The boundaries and validity controls say what the snapshot's own certificates say. */
function judgedOnItsCertificates(snapshot: ClusterSnapshot) {
  return withCertificateJudgements(snapshot, {
    now: new Date(snapshot.refreshedAt),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
  });
}

/** The certificates as they were, counted down by the days since. */
function countedDown(snapshot: ClusterSnapshot, days: number) {
  return snapshot.certificates.map(c => ({
    name: c.name,
    purpose: c.purpose,
    notAfter: c.notAfter,
    daysLeft: c.daysLeft === undefined ? undefined : c.daysLeft - days,
  }));
}

/** What a refresh draws, its certificates as dates and countdowns. */
function drawing(
  snapshot: ClusterSnapshot,
  certificates = countedDown(snapshot, 0),
) {
  return { ...drawn(snapshot), certificates };
}

const CLUSTERS = 'Microsoft.ContainerService/managedClusters';
const LISTINGS = RESOURCE_LISTINGS.filter(l => l.armType !== CLUSTERS)
  // NSGs feed packet traces only, and only where a subnet names one: the
  // hand-built stamps here have none, so their failed list leaves them fresh.
  .filter(l => l.kind !== 'networkSecurityGroups')
  .map(l => [l.armType, l.kind] as const);

/** Which half of the cases a test file runs. */
export type FailedListingsPart = 'first-half' | 'second-half';

/** The listed types of one half (the second also runs the cluster and vault cases). */
function listingsOf(part: FailedListingsPart) {
  const middle = Math.ceil(LISTINGS.length / 2);
  return part === 'first-half'
    ? LISTINGS.slice(0, middle)
    : LISTINGS.slice(middle);
}

export function describeFailedListings(part: FailedListingsPart) {
  describe.each(supported)('FleetRefresher on %s', databaseId => {
    let goodAtT0: Record<string, StoredCluster<ClusterSnapshot>>;
    let goodAtT1: Record<string, StoredCluster<ClusterSnapshot>>;

    beforeAll(async () => {
      goodAtT0 = await goodFleet(databaseId, T0);
      goodAtT1 = await goodFleet(databaseId, T1);
    });

    /** A good refresh at T0, then one at T1 with `armType`'s list failing. */
    async function refreshFailingAtT1(
      armType: string,
      fault: Partial<ArmFixtureFault>,
    ) {
      const { store, refresher, at } = await setup(databaseId);
      await refresher.refresh();
      at(T1, [failingList(armType, fault)]);
      const outcome = await refresher.refresh();
      return { outcome, clusters: await storedClusters(store) };
    }

    /** A first refresh, at T0, with `armType`'s list failing. */
    async function firstRefreshFailing(
      armType: string,
      fault: Partial<ArmFixtureFault>,
    ) {
      const { store, refresher, at } = await setup(databaseId);
      at(T0, [failingList(armType, fault)]);
      const outcome = await refresher.refresh();
      return { outcome, clusters: await storedClusters(store) };
    }

    const listingError = (why: RegExp) =>
      expect.objectContaining({
        kind: 'subscription',
        scope: FAILING,
        message: expect.stringMatching(why),
      });

    const staleness = (armType: string, why: RegExp) => ({
      stale: true,
      staleReason: expect.stringMatching(
        new RegExp(`${armType}.*${why.source}.*${FAILING}`),
      ),
    });

    describe.each(listingsOf(part))(
      'when listing %s fails in one subscription',
      (armType, kind) => {
        it.each(FAULTS)(
          'on %s, keeps the last good data of what it feeds, marks the clusters stale and the run partial',
          async (_, fault, why) => {
            const { outcome, clusters } = await refreshFailingAtT1(
              armType,
              fault,
            );

            expect(outcome.status).toBe('partial');
            expect(outcome.errors).toEqual([listingError(why)]);
            for (const name of AFFECTED) {
              const { snapshot } = clusters[name];
              expect(clusters[name]).toMatchObject(staleness(armType, why));
              expect(snapshot.errors).toContainEqual(listingError(why));
              // Nothing lost; what the list feeds is the last good data, the rest is fresh.
              const certificates = FEEDS_CERTIFICATES.includes(kind)
                ? countedDown(goodAtT0[name].snapshot, 3)
                : countedDown(goodAtT1[name].snapshot, 0);
              expect(drawing(snapshot)).toEqual(
                drawing(goodAtT1[name].snapshot, certificates),
              );
              expect(snapshot).toEqual(judgedOnItsCertificates(snapshot));
            }
            for (const name of UNAFFECTED) {
              expect(clusters[name]).toMatchObject({
                stale: false,
                refreshedAt: T1,
              });
              expect(drawn(clusters[name].snapshot)).toEqual(
                drawn(goodAtT1[name].snapshot),
              );
            }
          },
        );

        it.each(FAULTS)(
          'on %s, stores a cluster seen for the first time as stale, what the list feeds never ok and never silently absent',
          async (_, fault, why) => {
            const { outcome, clusters } = await firstRefreshFailing(
              armType,
              fault,
            );

            expect(outcome.status).toBe('partial');
            expect(Object.keys(clusters).sort()).toEqual(
              [...AFFECTED, ...UNAFFECTED].sort(),
            );
            for (const name of AFFECTED) {
              const { snapshot } = clusters[name];
              const good = goodAtT0[name].snapshot;
              expect(clusters[name]).toMatchObject(staleness(armType, why));
              expect(unobservedOrAsGood(snapshot, good)).toEqual([]);
              expect(snapshot).toEqual(judgedOnItsCertificates(snapshot));
              expect(drawn(snapshot)).not.toEqual(drawn(good));
            }
          },
        );
      },
    );

    if (part === 'first-half') return;

    describe(`when listing ${CLUSTERS} fails in one subscription`, () => {
      it.each(FAULTS)(
        'on %s, keeps its clusters whole and stale, and the run partial',
        async (_, fault, why) => {
          const { outcome, clusters } = await refreshFailingAtT1(
            CLUSTERS,
            fault,
          );

          expect(outcome.status).toBe('partial');
          expect(outcome.errors).toEqual([listingError(why)]);
          for (const name of AFFECTED) {
            expect(clusters[name]).toMatchObject(staleness(CLUSTERS, why));
            // Not seen at all: the whole last good snapshot stays.
            expect(clusters[name].snapshot).toEqual(goodAtT0[name].snapshot);
          }
          for (const name of UNAFFECTED) {
            expect(clusters[name]).toMatchObject({
              stale: false,
              refreshedAt: T1,
            });
          }
        },
      );

      it.each(FAULTS)(
        'on %s, stores only the clusters of the other subscription at a first refresh',
        async (_, fault) => {
          const { outcome, clusters } = await firstRefreshFailing(
            CLUSTERS,
            fault,
          );

          expect(outcome.status).toBe('partial');
          expect(Object.keys(clusters).sort()).toEqual(UNAFFECTED.sort());
        },
      );
    });

    it('keeps the certificates of a vault whose secrets cannot be listed, counted down, and refreshes the others', async () => {
      const { store, refresher, at } = await setup(databaseId);
      await refresher.refresh();
      at(T1, [
        {
          match: url =>
            url.pathname.includes('/vaults/kv-aks-prod-weu/secrets'),
          status: 403,
        },
      ]);

      const outcome = await refresher.refresh();

      expect(outcome.status).toBe('partial');
      const { 'aks-prod-weu': prod, 'aks-staging-weu': staging } =
        await storedClusters(store);
      expect(prod.stale).toBe(true);
      expect(prod.staleReason).toContain('kv-aks-prod-weu');
      expect(prod.staleReason).toMatch(/403/);
      expect(countedDown(prod.snapshot, 0)).toEqual(
        countedDown(goodAtT0['aks-prod-weu'].snapshot, 3),
      );
      expect(drawn(prod.snapshot).keyVault).toEqual(
        drawn(goodAtT1['aks-prod-weu'].snapshot).keyVault,
      );
      expect(staging.stale).toBe(false);
      expect(drawn(staging.snapshot)).toEqual(
        drawn(goodAtT1['aks-staging-weu'].snapshot),
      );
    });

    describe("when a cluster's maintenance configurations cannot be listed", () => {
      const failingWindows = {
        match: (url: URL) =>
          url.pathname
            .toLowerCase()
            .endsWith(
              '/managedclusters/aks-prod-weu/maintenanceconfigurations',
            ),
        status: 403,
      };
      const upg01 = (cluster: StoredCluster<ClusterSnapshot>) =>
        cluster.snapshot.controls.find(c => c.id === 'UPG-01')!;

      it('keeps its last good UPG-01, stale, and refreshes everything else', async () => {
        const { store, refresher, at } = await setup(databaseId);
        await refresher.refresh();
        at(T1, [failingWindows]);

        const outcome = await refresher.refresh();

        expect(outcome.status).toBe('partial');
        const { 'aks-prod-weu': prod, 'aks-staging-weu': staging } =
          await storedClusters(store);
        expect(prod.stale).toBe(true);
        expect(prod.staleReason).toMatch(/aks-prod-weu.*403|403.*aks-prod-weu/);
        expect(upg01(prod)).toEqual(upg01(goodAtT0['aks-prod-weu']));
        expect(upg01(prod).status).toBe('pass');
        const { controls: _now, ...rest } = drawn(prod.snapshot);
        const { controls: _good, ...goodRest } = drawn(
          goodAtT1['aks-prod-weu'].snapshot,
        );
        expect(rest).toEqual(goodRest);
        expect(staging.stale).toBe(false);
      });

      it('says UPG-01 is not observed on a first refresh, never a pass', async () => {
        const { store, refresher, at } = await setup(databaseId);
        at(T0, [failingWindows]);
        await refresher.refresh();
        const { 'aks-prod-weu': prod } = await storedClusters(store);
        expect(upg01(prod).status).toBe('not-observed');
        expect(upg01(prod).reason).toMatch(/403|maintenance/);
      });
    });

    it('keeps LOG-01 and LOG-03 of a cluster whose diagnostic settings cannot be read, stale, and refreshes the others', async () => {
      const { store, refresher, at } = await setup(databaseId);
      await refresher.refresh();
      at(T1, [
        {
          match: url =>
            url.pathname.includes(
              '/managedClusters/aks-prod-weu/providers/Microsoft.Insights/diagnosticSettings',
            ),
          status: 403,
        },
      ]);

      const outcome = await refresher.refresh();

      expect(outcome.status).toBe('partial');
      const { 'aks-prod-weu': prod, 'aks-staging-weu': staging } =
        await storedClusters(store);
      expect(prod.stale).toBe(true);
      expect(prod.staleReason).toMatch(/Listing diagnostic settings.*403/);
      expect(prod.staleReason).toContain('controls LOG-01, LOG-03');
      const control = (snapshot: ClusterSnapshot, id: string) =>
        snapshot.controls.find(c => c.id === id);
      for (const id of ['LOG-01', 'LOG-03'])
        expect(control(prod.snapshot, id)).toEqual(
          control(goodAtT0['aks-prod-weu'].snapshot, id),
        );
      expect(control(prod.snapshot, 'LOG-01')!.status).toBe('pass');
      expect(staging.stale).toBe(false);
    });
  });
}

/**
 * Where a snapshot differs from a good one, it must say so: every hop of a
 * differing section not observed, every certificate unknown, every differing
 * control not observed, and no section emptied. Returns what breaks that.
 */
function unobservedOrAsGood(
  snapshot: ClusterSnapshot,
  good: ClusterSnapshot,
): string[] {
  const problems: string[] = [];
  const [drawnNow, drawnGood] = [drawn(snapshot), drawn(good)];
  const sections = {
    ingress: [drawnNow.ingress.flatMap(c => c.hops), drawnGood.ingress],
    egress: [snapshot.egress, good.egress],
    keyVault: [snapshot.keyVault, good.keyVault],
  } as const;
  for (const [name, [hops, goodSection]] of Object.entries(sections)) {
    const section = drawnNow[name as keyof typeof sections];
    if (JSON.stringify(section) === JSON.stringify(goodSection)) continue;
    if (hops.length === 0) problems.push(`${name} is empty`);
    for (const hop of hops) {
      if (hop.status !== 'not-observed') {
        problems.push(`${name} hop ${hop.kind} is ${hop.status}`);
      }
    }
  }
  if (
    JSON.stringify(snapshot.certificates) !== JSON.stringify(good.certificates)
  ) {
    if (snapshot.certificates.length === 0) problems.push('no certificates');
    for (const c of snapshot.certificates) {
      if (c.status !== 'unknown') {
        problems.push(`certificate ${c.name} is ${c.status}`);
      }
    }
  }
  const goodControls = new Map(good.controls.map(c => [c.id, c]));
  for (const control of snapshot.controls) {
    const same =
      JSON.stringify(control) === JSON.stringify(goodControls.get(control.id));
    if (!same && control.status !== 'not-observed') {
      problems.push(`control ${control.id} is ${control.status}`);
    }
  }
  return problems;
}
