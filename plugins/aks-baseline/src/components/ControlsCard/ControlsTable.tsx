import {
  ControlRemediation,
  ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ControlStatusLabel } from '../StatusLabel';
import { WorkloadSentence } from '../WorkloadSentence';

const useStyles = makeStyles({
  status: { whiteSpace: 'nowrap' },
  value: { wordBreak: 'break-word', maxWidth: 280 },
  command: { fontFamily: 'monospace', wordBreak: 'break-all' },
});

/** What to change, the az command and the Microsoft page: shown where a control is not met. */
export const Remediation = ({
  remediation,
}: {
  remediation: ControlRemediation;
}) => {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2">Fix: {remediation.change}</Typography>
      <Typography variant="body2" className={classes.command}>
        {remediation.command}
      </Typography>
      <Link to={remediation.doc}>{remediation.doc}</Link>
    </>
  );
};

/** One area's controls with found vs expected and why. */
export const ControlsTable = ({
  label,
  controls,
}: {
  label: string;
  controls: ControlResult[];
}) => {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell className={classes.status}>Status</TableCell>
          <TableCell>Control</TableCell>
          <TableCell className={classes.status}>Severity</TableCell>
          <TableCell>Found</TableCell>
          <TableCell>Expected</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {controls.map(control => (
          <TableRow key={`${control.id}|${control.resourceId ?? ''}`}>
            <TableCell className={classes.status}>
              <ControlStatusLabel status={control.status} />
            </TableCell>
            <TableCell>
              <Typography variant="body2">
                <strong>{control.id}</strong> {control.title}
              </Typography>
            </TableCell>
            <TableCell className={classes.status}>{control.severity}</TableCell>
            <TableCell className={classes.value}>
              <WorkloadSentence text={control.found} />
            </TableCell>
            <TableCell className={classes.value}>{control.expected}</TableCell>
            <TableCell className={classes.value}>
              <WorkloadSentence text={control.reason} />
              {control.remediation &&
                control.status !== 'pass' &&
                control.status !== 'not-applicable' && (
                  <Remediation remediation={control.remediation} />
                )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
