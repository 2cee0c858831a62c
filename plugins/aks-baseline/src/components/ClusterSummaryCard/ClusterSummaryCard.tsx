import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useLocation } from 'react-router-dom';
import { useEntityCluster } from '../../hooks/useEntityCluster';
import { ExpiryChip } from '../ExpiryChip';
import { LookupErrorPanel } from '../LookupErrorPanel';
import { HopStatusLabel } from '../StatusLabel';
import { WorkloadSentence } from '../WorkloadSentence';
import { summarizeSnapshot } from './summarizeSnapshot';

/** Reasons shown on the card; the tab has the rest. */
const SHOWN_REASONS = 3;

/**
 * The cluster's state on its Overview tab: worst status and why, the
 * soonest certificate expiry, the failing controls, and the way to the
 * AKS Baseline tab.
 */
export const ClusterSummaryCard = () => {
  const { entity } = useEntity();
  // The tab is a sibling route of the Overview the card sits on.
  const tabPath = `${useLocation().pathname.replace(/\/$/, '')}/aks-baseline`;
  const { value, loading, error } = useEntityCluster(
    stringifyEntityRef(entity),
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <LookupErrorPanel error={error} />;
  else if (value) {
    const summary = summarizeSnapshot(value.cluster);
    const more = summary.reasons.length - SHOWN_REASONS;
    body = (
      <Box data-testid="aks-baseline-summary">
        <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
          <Typography variant="body2">Worst status</Typography>
          <HopStatusLabel status={summary.worstStatus} />
        </Box>
        {summary.reasons.length > 0 && (
          <Box component="ul" pl={2} my={1}>
            {summary.reasons.slice(0, SHOWN_REASONS).map(reason => (
              <li key={reason}>
                <Typography variant="body2">
                  <WorkloadSentence text={reason} />
                </Typography>
              </li>
            ))}
            {more > 0 && (
              <li>
                <Typography variant="body2">and {more} more</Typography>
              </li>
            )}
          </Box>
        )}
        <Box display="flex" alignItems="center" my={1} style={{ gap: 8 }}>
          <Typography variant="body2">Soonest certificate expiry</Typography>
          {summary.soonestExpiry ? (
            <ExpiryChip
              status={summary.soonestExpiry.status}
              text={`${summary.soonestExpiry.name}: ${summary.soonestExpiry.statusText}`}
            />
          ) : (
            <Typography variant="body2">none readable</Typography>
          )}
        </Box>
        <Typography variant="body2">
          {summary.failingControls.length === 0
            ? 'No failing baseline control.'
            : `Failing controls: ${summary.failingControls
                .map(c => c.id)
                .join(', ')}.`}
        </Typography>
        <Box mt={1}>
          <Link to={tabPath}>Open the AKS Baseline tab</Link>
        </Box>
      </Box>
    );
  }
  return <InfoCard title="AKS secure baseline">{body}</InfoCard>;
};
