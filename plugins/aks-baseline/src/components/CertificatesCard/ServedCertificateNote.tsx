import { ServedCertificate } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';
import { formatDate } from '../../format';
import { StatusLabel } from '../StatusLabel';

/** What the probe is, how to turn it on, and why it is off by default. */
export const NOT_PROBED =
  'The TLS probe opens a handshake to the listener host from the portal and compares what is served with Key Vault (a rotation App Gateway has not picked up). It is off by default because it connects from the portal to your hosts; turn it on with aksBaseline.tlsProbe.enabled: true.';

/**
 * What the live TLS handshake saw, next to what Key Vault holds: a mismatch
 * means a rotation App Gateway has not picked up.
 */
export const ServedCertificateNote = ({
  served,
}: {
  served?: ServedCertificate;
}) => {
  if (!served) {
    return (
      <>
        <Typography variant="body2" color="textSecondary">
          not probed
        </Typography>
        <Typography variant="caption" display="block" color="textSecondary">
          {NOT_PROBED}
        </Typography>
      </>
    );
  }
  return (
    <>
      {served.matchesKeyVault === false ? (
        <StatusLabel tone="error">differs from Key Vault</StatusLabel>
      ) : (
        <StatusLabel tone="ok">
          {served.matchesKeyVault ? 'matches Key Vault' : 'served'}
        </StatusLabel>
      )}
      {!served.hostMatches && (
        <StatusLabel tone="error">does not match the host</StatusLabel>
      )}
      <Typography variant="caption" display="block" color="textSecondary">
        served: {served.subject}, until {formatDate(served.notAfter)}
      </Typography>
    </>
  );
};
