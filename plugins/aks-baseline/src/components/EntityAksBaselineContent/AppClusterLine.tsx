import {
  ANNOTATION_CLUSTER,
  EntityLookupResponse,
} from '@aks-baseline/plugin-aks-baseline-common';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
  useAsyncEntity,
} from '@backstage/plugin-catalog-react';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { clusterWhere } from './clusterWhere';

// Links inside a sentence must not rely on colour alone (WCAG 1.4.1; axe
// link-in-text-block): underline them.
const useStyles = makeStyles({
  line: { '& a': { textDecoration: 'underline' } },
});

/** The cluster an app's aks-baseline.io/cluster annotation names, as a full ref. */
function clusterRefOf(app: Entity | undefined): string | undefined {
  const annotation = app?.metadata.annotations?.[ANNOTATION_CLUSTER];
  if (!annotation) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(annotation, {
        defaultKind: 'resource',
        defaultNamespace: app.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * An app's line above its chain: the cluster it runs on, linked to the
 * cluster's page, and who owns that cluster (the team to ask about it).
 */
export const AppClusterLine = ({
  lookup,
}: {
  lookup: EntityLookupResponse;
}) => {
  const classes = useStyles();
  const { cluster } = lookup;
  // The snapshot's entity ref when the catalog carries the cluster's resource
  // id, else the ref the app's own annotation names.
  const { entity } = useAsyncEntity();
  const clusterRef = cluster.entityRef ?? clusterRefOf(entity);
  // Optional: an app without the catalog API (a test, an embed) still shows the cluster.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value: clusterEntity } = useAsync(
    async () =>
      clusterRef && catalogApi
        ? catalogApi.getEntityByRef(clusterRef)
        : undefined,
    [catalogApi, clusterRef],
  );
  const owners = clusterEntity
    ? getEntityRelations(clusterEntity, RELATION_OWNED_BY)
    : [];
  const where = clusterWhere(cluster);
  const ns = lookup.app?.namespace
    ? ` in namespace ${lookup.app.namespace}`
    : '';
  return (
    <Typography
      variant="body1"
      className={classes.line}
      data-testid="aks-baseline-app-cluster"
    >
      Runs{ns} on cluster{' '}
      {clusterRef ? (
        <EntityRefLink entityRef={clusterRef} defaultKind="resource">
          {cluster.name}
        </EntityRefLink>
      ) : (
        cluster.name
      )}{' '}
      ({where})
      {owners.length > 0 && (
        <>
          , owned by <EntityRefLinks entityRefs={owners} defaultKind="group" />
        </>
      )}
    </Typography>
  );
};
