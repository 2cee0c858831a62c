import { SourceError } from '@aks-baseline/plugin-aks-baseline-common';
import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * What could not be read at a refresh (a subscription, a vault, a TLS
 * probe...), each attached to its scope, so the rest of the data still shows.
 */
export const SourceErrorsPanel = ({
  title,
  errors,
  severity = 'warning',
}: {
  title: string;
  errors: SourceError[];
  severity?: 'warning' | 'error';
}) => {
  if (errors.length === 0) return null;
  return (
    <WarningPanel severity={severity} title={title}>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {errors.map((error, index) => (
          <li key={index}>
            <Typography variant="body2">
              <strong>{error.kind}</strong>{' '}
              <code style={{ wordBreak: 'break-all' }}>{error.scope}</code>
              {error.status ? ` (HTTP ${error.status})` : ''}: {error.message}
            </Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
};
