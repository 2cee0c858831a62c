import { EntityLookupResponse } from '@aks-baseline/plugin-aks-baseline-common';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { clusterWhere } from './clusterWhere';

/**
 * An app's line above its chain: the cluster it runs on, linked to the
 * cluster's page, and who owns that cluster (the team to ask about it).
 */
export const AppClusterLine = ({
  lookup,
}: {
  lookup: EntityLookupResponse;
}) => {
  const { cluster } = lookup;
  // Optional: an app without the catalog API (a test, an embed) still shows the cluster.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value: clusterEntity } = useAsync(
    async () =>
      cluster.entityRef && catalogApi
        ? catalogApi.getEntityByRef(cluster.entityRef)
        : undefined,
    [catalogApi, cluster.entityRef],
  );
  const owners = clusterEntity
    ? getEntityRelations(clusterEntity, RELATION_OWNED_BY)
    : [];
  const where = clusterWhere(cluster);
  const ns = lookup.app?.namespace
    ? ` in namespace ${lookup.app.namespace}`
    : '';
  return (
    <Typography variant="body1" data-testid="aks-baseline-app-cluster">
      Runs{ns} on cluster{' '}
      {cluster.entityRef ? (
        <EntityRefLink entityRef={cluster.entityRef} defaultKind="resource">
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
