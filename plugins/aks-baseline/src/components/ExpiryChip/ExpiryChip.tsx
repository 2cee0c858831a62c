import { ExpiryStatus } from '@aks-baseline/plugin-aks-baseline-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import HighlightOff from '@material-ui/icons/HighlightOff';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';

const useStyles = makeStyles(theme => ({
  chip: { height: 'auto', minHeight: 24 },
  label: {
    whiteSpace: 'nowrap',
    paddingTop: 2,
    paddingBottom: 2,
    color: theme.palette.text.primary,
  },
  word: { fontWeight: theme.typography.fontWeightBold as number },
}));

// A different shape per status, so it reads without colour.
const ICON: Record<ExpiryStatus, typeof CheckCircleOutline> = {
  ok: CheckCircleOutline,
  warning: ReportProblemOutlined,
  critical: ErrorOutline,
  expired: HighlightOff,
  unknown: HelpOutline,
};

function statusColour(theme: Theme, status: ExpiryStatus): string {
  switch (status) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'critical':
      return theme.palette.error.main;
    case 'expired':
      return theme.palette.error.dark;
    default:
      return theme.palette.text.secondary;
  }
}

export interface ExpiryChipProps {
  status: ExpiryStatus;
  /** Days left in words, e.g. `expires in 21 days`; absent when unknown. */
  text?: string;
}

/**
 * A certificate's expiry as a chip: icon, status word and days left. Colour
 * is on the border and icon only, so the text keeps its contrast; "expired 3
 * days ago" already says its status, so the word is not repeated.
 */
export const ExpiryChip = ({ status, text }: ExpiryChipProps) => {
  const classes = useStyles();
  const colour = statusColour(useTheme(), status);
  const Icon = ICON[status];
  const showWord = !text || !text.startsWith(status);
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      classes={{ label: classes.label }}
      style={{ borderColor: colour }}
      icon={<Icon style={{ color: colour }} aria-hidden />}
      label={
        <span>
          {showWord && <span className={classes.word}>{status}</span>}
          {showWord && text && ' · '}
          {text && <span>{text}</span>}
        </span>
      }
    />
  );
};
