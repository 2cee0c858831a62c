import { EntityLookupResponse } from '@aks-baseline/plugin-aks-baseline-common';
import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../../format';
import { CertificatesCard } from '../CertificatesCard';
import { ChainControlsCard } from '../ChainControlsCard';
import { ControlsCard } from '../ControlsCard';
import { IngressChainCard } from '../IngressChainCard';
import { PartsReadAt } from '../PartsReadAt';
import { SourceErrorsPanel } from '../SourceErrorsPanel';
import { TracePanel } from '../TracePanel';
import { apiServerDenial } from './accessDenied';
import { AppClusterLine } from './AppClusterLine';
import { clusterWhere } from './clusterWhere';

function describeCluster(lookup: EntityLookupResponse): string {
  return `Cluster ${lookup.cluster.name} (${clusterWhere(lookup.cluster)})`;
}

/**
 * A cluster's (or an app's) whole picture: the chain, its certificates and
 * the baseline controls, with stale data and read errors said up front.
 */
export const ClusterOverview = ({
  lookup,
}: {
  lookup: EntityLookupResponse;
}) => {
  const { cluster } = lookup;
  const denial = apiServerDenial(cluster.errors);
  const errors = cluster.errors.filter(e => e !== denial);
  return (
    <Grid container spacing={3} data-testid="aks-baseline-entity">
      <Grid item xs={12}>
        {lookup.kind === 'app' ? (
          <AppClusterLine lookup={lookup} />
        ) : (
          <Typography variant="body1">{describeCluster(lookup)}</Typography>
        )}
        <PartsReadAt parts={cluster.partsReadAt} />
        {lookup.stale && (
          <Box mt={1}>
            <WarningPanel
              title={`Data from ${formatAge(
                cluster.refreshedAt,
              )}: the last refresh could not update this cluster`}
              message={lookup.staleReason}
            />
          </Box>
        )}
        {denial && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="aks-baseline-access-denied"
          >
            The portal may not read this cluster's API server: {denial.message}
          </Typography>
        )}
        {errors.length > 0 && (
          <Box mt={1}>
            <SourceErrorsPanel
              title={`${errors.length} part${
                errors.length === 1 ? '' : 's'
              } of this cluster could not be read`}
              errors={errors}
            />
          </Box>
        )}
      </Grid>
      <Grid item xs={12}>
        <IngressChainCard cluster={cluster} host={lookup.app?.host} />
      </Grid>
      <Grid item xs={12}>
        <TracePanel cluster={cluster} defaults={lookup.app} />
      </Grid>
      <Grid item xs={12}>
        <CertificatesCard certificates={cluster.certificates} />
      </Grid>
      {lookup.kind === 'app' && (
        <Grid item xs={12}>
          <ChainControlsCard
            chains={cluster.ingress}
            controls={cluster.controls}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <ControlsCard controls={cluster.controls} />
      </Grid>
    </Grid>
  );
};
