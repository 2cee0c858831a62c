import {
  asBoolean,
  asString,
  isRecord,
  readArm,
  readArmList,
  sameText,
} from '../arm/read';
import type { ArmManagedCluster, ArmResource } from '../arm/types';
import { onCluster } from './cluster';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  judge,
  show,
} from './judgement';
import type { BaselineResources } from './types';

/*
 * UPG-01..03: how the cluster keeps itself current and available. The
 * channels and the pools are in the cluster's GET body; the maintenance
 * windows are child resources (managedClusters/maintenanceConfigurations),
 * read with one list per cluster, and not observed when not read.
 */

/**
 * The maintenance configuration names AKS schedules each channel by
 * (Microsoft Learn, "Use planned maintenance"); `default` only governs
 * AKS's own releases, not these channels.
 */
export const MAINTENANCE_SCHEDULES = {
  upgrade: 'aksManagedAutoUpgradeSchedule',
  nodeOS: 'aksManagedNodeOSUpgradeSchedule',
} as const;

/** The taint that keeps workloads off the system pool. */
export const CRITICAL_ADDONS_TAINT = 'CriticalAddonsOnly=true:NoSchedule';

/** Node OS channels that keep the nodes patched. */
const PATCHING_NODE_OS_CHANNELS = ['NodeImage', 'SecurityPatch'];

/** A configuration's own name (templates name a child `<cluster>/<name>`). */
function ownName(resource: ArmResource): string | undefined {
  return asString(resource.name)?.split('/').pop();
}

/** What is wrong with a maintenance window, or undefined when it is usable. */
function windowProblem(configuration: ArmResource): string | undefined {
  const window = readArm(configuration, 'maintenanceWindow');
  if (!isRecord(window)) return 'has no maintenanceWindow';
  const schedule = readArm(window, 'schedule');
  const hours = readArm(window, 'durationHours');
  if (!isRecord(schedule) || Object.keys(schedule).length === 0)
    return 'has a window without a schedule';
  if (typeof hours !== 'number' || hours < 4)
    return `has a window of ${show(hours)} hours (AKS needs at least 4)`;
  if (typeof readArm(window, 'startTime') !== 'string')
    return 'has a window without a start time';
  return undefined;
}

/** The findings about the window a channel in use is scheduled by. */
function scheduleFindings(
  channel: string,
  name: string,
  configurations: ArmResource[] | undefined,
): Finding[] {
  if (!configurations)
    return [
      {
        status: 'not-observed',
        reason: `the maintenance configurations were not read, so whether ${channel} upgrades wait for ${name} is unknown`,
      },
    ];
  const configuration = configurations.find(c => ownName(c) === name);
  if (!configuration)
    return [
      {
        status: 'fail',
        reason: `no ${name} maintenance configuration: ${channel} upgrades start whenever AKS rolls them out, business hours included; add a weekly window`,
      },
    ];
  const problem = windowProblem(configuration);
  return problem ? [{ status: 'fail', reason: `${name} ${problem}` }] : [];
}

function describeWindow(
  name: string,
  configurations: ArmResource[] | undefined,
): string {
  if (!configurations) return `${name} not read`;
  const configuration = configurations.find(c => ownName(c) === name);
  if (!configuration) return `${name} absent`;
  const window = readArm(configuration, 'maintenanceWindow');
  return `${name} ${JSON.stringify(
    readArm(window, 'schedule') ?? null,
  )} at ${show(readArm(window, 'startTime'))} for ${show(
    readArm(window, 'durationHours'),
  )}h`;
}

