import { ControlResult } from '@aks-baseline/plugin-aks-baseline-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ControlStatusLabel } from '../StatusLabel';

const useStyles = makeStyles({
  status: { whiteSpace: 'nowrap' },
  value: { wordBreak: 'break-word', maxWidth: 280 },
});

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
            <TableCell className={classes.value}>{control.found}</TableCell>
            <TableCell className={classes.value}>{control.expected}</TableCell>
            <TableCell className={classes.value}>{control.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
