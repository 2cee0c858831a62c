import {
  BASELINE_CONTROLS,
  type ControlDefinition,
} from '@aks-baseline/plugin-aks-baseline-common';

/**
 * How a snapshot is stored: as JSON, with each control verdict reduced to
 * what the refresh found (status, found, reason, resource). The control's
 * definition (title, area, severity, field, expected, remediation) is the
 * catalogue's, the same for every cluster: stored in every snapshot it was
 * 32 KB of a 75 KB baseline stamp's, written for every cluster at every
 * refresh. Reading puts the catalogue's definition back, so a reader gets
 * what the resolver made, and a remediation text improved in a release
 * shows on clusters refreshed before it.
 */

const DEFINITIONS = new Map<string, ControlDefinition>(
  BASELINE_CONTROLS.map(control => [control.id, control]),
);
const DEFINITION_KEYS = [
  ...new Set(BASELINE_CONTROLS.flatMap(control => Object.keys(control))),
].filter(key => key !== 'id');

type Control = Record<string, unknown> & { id?: unknown };

/**
 * The stored JSON. `refreshedAt`, the row's own refresh time, stands for
 * itself: the snapshot's `refreshedAt` and `partsReadAt.topology` are stored
 * as `null` when they equal it (the key kept, so keys read back in order),
 * so a cluster that did not change between refreshes stores the same JSON
 * and its row need not be rewritten (see `writeClusters`).
 */
export function encodeSnapshot(
  snapshot: unknown,
  refreshedAt?: string,
): string {
  const controls = controlsOf(snapshot);
  if (!controls && refreshedAt === undefined) return JSON.stringify(snapshot);
  const stored: Record<string, unknown> = { ...(snapshot as object) };
  if (controls) stored.controls = controls.map(withoutDefinition);
  if (refreshedAt !== undefined) {
    if (stored.refreshedAt === refreshedAt) stored.refreshedAt = null;
    const parts = stored.partsReadAt as Record<string, unknown> | undefined;
    if (parts?.topology === refreshedAt) {
      stored.partsReadAt = { ...parts, topology: null };
    }
  }
  return JSON.stringify(stored);
}

/** The snapshot a row stored; `refreshedAt` is the row's refresh time. */
export function decodeSnapshot(json: string, refreshedAt?: string): unknown {
  const snapshot = JSON.parse(json);
  if (snapshot && typeof snapshot === 'object' && refreshedAt !== undefined) {
    if (snapshot.refreshedAt === null) snapshot.refreshedAt = refreshedAt;
    if (snapshot.partsReadAt?.topology === null) {
      snapshot.partsReadAt.topology = refreshedAt;
    }
  }
  const controls = controlsOf(snapshot);
  if (!controls) return snapshot;
  snapshot.controls = controls.map(withDefinition);
  return snapshot;
}

function controlsOf(snapshot: unknown): Control[] | undefined {
  const controls = (snapshot as { controls?: unknown } | null)?.controls;
  return Array.isArray(controls) ? controls : undefined;
}

/** Drops the fields that are exactly the catalogue's (a changed one stays). */
function withoutDefinition(control: Control): Control {
  const definition = DEFINITIONS.get(String(control.id));
  if (!definition) return control;
  const verdict: Control = {};
  for (const [key, value] of Object.entries(control)) {
    const same =
      DEFINITION_KEYS.includes(key) &&
      value === definition[key as keyof ControlDefinition];
    if (!same) verdict[key] = value;
  }
  return verdict;
}

/** The catalogue's definition, then what was stored (rows written in full keep their own). */
function withDefinition(control: Control): Control {
  const definition = DEFINITIONS.get(String(control.id));
  return definition ? { ...definition, ...control } : control;
}
