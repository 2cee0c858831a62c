import { CertificateInfo } from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CardBody } from '../CardBody';
import { formatDate } from '../../format';
import { ExpiryChip } from '../ExpiryChip';
import { keyVaultSecretLabel, PURPOSE_LABEL } from './certificateText';
import { ServedCertificateNote } from './ServedCertificateNote';

/** @public */
export interface CertificatesCardProps {
  loading?: boolean;
  error?: Error;
  certificates?: CertificateInfo[];
}

const CertificateRow = ({ certificate }: { certificate: CertificateInfo }) => (
  <TableRow>
    <TableCell>{PURPOSE_LABEL[certificate.purpose]}</TableCell>
    <TableCell>
      <Typography variant="body2">{certificate.name}</Typography>
      {certificate.host && (
        <Typography variant="caption" color="textSecondary">
          {certificate.host}
        </Typography>
      )}
    </TableCell>
    <TableCell title={certificate.keyVaultSecretId}>
      {keyVaultSecretLabel(certificate)}
    </TableCell>
    <TableCell>{formatDate(certificate.notAfter)}</TableCell>
    <TableCell>
      <ExpiryChip
        status={certificate.status}
        text={
          certificate.daysLeft === undefined
            ? undefined
            : certificate.statusText
        }
      />
      {certificate.daysLeft === undefined && (
        <Typography variant="caption" display="block" color="textSecondary">
          {certificate.error ?? certificate.statusText}
        </Typography>
      )}
    </TableCell>
    <TableCell>
      <ServedCertificateNote served={certificate.served} />
    </TableCell>
  </TableRow>
);

/**
 * Every certificate on the chain: where it is used, its Key Vault secret and
 * when it expires; the served certificate when the backend probed the host.
 *
 * @public
 */
export const CertificatesCard = ({
  loading,
  error,
  certificates,
}: CertificatesCardProps) => (
  <InfoCard title="Certificates">
    <CardBody loading={loading} error={error}>
      {() =>
        certificates?.length ? (
          <Table size="small" aria-label="Certificates">
            <TableHead>
              <TableRow>
                <TableCell>Purpose</TableCell>
                <TableCell>Certificate</TableCell>
                <TableCell>Key Vault secret</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Days left</TableCell>
                <TableCell>Served</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {certificates.map(certificate => (
                <CertificateRow
                  key={`${certificate.purpose}|${certificate.name}|${
                    certificate.host ?? ''
                  }`}
                  certificate={certificate}
                />
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body1">
            No certificates on this chain: the listener may be HTTP only, or its
            certificate is not referenced from Key Vault.
          </Typography>
        )
      }
    </CardBody>
  </InfoCard>
);
