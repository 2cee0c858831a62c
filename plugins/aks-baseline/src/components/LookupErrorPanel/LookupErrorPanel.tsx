import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { describeLookupError } from './describeLookupError';

/**
 * An error of the backend as a panel that says what happened and what to do,
 * never a blank card: 400 (annotations), 403, 404 (not in the snapshot).
 */
export const LookupErrorPanel = ({ error }: { error: Error }) => {
  const { status, title, message, hint } = describeLookupError(error);
  return (
    <WarningPanel
      severity={status === 404 || status === 400 ? 'warning' : 'error'}
      title={title}
      message={message}
      defaultExpanded
    >
      {hint && <Typography variant="body2">{hint}</Typography>}
    </WarningPanel>
  );
};
