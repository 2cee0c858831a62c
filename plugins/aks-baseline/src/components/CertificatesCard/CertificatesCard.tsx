import { CertificateInfo } from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
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

// Dates and short words stay on one line; long secret names may break.
const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  breakable: { wordBreak: 'break-word', minWidth: 140 },
});

const CertificateRow = ({ certificate }: { certificate: CertificateInfo }) => {
  const classes = useStyles();
  return (
    <TableRow>
      <TableCell>{PURPOSE_LABEL[certificate.purpose]}</TableCell>
      <TableCell className={classes.breakable}>
        <Typography variant="body2">{certificate.name}</Typography>
        {certificate.host && (
          <Typography variant="caption" color="textSecondary">
            {certificate.host}
          </Typography>
        )}
      </TableCell>
      <TableCell
        title={certificate.keyVaultSecretId}
        className={classes.breakable}
      >
        {keyVaultSecretLabel(certificate)}
      </TableCell>
      <TableCell className={classes.nowrap}>
        {formatDate(certificate.notAfter)}
      </TableCell>
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
      <TableCell className={classes.nowrap}>
        <ServedCertificateNote served={certificate.served} />
      </TableCell>
    </TableRow>
  );
};

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
}: CertificatesCardProps) => {
  const classes = useStyles();
  return (
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
                  <TableCell className={classes.nowrap}>Expires</TableCell>
                  <TableCell className={classes.nowrap}>Days left</TableCell>
                  <TableCell className={classes.nowrap}>Served</TableCell>
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
              No certificates on this chain: the listener may be HTTP only, or
              its certificate is not referenced from Key Vault.
            </Typography>
          )
        }
      </CardBody>
    </InfoCard>
  );
};
