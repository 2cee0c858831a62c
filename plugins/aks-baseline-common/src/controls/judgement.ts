import { armId } from '../arm/read';
import type { InClusterModel } from '../inCluster/model';
import type { BaselineResources, ControlStatus } from './types';

/** What a control's evaluation returns; the catalogue adds id, title, etc. */
export interface Judgement {
  status: ControlStatus;
  found: string;
  reason: string;
  resourceId?: string;
}

/**
 * One evaluation function per control id. `inCluster` is the model of
 * `input.kubernetes`, built once per evaluation (absent when no objects were
 * read).
 */
export type ControlEvaluators = Record<
  string,
  (input: BaselineResources, inCluster?: InClusterModel) => Judgement
>;

/** One finding inside a control that checks several things. */
export interface Finding {
  status: ControlStatus;
  reason: string;
}

/**
 * Severity order used everywhere: a fail outranks a warning, a warning an
 * unobserved part (so private clusters, whose in-cluster controls are always
 * unobserved, still sort by what is known to be wrong), and an unobserved part
 * outranks a pass (a control is never a pass while part of it is unseen).
 */
const STATUS_RANK: Record<ControlStatus, number> = {
  'not-applicable': 0,
  pass: 1,
  'not-observed': 2,
  warning: 3,
  fail: 4,
};

/** The worse of two statuses. */
export function worse(a: ControlStatus, b: ControlStatus): ControlStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}

/**
 * The worst status among results (fail > warning > not-observed > pass >
 * not-applicable); `not-observed` for an empty list, since nothing was judged.
 * @public
 */
export function worstStatus(
  results: ReadonlyArray<{ status: ControlStatus }>,
): ControlStatus {
  if (results.length === 0) return 'not-observed';
  return results.map(r => r.status).reduce(worse);
}

export function pass(found: string, reason = 'meets the baseline'): Judgement {
  return { status: 'pass', found, reason };
}
export function fail(found: string, reason: string): Judgement {
  return { status: 'fail', found, reason };
}
export function warn(found: string, reason: string): Judgement {
  return { status: 'warning', found, reason };
}
export function notObserved(reason: string, found = '(absent)'): Judgement {
  return { status: 'not-observed', found, reason };
}
export function notApplicable(reason: string, found = '(absent)'): Judgement {
  return { status: 'not-applicable', found, reason };
}

/**
 * Folds the findings of a multi-part control: the worst status wins, and the
 * reason lists every finding that is not a pass, worst first.
 */
export function judge(
  found: string,
  findings: Finding[],
  passReason = 'meets the baseline',
): Judgement {
  const status = worstStatus(findings.length ? findings : [{ status: 'pass' }]);
  const notes = findings
    .filter(f => f.status !== 'pass' && f.status !== 'not-applicable')
    .sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status])
    .map(f => f.reason);
  return {
    status,
    found,
    reason: notes.length ? notes.join('; ') : passReason,
  };
}

/**
 * Folds per-resource judgements (two gateways, two vaults...) into one: the
 * worst wins, `found` and `reason` name each resource.
 */
export function combine(
  items: Array<{ label: string; judgement: Judgement }>,
): Judgement {
  if (items.length === 1) return items[0].judgement;
  const status = worstStatus(items.map(i => i.judgement));
  const worst = items.find(i => i.judgement.status === status);
  const notes = items
    .filter(i => i.judgement.status !== 'pass')
    .map(i => `${i.label}: ${i.judgement.reason}`);
  return {
    status,
    found: items.map(i => `${i.label}: ${i.judgement.found}`).join('; '),
    reason: notes.length ? notes.join('; ') : 'meets the baseline',
    resourceId: worst?.judgement.resourceId,
  };
}

/** Attaches the resource's id (when it has a real one) to a judgement. */
export function about(resource: unknown, judgement: Judgement): Judgement {
  const id = armId(resource);
  return id && !judgement.resourceId
    ? { ...judgement, resourceId: id }
    : judgement;
}

/** A value as shown to humans; `(absent)` for undefined/null. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return '(absent)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value))
    return value.length ? value.map(show).join(', ') : '[]';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