function upgradeChannels(
  cluster: ArmManagedCluster,
  input: BaselineResources,
): Judgement {
  const channel = asString(
    readArm(cluster, 'autoUpgradeProfile.upgradeChannel'),
  );
  const nodeOS = asString(
    readArm(cluster, 'autoUpgradeProfile.nodeOSUpgradeChannel'),
  );
  const configurations = input.maintenanceConfigurations;
  const upgrades = !!channel && !sameText(channel, 'none');
  const patchesNodes = PATCHING_NODE_OS_CHANNELS.some(c => sameText(nodeOS, c));
  const windows = [
    ...(upgrades ? [MAINTENANCE_SCHEDULES.upgrade] : []),
    ...(patchesNodes ? [MAINTENANCE_SCHEDULES.nodeOS] : []),
  ].map(name => describeWindow(name, configurations));
  const found = [
    `upgradeChannel=${show(channel)}`,
    `nodeOSUpgradeChannel=${show(nodeOS)}`,
    ...windows,
  ].join(', ');
  const findings: Finding[] = [
    ...(patchesNodes
      ? scheduleFindings(
          'node OS',
          MAINTENANCE_SCHEDULES.nodeOS,
          configurations,
        )
      : [
          {
            status: 'fail' as const,
            reason: `node OS channel ${show(
              nodeOS,
            )}: the nodes get no security patches between Kubernetes upgrades; set autoUpgradeProfile.nodeOSUpgradeChannel NodeImage (or SecurityPatch)`,
          },
        ]),
    ...(upgrades
      ? scheduleFindings(
          'Kubernetes',
          MAINTENANCE_SCHEDULES.upgrade,
          configurations,
        )
      : [
          {
            status: 'warning' as const,
            reason: `Kubernetes upgrade channel ${show(
              channel,
            )}: accepted (the reference's choice), but someone must upgrade the cluster before its minor version leaves support; the patch channel does it within the minor version`,
          },
        ]),
  ];
  return judge(
    found,
    findings,
    'upgrades run on their channels inside the planned maintenance windows',
  );
}

function poolLabel(pool: unknown): string {
  return asString(readArm(pool, 'name')) ?? '(unnamed pool)';
}

function systemPoolFindings(pool: unknown): Finding[] {
  const label = poolLabel(pool);
  const findings: Finding[] = [];
  if (asBoolean(readArm(pool, 'enableAutoScaling')) !== true)
    findings.push({
      status: 'fail',
      reason: `${label} is not autoscaled: when add-ons need more room (an upgrade's surge, a failed node) nothing adds a node`,
    });
  else {
    const min = readArm(pool, 'minCount');
    if (typeof min !== 'number' || min < 2)
      findings.push({
        status: 'warning',
        reason: `${label} may scale down to ${show(
          min,
        )} node: one node failing takes CoreDNS and the add-ons with it (the reference keeps 3)`,
      });
  }
  const taints = readArmList(pool, 'nodeTaints');
  if (!taints.some(t => t === CRITICAL_ADDONS_TAINT))
    findings.push({
      status: 'fail',
      reason: `${label} lacks the ${CRITICAL_ADDONS_TAINT} taint: workloads can take the system nodes' capacity from the add-ons`,
    });
  return findings;
}

function systemPools(cluster: ArmManagedCluster): Judgement {
  const pools = readArmList(cluster, 'agentPoolProfiles').filter(pool =>
    sameText(readArm(pool, 'mode'), 'System'),
  );
  const found = pools.length
    ? pools
        .map(
          pool =>
            `${poolLabel(pool)}: enableAutoScaling=${show(
              readArm(pool, 'enableAutoScaling'),
            )}, minCount=${show(readArm(pool, 'minCount'))}, maxCount=${show(
              readArm(pool, 'maxCount'),
            )}, nodeTaints=${show(readArmList(pool, 'nodeTaints'))}`,
        )
        .join('; ')
    : 'no pool in mode System';
  if (!pools.length)
    return judge(found, [
      { status: 'fail', reason: 'no System pool among agentPoolProfiles' },
    ]);
  return judge(
    found,
    pools.flatMap(systemPoolFindings),
    'the system pool autoscales and runs only critical add-ons',
  );
}

function zones(cluster: ArmManagedCluster): Judgement {
  const pools = readArmList(cluster, 'agentPoolProfiles');
  const zonesOf = (pool: unknown) =>
    readArmList(pool, 'availabilityZones').map(show);
  const found = pools.length
    ? pools.map(pool => `${poolLabel(pool)}: ${show(zonesOf(pool))}`).join('; ')
    : 'no agentPoolProfiles';
  const single = pools.filter(pool => new Set(zonesOf(pool)).size < 2);
  if (!pools.length)
    return judge(found, [
      { status: 'fail', reason: 'no node pools in the cluster resource' },
    ]);
  return judge(
    found,
    single.map(pool => ({
      status: 'fail' as const,
      reason: `${poolLabel(pool)} is in ${
        zonesOf(pool).length ? 'one zone' : 'no zone'
      }: a zone outage takes all its nodes; zones are set when a pool is created, so add a zonal pool and move the workloads`,
    })),
    'every pool spans at least two availability zones',
  );
}

export const upgradeEvaluators: ControlEvaluators = {
  'UPG-01': onCluster(upgradeChannels),
  'UPG-02': onCluster(systemPools),
  'UPG-03': onCluster(zones),
};
