import { AboutResponse } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';

const SOURCE_LABELS: Record<string, string> = {
  demo: 'Demo estate (recorded Azure responses, no account needed)',
  azure: 'Azure subscriptions',
  config: 'Cluster ids from configuration',
  catalog: 'Catalog cluster entities',
};

/** Where the clusters come from, in one small line under the table. */
export const DataSourceNote = ({ about }: { about?: AboutResponse }) => {
  if (!about) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Data source: {about.sources.map(s => SOURCE_LABELS[s] ?? s).join(', ')} ·
      Azure cloud: {about.cloud} · backend plugin {about.version}
    </Typography>
  );
};
