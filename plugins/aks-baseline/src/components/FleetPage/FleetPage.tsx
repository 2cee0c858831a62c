import {
  aksBaselineClusterRefreshPermission,
  ClusterListFilters,
  ClusterSortKey,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TablePagination from '@material-ui/core/TablePagination';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useState } from 'react';
import { useAbout } from '../../hooks/useAbout';
import { useFleet } from '../../hooks/useFleet';
import { useFleetRefresh } from '../../hooks/useFleetRefresh';
import { DataSourceNote } from './DataSourceNote';
import { CsvExportButton } from './CsvExportButton';
import { FleetEmptyState } from './FleetEmptyState';
import { FleetFilters, hasFilters } from './FleetFilters';
import { FLEET_PAGE_SIZE, FleetTable } from './FleetTable';
import { LastRefreshSummary } from './LastRefreshSummary';

/** Only users allowed to refresh see the button; the backend checks again. */
const RefreshButton = ({
  lastFinishedAt,
  reload,
}: {
  lastFinishedAt?: string;
  reload: () => void;
}) => {
  const { allowed } = usePermission({
    permission: aksBaselineClusterRefreshPermission,
  });
  const { start, running } = useFleetRefresh({ lastFinishedAt, reload });
  if (!allowed) return null;
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={start}
      disabled={running}
    >
      {running ? 'Refreshing…' : 'Refresh from Azure'}
    </Button>
  );
};

/** What the page shows of the fleet: filters, order and page. */
interface FleetView {
  filters: ClusterListFilters;
  sort: ClusterSortKey;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const FIRST_VIEW: FleetView = {
  filters: {},
  sort: 'attention',
  order: 'asc',
  page: 0,
  pageSize: FLEET_PAGE_SIZE,
};

/**
 * The fleet page: every baseline cluster, what needs attention first. The
 * backend filters, sorts and pages, so the page costs the same at 10,000
 * clusters as at 10.
 */
export const FleetPage = () => {
  const [view, setView] = useState(FIRST_VIEW);
  const fleet = useFleet({
    ...view.filters,
    sort: view.sort,
    order: view.order,
    offset: view.page * view.pageSize,
    limit: view.pageSize,
  });
  const about = useAbout();
  const { value, error, retry } = fleet;
  // Any change but the page itself starts again at the first page.
  const change = (patch: Partial<FleetView>) =>
    setView(v => ({ ...v, page: 0, ...patch }));
  const empty = value?.total === 0 && !hasFilters(view.filters);

  return (
    <Page themeId="tool">
      <Header
        title="AKS Baseline"
        subtitle="Ingress chains, certificates and baseline controls across the fleet"
      />
      <Content>
        {/* The test id scopes the browser test's accessibility check to this plugin. */}
        <div data-testid="aks-baseline-fleet">
          <ContentHeader title="Fleet">
            <RefreshButton
              lastFinishedAt={value?.lastRefresh?.finishedAt}
              reload={retry}
            />
          </ContentHeader>
          {error && <ResponseErrorPanel error={error} />}
          {!value && !error && <Progress />}
          {value && (
            <>
              <Box mb={2}>
                <LastRefreshSummary lastRefresh={value.lastRefresh} />
              </Box>
              {empty ? (
                <FleetEmptyState lastRefresh={value.lastRefresh} />
              ) : (
                <>
                  <Box
                    mb={2}
                    display="flex"
                    alignItems="center"
                    justifyContent="space-between"
                    style={{ gap: 12 }}
                  >
                    <FleetFilters
                      filters={view.filters}
                      options={value.filterOptions}
                      onChange={filters => change({ filters })}
                    />
                    <CsvExportButton filters={view.filters} />
                  </Box>
                  <FleetTable
                    clusters={value.clusters}
                    total={value.total}
                    onSort={(sort, order) => change({ sort, order })}
                  />
                  <TablePagination
                    component="div"
                    count={value.total}
                    page={view.page}
                    rowsPerPage={view.pageSize}
                    rowsPerPageOptions={[20, 50, 100]}
                    onPageChange={(_, page) => setView(v => ({ ...v, page }))}
                    onRowsPerPageChange={e =>
                      change({ pageSize: Number(e.target.value) })
                    }
                  />
                </>
              )}
            </>
          )}
          <Box mt={2}>
            <DataSourceNote about={about.value} />
          </Box>
        </div>
      </Content>
    </Page>
  );
};
