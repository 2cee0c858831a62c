import { z } from 'zod';

/**
 * The schema under the wrappers that do not change which keys an object takes
 * (defaults, optionals, refinements), so the valid keys are read from the one
 * schema that validates them instead of a second list that could drift.
 */
export function unwrapSchema(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodDefault) {
    return unwrapSchema(schema._def.innerType);
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unwrapSchema(schema.unwrap());
  }
  if (schema instanceof z.ZodEffects) {
    return unwrapSchema(schema.innerType());
  }
  return schema;
}

/** The keys the object at `path` (as zod reports issue paths) accepts. */
export function knownKeysAt(
  schema: z.ZodTypeAny,
  path: ReadonlyArray<string | number>,
): string[] {
  const here = unwrapSchema(schema);
  if (path.length === 0) {
    return here instanceof z.ZodObject ? Object.keys(here.shape) : [];
  }
  const [step, ...rest] = path;
  if (here instanceof z.ZodArray && typeof step === 'number') {
    return knownKeysAt(here.element, rest);
  }
  if (here instanceof z.ZodObject && typeof step === 'string') {
    const child = here.shape[step];
    return child ? knownKeysAt(child, rest) : [];
  }
  return [];
}

/**
 * Optimal string alignment distance, case-insensitive: a swapped pair of
 * letters (`refersh`) or a wrong case counts as one typo, as people make them.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (__, j) => (i === 0 ? j : i)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[s.length][t.length];
}

/**
 * The candidate nearest to `key`, when it is close enough to be the key the
 * author meant: at most a third of its letters wrong (at least one).
 */
export function nearestKey(
  key: string,
  candidates: readonly string[],
): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate);
    const allowed = Math.max(
      1,
      Math.floor(Math.max(key.length, candidate.length) / 3),
    );
    if (distance <= allowed && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}
