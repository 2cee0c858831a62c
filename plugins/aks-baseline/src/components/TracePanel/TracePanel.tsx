import {
  ClusterSnapshot,
  TraceResponse,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTrace } from '../../hooks/useTrace';
import { ChainPath } from '../IngressChainCard/ChainPath';
import { describeLookupError } from '../LookupErrorPanel';
import { TraceDefaults, TraceForm } from './TraceForm';
import { azurePortalUrl, stepAsHop } from './traceHops';

const VERDICT: Record<TraceResponse['verdict'], string> = {
  passed: 'Gets through',
  stopped: 'Stopped',
  unknown: 'Not known',
};

const TraceResult = ({ result }: { result: TraceResponse }) => {
  const deciding =
    result.decidingStep === undefined
      ? undefined
      : result.steps[result.decidingStep];
  return (
    <>
      <Typography variant="h6" component="h3">
        {VERDICT[result.verdict]}
        {deciding &&
          ` at ${deciding.title}${
            deciding.decidedBy ? `: ${deciding.decidedBy.name}` : ''
          }`}
      </Typography>
      <Typography variant="body2" paragraph data-testid="trace-summary">
        {result.summary}
      </Typography>
      {deciding?.fix && (
        <Typography variant="body2" paragraph>
          Smallest change: {deciding.fix}
        </Typography>
      )}
      {deciding?.decidedBy?.resourceId && (
        <Typography variant="body2" paragraph>
          <Link to={azurePortalUrl(deciding.decidedBy.resourceId)}>
            Open {deciding.decidedBy.resourceId.split('/').pop()} in the Azure
            portal
          </Link>
        </Typography>
      )}
      {deciding?.decidedBy?.kubernetesObject && (
        <Typography variant="body2" paragraph>
          Kubernetes object: {deciding.decidedBy.kubernetesObject}
        </Typography>
      )}
      <ChainPath
        label="Trace, hop by hop"
        hops={result.steps.map(stepAsHop)}
        controls={[]}
        highlight={result.decidingStep}
      />
    </>
  );
};

/**
 * "Will a request from here to there get through, and if not, what stops
 * it?": a trace over the cluster's stored snapshot, drawn as the chain's hops
 * with the stopping hop heavier and its deciding rule named. The result is
 * announced politely to screen readers.
 */
export const TracePanel = ({
  cluster,
  defaults = {},
}: {
  cluster: Pick<ClusterSnapshot, 'subscriptionId' | 'resourceGroup' | 'name'>;
  defaults?: TraceDefaults;
}) => {
  const [state, trace] = useTrace(cluster);
  return (
    <InfoCard
      title="Trace a packet"
      subheader="On the last refreshed snapshot: no call to Azure or the cluster"
    >
      <TraceForm defaults={defaults} busy={state.loading} onTrace={trace} />
      <Box mt={2} aria-live="polite" role="status" data-testid="trace-result">
        {state.error && (
          <Typography color="error" variant="body2">
            The trace failed: {describeLookupError(state.error).message}
          </Typography>
        )}
        {state.value && !state.loading && <TraceResult result={state.value} />}
      </Box>
    </InfoCard>
  );
};
