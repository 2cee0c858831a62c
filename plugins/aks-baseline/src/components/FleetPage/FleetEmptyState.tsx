import { RefreshRunInfo } from '@aks-baseline/plugin-aks-baseline-common';
import { EmptyState } from '@backstage/core-components';

/** No clusters: either nothing has run yet, or the sources found nothing. */
export const FleetEmptyState = ({
  lastRefresh,
}: {
  lastRefresh?: RefreshRunInfo;
}) =>
  lastRefresh ? (
    <EmptyState
      missing="data"
      title="The last refresh found no clusters"
      description="Check aksBaseline.sources in app-config.yaml (azure, config or catalog) and the source modules the backend adds (such as the demo), the errors above, and that the backend's identity can read the subscriptions."
    />
  ) : (
    <EmptyState
      missing="data"
      title="No clusters yet: the first refresh runs at start-up"
      description="It reads the configured sources and usually takes a minute; this page shows the clusters once it has finished."
    />
  );
