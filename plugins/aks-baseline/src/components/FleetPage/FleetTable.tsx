import {
  ClusterSortKey,
  ClusterSummary,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { subscriptionLabel } from './subscriptionLabel';
import { expiryText, formatAge } from '../../format';
import { ExpiryChip } from '../ExpiryChip';
import { HopStatusLabel, StatusLabel } from '../StatusLabel';

export const FLEET_PAGE_SIZE = 20;

const ClusterName = ({ cluster }: { cluster: ClusterSummary }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const name = cluster.entityRef ? (
    <Link to={entityRoute(parseEntityRef(cluster.entityRef))}>
      {cluster.name}
    </Link>
  ) : (
    cluster.name
  );
  return (
    <>
      <Typography variant="body2" component="span">
        {name}
      </Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        {cluster.resourceGroup}
      </Typography>
    </>
  );
};

/** Nothing to show for a cluster the portal may not read. */
const NotRead = () => (
  <Typography variant="body2" color="textSecondary">
    –
  </Typography>
);

const SoonestExpiry = ({ cluster }: { cluster: ClusterSummary }) => {
  const soonest = cluster.soonestExpiry;
  if (cluster.accessDenied) return <NotRead />;
  if (!soonest) {
    return (
      <Typography variant="body2" color="textSecondary">
        no certificates
      </Typography>
    );
  }
  return (
    <>
      <ExpiryChip
        status={soonest.status}
        text={
          soonest.daysLeft === undefined
            ? undefined
            : expiryText(soonest.daysLeft)
        }
      />
      <Typography variant="caption" display="block" color="textSecondary">
        {soonest.name}
      </Typography>
    </>
  );
};

/**
 * A cluster the portal may not read: one line with the reason, instead of
 * the reasons and errors that all follow from it.
 */
const NoAccess = ({ reason }: { reason: string }) => (
  <span title={reason}>
    <StatusLabel tone="aborted">no access</StatusLabel>
    <Typography
      variant="caption"
      display="block"
      color="textSecondary"
      data-testid="fleet-no-access"
    >
      {reason}
    </Typography>
  </span>
);

/** The status, the first reason for it, and every reason on hover. */
const StatusWithReasons = ({ cluster }: { cluster: ClusterSummary }) => {
  if (cluster.accessDenied) return <NoAccess reason={cluster.accessDenied} />;
  const reasons = cluster.reasons ?? [];
  const more = reasons.length - 1;
  return (
    <span title={reasons.join('\n')}>
      <HopStatusLabel status={cluster.worstStatus} />
      {reasons.length > 0 && (
        <Typography
          variant="caption"
          display="block"
          color="textSecondary"
          data-testid="fleet-status-reason"
        >
          {reasons[0]}
          {more > 0 && ` (+${more} more)`}
        </Typography>
      )}
    </span>
  );
};

const LastRefresh = ({ cluster }: { cluster: ClusterSummary }) => (
  <>
    <Typography variant="body2">{formatAge(cluster.refreshedAt)}</Typography>
    {cluster.stale && (
      <span title={cluster.staleReason}>
        <StatusLabel tone="warning">stale</StatusLabel>
        {cluster.staleReason && (
          <Typography variant="caption" display="block" color="textSecondary">
            {cluster.staleReason}
          </Typography>
        )}
      </span>
    )}
    {cluster.errorCount > 0 && !cluster.accessDenied && (
      <StatusLabel tone="warning">
        {cluster.errorCount} read error{cluster.errorCount === 1 ? '' : 's'}
      </StatusLabel>
    )}
  </>
);

/** A column and the server-side sort key its header sorts by. */
type FleetColumn = TableColumn<ClusterSummary> & { sortKey?: ClusterSortKey };

// The rows come sorted by the backend; sorting them again in the page
// would order one page, not the fleet.
const keepServerOrder = () => 0;

const fleetColumns: FleetColumn[] = [
  {
    title: 'Cluster',
    field: 'name',
    sortKey: 'name',
    highlight: true,
    render: row => <ClusterName cluster={row} />,
  },
  {
    title: 'Status',
    field: 'worstStatus',
    sortKey: 'status',
    render: row => <StatusWithReasons cluster={row} />,
    // Room for the first reason on two or three lines, not eight.
    cellStyle: { minWidth: 240 },
  },
  {
    title: 'Soonest expiry',
    field: 'soonestExpiry.name',
    sortKey: 'expiry',
    render: row => <SoonestExpiry cluster={row} />,
  },
  {
    title: 'Failing controls',
    field: 'failingControls',
    sortKey: 'failingControls',
    type: 'numeric',
    render: row =>
      row.accessDenied ? <NotRead /> : String(row.failingControls),
  },
  {
    title: 'Owner',
    field: 'owner',
    sortKey: 'owner',
    render: row =>
      row.owner ?? (
        <Typography variant="body2" color="textSecondary" component="span">
          no owner tag
        </Typography>
      ),
  },
  {
    title: 'Subscription',
    field: 'subscriptionId',
    sortKey: 'subscription',
    // The display name when Azure listed it; the whole id on hover.
    render: row => (
      <Typography
        variant="body2"
        component="span"
        title={row.subscriptionId}
        style={row.subscriptionName ? {} : { fontFamily: 'monospace' }}
      >
        {subscriptionLabel(row)}
      </Typography>
    ),
  },
  { title: 'Region', field: 'location', sortKey: 'region' },
  {
    title: 'Last refresh',
    field: 'refreshedAt',
    sortKey: 'refreshedAt',
    render: row => <LastRefresh cluster={row} />,
  },
];

const columns: FleetColumn[] = fleetColumns.map(column => ({
  ...column,
  customSort: keepServerOrder,
}));

/**
 * One page of the fleet, as the backend sorted and filtered it. Clicking a
 * header asks the backend for another order (`onSort`); the pager is below.
 */
export const FleetTable = ({
  clusters,
  total,
  onSort,
}: {
  clusters: ClusterSummary[];
  total: number;
  onSort: (sort: ClusterSortKey, order: 'asc' | 'desc') => void;
}) => {
  // material-table writes its bookkeeping into each row; give it copies.
  const rows = useMemo(() => clusters.map(c => ({ ...c })), [clusters]);
  return (
    <Table<ClusterSummary>
      title={`Clusters (${total})`}
      subtitle="Worst first: failing hops, stale data, soonest certificate expiry, most failing controls"
      columns={columns}
      data={rows}
      onOrderChange={(index, direction) =>
        onSort(
          columns[index]?.sortKey ?? 'attention',
          index < 0 ? 'asc' : direction,
        )
      }
      localization={{
        body: { emptyDataSourceMessage: 'No clusters match these filters' },
      }}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        // Draggable headers nest a button in the sort button: not reachable
        // by keyboard users and flagged by axe.
        draggable: false,
      }}
    />
  );
};
