import {
  asBoolean,
  readArm,
  readArmList,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';
import { StringTable } from './stringTable';

/*
 * What the slow tier keeps of its per-resource child lists and of each
 * subscription's data collection rules: the fields the resolver and the
 * controls read (found by reading them, named per kind below), in REST
 * shape so that `readArm` reads them as it reads a listed body. These lists
 * are kept between refreshes (`SlowTierCache`), so each field dropped is
 * dropped for hours; `slowTierFacts.test.ts` resolves estates with and
 * without the projections and compares every snapshot. A child item's id
 * is dropped where it has a name: its list is already keyed by its parent,
 * and the controls label it by name (`resourceLabel` falls back to the id
 * only without one); a rule keeps its id, by which associations name it.
 * Repeated strings go through the collection's `StringTable`.
 */

/** Keeps only the keys whose value is defined (a field absent stays absent). */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  );
}

/** The identity of a child item: its name and type shared, its id only when it has no name. */
export function childIdentity(
  item: ArmResource,
  strings: StringTable,
): ArmResource {
  return defined({
    ...(typeof item.name !== 'string' && { id: item.id }),
    name: strings.share(item.name),
    type: strings.share(item.type),
  });
}

/**
 * UPG-01 (`controls/upgrades.ts`): the configuration's own name (AKS
 * schedules each channel by name) and its maintenance window's schedule,
 * start time and duration.
 */
export function maintenanceConfigurationFacts(
  item: ArmResource,
  strings: StringTable = new StringTable(),
): ArmResource {
  const window = readArm(item, 'maintenanceWindow');
  return {
    ...childIdentity(item, strings),
    properties: defined({
      maintenanceWindow:
        typeof window === 'object' && !Array.isArray(window)
          ? defined({
              schedule: readArm(window, 'schedule'),
              startTime: strings.share(readArm(window, 'startTime')),
              durationHours: readArm(window, 'durationHours'),
            })
          : window,
    }),
  };
}

/**
 * LOG-01, LOG-03 (`controls/telemetry.ts`): the workspace a setting sends
 * to and its enabled log entries (category or category group); disabled
 * entries, metrics and the storage and Event Hubs destinations are never
 * read.
 */
export function diagnosticSettingFacts(
  item: ArmResource,
  strings: StringTable = new StringTable(),
): ArmResource {
  const logs = readArmList(item, 'properties.logs')
    .filter(log => asBoolean(readArm(log, 'enabled')) === true)
    .map(log =>
      defined({
        category: strings.share(readArm(log, 'category')),
        categoryGroup: strings.share(readArm(log, 'categoryGroup')),
        enabled: true,
      }),
    );
  return {
    ...childIdentity(item, strings),
    properties: defined({
      workspaceId: strings.share(readArm(item, 'properties.workspaceId')),
      logs,
    }),
  };
}

/**
 * LOG-02 (`resolver/telemetry.ts`, `controls/telemetry.ts`): the rule an
 * association names.
 */
export function dataCollectionRuleAssociationFacts(
  item: ArmResource,
  strings: StringTable = new StringTable(),
): ArmResource {
  return {
    ...childIdentity(item, strings),
    properties: defined({
      dataCollectionRuleId: strings.share(
        readArm(item, 'properties.dataCollectionRuleId'),
      ),
    }),
  };
}

/**
 * LOG-02 (`controls/telemetry.ts`): a rule's extensions (name and
 * streams), its Log Analytics destinations (names) and its data flows
 * (destinations and streams); the workspaces' ids, the other data sources
 * and the extensions' settings are never read.
 */
export function dataCollectionRuleFacts(
  item: ArmResource,
  strings: StringTable = new StringTable(),
): ArmResource {
  const list = (source: unknown, path: string) =>
    readArmList(source, path).map(value => strings.share(value));
  return {
    // The resolver and LOG-02 find a rule by the id an association names.
    id: item.id,
    name: strings.share(item.name),
    type: strings.share(item.type),
    properties: {
      dataSources: {
        extensions: readArmList(item, 'properties.dataSources.extensions').map(
          extension =>
            defined({
              extensionName: strings.share(readArm(extension, 'extensionName')),
              streams: list(extension, 'streams'),
            }),
        ),
      },
      destinations: {
        logAnalytics: readArmList(
          item,
          'properties.destinations.logAnalytics',
        ).map(destination =>
          defined({ name: strings.share(readArm(destination, 'name')) }),
        ),
      },
      dataFlows: readArmList(item, 'properties.dataFlows').map(flow => ({
        destinations: list(flow, 'destinations'),
        streams: list(flow, 'streams'),
      })),
    },
  };
}
