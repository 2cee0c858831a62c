import {
  ClusterSummary,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { expiryText, formatAge } from '../../format';
import { ExpiryChip } from '../ExpiryChip';
import { HopStatusLabel, StatusLabel } from '../StatusLabel';

/** Same order as the backend's "worst first", for sorting by the column. */
const ATTENTION: Record<HopStatus, number> = {
  error: 0,
  warning: 1,
  'not-observed': 2,
  ok: 3,
};

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

const SoonestExpiry = ({ cluster }: { cluster: ClusterSummary }) => {
  const soonest = cluster.soonestExpiry;
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

/** The status, the first reason for it, and every reason on hover. */
const StatusWithReasons = ({ cluster }: { cluster: ClusterSummary }) => {
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
    {cluster.errorCount > 0 && (
      <StatusLabel tone="warning">
        {cluster.errorCount} read error{cluster.errorCount === 1 ? '' : 's'}
      </StatusLabel>
    )}
  </>
);

const columns: TableColumn<ClusterSummary>[] = [
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    render: row => <ClusterName cluster={row} />,
    customFilterAndSearch: (term: string, row) =>
      [row.name, row.resourceGroup, row.entityRef ?? '']
        .join(' ')
        .toLowerCase()
        .includes(term.toLowerCase()),
  },
  {
    title: 'Status',
    field: 'worstStatus',
    render: row => <StatusWithReasons cluster={row} />,
    // Room for the first reason on two or three lines, not eight.
    cellStyle: { minWidth: 240 },
    customSort: (a, b) => ATTENTION[a.worstStatus] - ATTENTION[b.worstStatus],
  },
  {
    title: 'Soonest expiry',
    field: 'soonestExpiry.name',
    render: row => <SoonestExpiry cluster={row} />,
    customSort: (a, b) =>
      (a.soonestExpiry?.daysLeft ?? Infinity) -
      (b.soonestExpiry?.daysLeft ?? Infinity),
  },
  {
    title: 'Failing controls',
    field: 'failingControls',
    type: 'numeric',
  },
  {
    title: 'Subscription',
    field: 'subscriptionId',
    // The first block of the GUID tells subscriptions apart at a glance; the
    // whole id is in the tooltip, the search and the filter.
    render: row => (
      <Typography
        variant="body2"
        component="span"
        title={row.subscriptionId}
        style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
      >
        {row.subscriptionId.split('-')[0]}…
      </Typography>
    ),
  },
  { title: 'Region', field: 'location' },
  {
    title: 'Last refresh',
    field: 'refreshedAt',
    render: row => <LastRefresh cluster={row} />,
    searchable: false,
  },
];

/**
 * The fleet, worst first as the backend sorts it; sortable by every column,
 * searchable, filterable by status, subscription and region, and paged so a
 * thousand clusters render as fast as twenty.
 */
export const FleetTable = ({ clusters }: { clusters: ClusterSummary[] }) => {
  // material-table writes its bookkeeping into each row; give it copies.
  const rows = useMemo(() => clusters.map(c => ({ ...c })), [clusters]);
  return (
    <Table<ClusterSummary>
      title={`Clusters (${clusters.length})`}
      subtitle="Worst first: failing hops, stale data, soonest certificate expiry, most failing controls"
      columns={columns}
      data={rows}
      filters={[
        { column: 'Status', type: 'multiple-select' },
        { column: 'Subscription', type: 'select' },
        { column: 'Region', type: 'select' },
      ]}
      options={{
        paging: true,
        pageSize: FLEET_PAGE_SIZE,
        pageSizeOptions: [20, 50, 100],
        emptyRowsWhenPaging: false,
        search: true,
        padding: 'dense',
        // Draggable headers nest a button in the sort button: not reachable
        // by keyboard users and flagged by axe.
        draggable: false,
      }}
    />
  );
};
