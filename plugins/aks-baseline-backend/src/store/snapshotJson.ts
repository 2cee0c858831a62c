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

export function encodeSnapshot(snapshot: unknown): string {
  const controls = controlsOf(snapshot);
  if (!controls) return JSON.stringify(snapshot);
  return JSON.stringify({
    ...(snapshot as object),
    controls: controls.map(withoutDefinition),
  });
}

export function decodeSnapshot(json: string): unknown {
  const snapshot = JSON.parse(json);
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
