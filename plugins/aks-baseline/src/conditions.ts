import {
  ANNOTATION_CLUSTER,
  ANNOTATION_RESOURCE_ID,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Entity } from '@backstage/catalog-model';

/**
 * True when the entity names an AKS baseline cluster: a cluster Resource by
 * its ARM resource id, or an app Component by its cluster's entity ref. Use it
 * in `EntitySwitch` to show the cards only where they have data.
 *
 * @public
 */
export function isAksBaselineAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_RESOURCE_ID] || annotations[ANNOTATION_CLUSTER],
  );
}

/** A Resource of type `kubernetes-cluster`, the kind the baseline's clusters use. */
function isClusterResource(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      'kubernetes-cluster'
  );
}

/**
 * True for a cluster Resource carrying its ARM resource id: where the
 * Overview tab's AKS baseline summary card has data.
 *
 * @public
 */
export function isAksBaselineCluster(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    Boolean(entity.metadata.annotations?.[ANNOTATION_RESOURCE_ID])
  );
}

/**
 * Where the "AKS Baseline" tab shows: entities with the annotations, and
 * every Component and cluster Resource without them, where the tab explains
 * which annotations to add. Apps are Components, so an app team finds the tab
 * before its app is annotated; other kinds (Systems, APIs, Users) never run
 * on a cluster and get no tab.
 *
 * @public
 */
export function isAksBaselineTabRelevant(entity: Entity): boolean {
  return (
    isAksBaselineAvailable(entity) ||
    entity.kind.toLowerCase() === 'component' ||
    isClusterResource(entity)
  );
}
