import { ServedCertificate } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';
import { formatDate } from '../../format';
import { StatusLabel } from '../StatusLabel';

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
      <Typography variant="body2" color="textSecondary">
        not probed
      </Typography>
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
