import { aksBaselineClusterRefreshPermission } from '@aks-baseline/plugin-aks-baseline-common';
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
import RefreshIcon from '@material-ui/icons/Refresh';
import { useAbout } from '../../hooks/useAbout';
import { useFleet } from '../../hooks/useFleet';
import { useFleetRefresh } from '../../hooks/useFleetRefresh';
import { DataSourceNote } from './DataSourceNote';
import { FleetEmptyState } from './FleetEmptyState';
import { FleetTable } from './FleetTable';
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

/** The fleet page: every baseline cluster, what needs attention first. */
export const FleetPage = () => {
  const fleet = useFleet();
  const about = useAbout();
  const { value, error, retry } = fleet;

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
              {value.clusters.length > 0 ? (
                <FleetTable clusters={value.clusters} />
              ) : (
                <FleetEmptyState lastRefresh={value.lastRefresh} />
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
