import {
  RefreshRunInfo,
  SourceError,
} from '@aks-baseline/plugin-aks-baseline-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../../format';
import { SourceErrorsPanel } from '../SourceErrorsPanel';
import { StatusLabel, StatusTone } from '../StatusLabel';

const TONE: Record<RefreshRunInfo['status'], StatusTone> = {
  succeeded: 'ok',
  partial: 'warning',
  failed: 'error',
};

/** Where each kind of error came from, as the fleet page names it. */
const SOURCE: Record<SourceError['kind'], string> = {
  subscription: 'Azure',
  resource: 'Azure',
  vault: 'Azure',
  cluster: 'Azure',
  kubernetes: 'Kubernetes API servers',
  'tls-probe': 'TLS probes',
  catalog: 'catalog',
  source: 'cluster sources',
};

/** `Azure 1, Kubernetes API servers 2`: a run's errors counted by where they came from. */
export function errorSources(errors: SourceError[]): string {
  const counts = new Map<string, number>();
  for (const { kind } of errors) {
    counts.set(SOURCE[kind], (counts.get(SOURCE[kind]) ?? 0) + 1);
  }
  return [...counts].map(([source, n]) => `${source} ${n}`).join(', ');
}

/**
 * A cluster or its API server refusing the portal's identity: the cluster's
 * row says so, so the panel counts them instead of listing each.
 */
export function isAccessError(error: SourceError): boolean {
  return (
    (error.kind === 'kubernetes' || error.kind === 'cluster') &&
    (error.status === 401 || error.status === 403)
  );
}

/** When the snapshot was taken, how it went, and what it could not read. */
export const LastRefreshSummary = ({
  lastRefresh,
}: {
  lastRefresh?: RefreshRunInfo;
}) => {
  if (!lastRefresh) {
    return (
      <Typography variant="body2">
        No refresh has finished yet: the first one runs at start-up.
      </Typography>
    );
  }
  const { status, finishedAt, clusterCount, requestCount, errors } =
    lastRefresh;
  const refused = errors.filter(isAccessError).length;
  const listed = errors.filter(e => !isAccessError(e));
  return (
    <Box>
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        style={{ gap: 12 }}
      >
        <StatusLabel tone={TONE[status]}>Last refresh {status}</StatusLabel>
        <Typography variant="body2">
          {formatAge(finishedAt)} ({finishedAt.slice(0, 16).replace('T', ' ')}{' '}
          UTC): {clusterCount} cluster{clusterCount === 1 ? '' : 's'},{' '}
          {requestCount} Azure request{requestCount === 1 ? '' : 's'}
        </Typography>
      </Box>
      <Box mt={1}>
        <SourceErrorsPanel
          title={`${errors.length} error${
            errors.length === 1 ? '' : 's'
          } in the last refresh (${errorSources(errors)})`}
          errors={listed}
          severity={status === 'failed' ? 'error' : 'warning'}
        />
        {refused > 0 && (
          <Typography variant="body2" data-testid="fleet-access-errors">
            {refused} cluster{refused === 1 ? '' : 's'} refused the portal (HTTP
            401/403): their rows say "no access" and why.
          </Typography>
        )}
      </Box>
    </Box>
  );
};
