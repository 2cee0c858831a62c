import { MAINTENANCE_SCHEDULES } from '@aks-baseline/plugin-aks-baseline-common';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  resourceId,
} from './expressions';

/** The channels the cluster upgrades on (UPG-01); each has its window below. */
export const UPGRADE_CHANNELS = {
  // Kubernetes patch releases within the pinned minor version: security
  // fixes without an API change. The reference leaves this at 'none'.
  upgradeChannel: 'patch',
  nodeOSUpgradeChannel: 'NodeImage',
} as const;

/** A weekly planned maintenance window, in UTC. */
export interface WeeklyWindow {
  dayOfWeek:
    | 'Monday'
    | 'Tuesday'
    | 'Wednesday'
    | 'Thursday'
    | 'Friday'
    | 'Saturday'
    | 'Sunday';
  /** HH:mm, UTC. */
  startTime: string;
  /** 4 to 24 (AKS's bounds). */
  durationHours: number;
}

/**
 * The windows: the node image on the reference's Tuesday evening (12
 * hours), Kubernetes patches two days later, so a bad node image and a bad
 * patch release never land in the same night and each can be told apart.
 */
export const MAINTENANCE_WINDOWS: Record<
  keyof typeof MAINTENANCE_SCHEDULES,
  WeeklyWindow
> = {
  nodeOS: { dayOfWeek: 'Tuesday', startTime: '21:00', durationHours: 12 },
  upgrade: { dayOfWeek: 'Thursday', startTime: '21:00', durationHours: 8 },
};

function maintenanceConfiguration(
  spec: ClusterSpec,
  name: string,
  window: WeeklyWindow,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.maintenanceConfiguration,
    apiVersion: API_VERSIONS.containerService,
    name: `${spec.clusterName}/${name}`,
    dependsOn: [resourceId(RESOURCE_TYPES.managedCluster, spec.clusterName)],
    properties: {
      maintenanceWindow: {
        schedule: {
          weekly: { dayOfWeek: window.dayOfWeek, intervalWeeks: 1 },
        },
        durationHours: window.durationHours,
        startTime: window.startTime,
        utcOffset: '+00:00',
      },
    },
  };
}

/**
 * The planned maintenance configurations AKS schedules each upgrade channel
 * by (Microsoft Learn, "Use planned maintenance to schedule and control
 * upgrades"): without one, AKS upgrades whenever it rolls a release out.
 */
export function maintenanceConfigurations(
  spec: ClusterSpec,
): ArmTemplateResource[] {
  return (
    Object.keys(MAINTENANCE_SCHEDULES) as Array<
      keyof typeof MAINTENANCE_SCHEDULES
    >
  ).map(channel =>
    maintenanceConfiguration(
      spec,
      MAINTENANCE_SCHEDULES[channel],
      MAINTENANCE_WINDOWS[channel],
    ),
  );
}
