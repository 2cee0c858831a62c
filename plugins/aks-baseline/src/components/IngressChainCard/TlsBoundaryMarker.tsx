import { TlsBoundary } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Lock from '@material-ui/icons/Lock';
import LockOpen from '@material-ui/icons/LockOpen';

const useStyles = makeStyles(theme => ({
  marker: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    width: 96,
    alignSelf: 'stretch',
    padding: theme.spacing(0, 0.5),
    borderLeft: `2px dashed ${theme.palette.divider}`,
    borderRight: `2px dashed ${theme.palette.divider}`,
    margin: theme.spacing(0, 0.5),
    textAlign: 'center',
  },
  encrypted: { color: theme.palette.success.main },
  plaintext: { color: theme.palette.warning.dark },
  text: { lineHeight: 1.2 },
}));

/**
 * The place where TLS changes on the way in, drawn between two hops: a lock
 * where a TLS session ends or starts, an open lock where traffic is plain.
 */
export const TlsBoundaryMarker = ({
  boundary,
  text,
  note,
}: {
  boundary: TlsBoundary;
  text: string;
  note: string;
}) => {
  const classes = useStyles();
  const plaintext = boundary === 'plaintext';
  const Icon = plaintext ? LockOpen : Lock;
  return (
    <div className={classes.marker} title={note}>
      <Icon
        fontSize="small"
        aria-hidden
        className={plaintext ? classes.plaintext : classes.encrypted}
      />
      <Typography variant="caption" className={classes.text}>
        {text}
      </Typography>
    </div>
  );
};
