import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
} from '@aks-baseline/plugin-aks-baseline-common';

/** An app entity and the host it is reached at. */
export interface AppOnHost {
  entityRef: string;
  host: string;
}

/** Finds the app entities reached at any of `hosts` on one cluster. */
export type AppsServing = (
  hosts: string[],
  clusterEntityRef?: string,
) => Promise<AppOnHost[]>;

/**
 * Apps from the catalog: Components whose host annotation is one of the
 * hosts. An app that names another cluster (blue/green, a move) is not this
 * cluster's to warn about.
 */
export function catalogAppsServing(
  catalog: CatalogService,
  auth: AuthService,
): AppsServing {
  return async (hosts, clusterEntityRef) => {
    if (hosts.length === 0) return [];
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_HOST}`]: hosts,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const cluster = clusterEntityRef && sameRef(clusterEntityRef);
    return items
      .filter(app => {
        const named = app.metadata.annotations?.[ANNOTATION_CLUSTER];
        return !cluster || !named || sameRef(named) === cluster;
      })
      .map(app => ({
        entityRef: stringifyEntityRef(app),
        host: app.metadata.annotations![ANNOTATION_HOST].toLowerCase(),
      }));
  };
}

/** Entity refs compared the way the catalog resolves them. */
function sameRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }),
  );
}
