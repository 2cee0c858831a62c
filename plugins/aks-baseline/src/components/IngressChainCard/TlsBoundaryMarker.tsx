import { TlsBoundaryInfo } from '@aks-baseline/plugin-aks-baseline-common';
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
  error: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.dark },
  text: { lineHeight: 1.2 },
  certificate: { lineHeight: 1.2, fontWeight: 600 },
}));

/** The certificate's state in a few words: `certificate expired 3 days ago`. */
function certificateLine(tls: TlsBoundaryInfo): string | undefined {
  const certificate = tls.certificate;
  if (!certificate || (tls.status !== 'error' && tls.status !== 'warning')) {
    return undefined;
  }
  return `certificate ${certificate.statusText.split('; ')[0]}`;
}

/** Plain traffic amber, a failing certificate red or amber, else green. */
function markerClass(
  classes: ReturnType<typeof useStyles>,
  tls: TlsBoundaryInfo,
): string {
  if (tls.boundary === 'plaintext') return classes.plaintext;
  if (tls.status === 'error') return classes.error;
  if (tls.status === 'warning') return classes.warning;
  return classes.encrypted;
}

/**
 * The place where TLS changes on the way in, drawn between two hops: a lock
 * where a TLS session ends or starts, an open lock where traffic is plain;
 * red (with the certificate's days) when the certificate that makes the
 * boundary has expired, amber when it is within the critical threshold.
 */
export const TlsBoundaryMarker = ({
  tls,
  text,
}: {
  tls: TlsBoundaryInfo;
  text: string;
}) => {
  const classes = useStyles();
  const plaintext = tls.boundary === 'plaintext';
  const Icon = plaintext ? LockOpen : Lock;
  const iconClass = markerClass(classes, tls);
  const line = certificateLine(tls);
  const title = [
    tls.note,
    tls.certificate && `${tls.certificate.name}: ${tls.certificate.statusText}`,
    tls.fix && `Fix: ${tls.fix}`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      className={classes.marker}
      title={title}
      data-tls-status={tls.status ?? 'unknown'}
    >
      <Icon fontSize="small" aria-hidden className={iconClass} />
      <Typography variant="caption" className={classes.text}>
        {text}
      </Typography>
      {line && (
        <Typography
          variant="caption"
          className={`${classes.certificate} ${iconClass}`}
        >
          {line}
        </Typography>
      )}
    </div>
  );
};
