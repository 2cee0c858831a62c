import type { Entity } from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { isDeepStrictEqual } from 'node:util';

/** The entities the provider last gave the catalog, by lower-cased resource id. */
export type AppliedEntities = ReadonlyMap<string, Entity>;

export interface PlannedMutation {
  mutation: EntityProviderMutation;
  /** Resource ids added or changed (delta) or all of them (full). */
  added: string[];
  /** Resource ids withdrawn (delta only; a full mutation withdraws implicitly). */
  removed: string[];
}

function deferred(entity: Entity): DeferredEntity {
  return { entity, locationKey: locationKeyOf(entity) };
}

/** One location key per entity, so a withdrawal never touches another cluster's entity. */
export function locationKeyOf(entity: Entity): string {
  return `aks-baseline-provider:${entity.metadata.name}`;
}

/**
 * The mutation that takes the catalog from `applied` to `desired` (pure).
 * Without a known `applied` state: a full mutation, which also withdraws
 * whatever the provider gave before. Otherwise a delta of exactly the
 * clusters that appeared, changed or went.
 */
export function planMutation(
  applied: AppliedEntities | undefined,
  desired: AppliedEntities,
): PlannedMutation {
  if (!applied) {
    return {
      mutation: { type: 'full', entities: [...desired.values()].map(deferred) },
      added: [...desired.keys()],
      removed: [],
    };
  }
  const added = [...desired.entries()].filter(
    ([id, entity]) => !isDeepStrictEqual(applied.get(id), entity),
  );
  const removed = [...applied.entries()].filter(([id]) => !desired.has(id));
  return {
    mutation: {
      type: 'delta',
      added: added.map(([, entity]) => deferred(entity)),
      removed: removed.map(([, entity]) => deferred(entity)),
    },
    added: added.map(([id]) => id),
    removed: removed.map(([id]) => id),
  };
}
