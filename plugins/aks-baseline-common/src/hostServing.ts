import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { listenerHostMatches } from './trace/gatewayListener';
import { ANNOTATION_CLUSTER, ANNOTATION_HOST } from './annotations';
import type { StampContractEntity } from './stampContract';

/*
 * One rule for "this host is already served on that cluster", used by the
 * onboard-app action (which refuses the run) and the onboarding form (which
 * warns before Create), so the two cannot disagree.
 */

/**
 * The ways an app's `aks-baseline.io/cluster` annotation may name the
 * cluster `clusterRef` (full ref, `namespace/name`, and for the default
 * namespace `resource:name` and the bare name): the catalog filter that
 * finds the apps on a cluster.
 * @public
 */
export function clusterAnnotationForms(clusterRef: string): string[] {
  const { namespace, name } = parseEntityRef(clusterRef, {
    defaultKind: 'resource',
  });
  const full = stringifyEntityRef({ kind: 'resource', namespace, name });
  const forms = [full, `${namespace}/${name}`];
  if (namespace === 'default') forms.push(`resource:${name}`, name);
  return forms;
}

/** An app that already serves a host on a cluster. @public */
export interface ServedHostConflict {
  /** The other app's entity ref, lower-cased. */
  appRef: string;
  /** Its `aks-baseline.io/host` annotation, which covers the host. */
  servedHost: string;
}

/**
 * The other app on `clusterRef` whose host covers `host` (same name in any
 * case, or a wildcard host that takes it), if any. The app's own entity
 * (`ownAppRef`, a re-run of its onboarding) is not another app.
 * @public
 */
export function findServedHostConflict(options: {
  host: string;
  clusterRef: string;
  ownAppRef?: string;
  apps: StampContractEntity[];
}): ServedHostConflict | undefined {
  const clusterRef = options.clusterRef.toLowerCase();
  const ownRef = options.ownAppRef?.toLowerCase();
  for (const app of options.apps) {
    const annotations = app.metadata.annotations ?? {};
    const served = annotations[ANNOTATION_HOST];
    const named = annotations[ANNOTATION_CLUSTER];
    if (!served || !named) continue;
    const namespace = app.metadata.namespace ?? 'default';
    const appRef =
      `${app.kind}:${namespace}/${app.metadata.name}`.toLowerCase();
    if (appRef === ownRef) continue;
    if (clusterRefFrom(named, namespace) !== clusterRef) continue;
    if (listenerHostMatches(served, options.host)) {
      return { appRef, servedHost: served };
    }
  }
  return undefined;
}

/** An app's cluster annotation as a full ref, resolved as the backend resolves it. */
function clusterRefFrom(annotation: string, appNamespace: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(annotation, {
        defaultKind: 'resource',
        defaultNamespace: appNamespace,
      }),
    ).toLowerCase();
  } catch {
    return '';
  }
}
