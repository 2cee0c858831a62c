import {
  ChainHop,
  ClusterSnapshot,
  ControlResult,
  IngressChain,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CardBody } from '../CardBody';
import { HopStatusLabel } from '../StatusLabel';
import { ChainPath } from './ChainPath';
import { EgressFlows } from './EgressFlows';

/** @public */
export interface IngressChainCardProps {
  loading?: boolean;
  error?: Error;
  cluster?: ClusterSnapshot;
  /** For an app Component: the host its chain is narrowed to. */
  host?: string;
}

const IngressSection = ({
  chain,
  controls,
}: {
  chain: IngressChain;
  controls: ControlResult[];
}) => (
  <Box component="section" mb={3}>
    <Box
      display="flex"
      alignItems="baseline"
      flexWrap="wrap"
      mb={1}
      style={{ gap: 16 }}
    >
      <Typography variant="h6" component="h3">
        {chain.host}
      </Typography>
      <HopStatusLabel status={chain.status} />
      {chain.listenerName && (
        <Typography variant="body2" color="textSecondary">
          listener {chain.listenerName}
        </Typography>
      )}
    </Box>
    <ChainPath
      label={`Ingress chain for ${chain.host}`}
      hops={chain.hops}
      controls={controls}
    />
  </Box>
);

const SidePath = ({
  title,
  hops,
  controls,
  missing,
}: {
  title: string;
  hops: ChainHop[];
  controls: ControlResult[];
  missing: string;
}) => (
  <Box component="section">
    <Typography variant="subtitle1" component="h3" gutterBottom>
      {title}
    </Typography>
    {hops.length > 0 ? (
      <ChainPath label={title} hops={hops} controls={controls} />
    ) : (
      <Typography variant="body2">{missing}</Typography>
    )}
  </Box>
);

function subheader(cluster: ClusterSnapshot, host?: string): string {
  if (host) return `${host} on ${cluster.name}`;
  const n = cluster.ingress.length;
  return `${n} host${n === 1 ? '' : 's'} on ${cluster.name}, one chain each`;
}

/**
 * How a request reaches the cluster (or the app), hop by hop with the TLS
 * boundaries, and beside it the egress path and the path to Key Vault.
 *
 * @public
 */
export const IngressChainCard = ({
  loading,
  error,
  cluster,
  host,
}: IngressChainCardProps) => (
  <InfoCard
    title="Ingress chain"
    subheader={cluster ? subheader(cluster, host) : undefined}
  >
    <CardBody loading={loading} error={error}>
      {() =>
        cluster && (
          <>
            {cluster.ingress.length === 0 && (
              <Typography variant="body1" paragraph>
                {host
                  ? `No Application Gateway listener in front of ${cluster.name} serves ${host}: check the listener's host names or the app's aks-baseline.io/host annotation.`
                  : `No Application Gateway listener routes to ${cluster.name}.`}
              </Typography>
            )}
            {cluster.ingress.map(chain => (
              <IngressSection
                key={`${chain.applicationGatewayId}|${chain.listenerName}|${chain.host}`}
                chain={chain}
                controls={cluster.controls}
              />
            ))}
            <Divider />
            <Box mt={2}>
              <Grid container spacing={3}>
                <Grid item xs={12} lg={6}>
                  <SidePath
                    title="Egress path"
                    hops={cluster.egress}
                    controls={cluster.controls}
                    missing="The egress path could not be resolved."
                  />
                </Grid>
                <Grid item xs={12} lg={6}>
                  <SidePath
                    title="Key Vault path"
                    hops={cluster.keyVault}
                    controls={cluster.controls}
                    missing="No Key Vault is associated with this cluster."
                  />
                </Grid>
              </Grid>
              {/* Full width: one row per flow, with the rule's full name. */}
              <EgressFlows hops={cluster.egress} />
            </Box>
          </>
        )
      }
    </CardBody>
  </InfoCard>
);
