import {
  ChainHop,
  EgressFlowResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { StatusLabel } from '../StatusLabel';

/** Blocked flows first; otherwise the backend's order (the requirement list's). */
function blockedFirst(flows: EgressFlowResult[]): EgressFlowResult[] {
  return [...flows.filter(f => !f.allowed), ...flows.filter(f => f.allowed)];
}

const flowName = (flow: EgressFlowResult) =>
  `${flow.destination}:${flow.port} (${flow.protocol})`;

/**
 * Each outbound flow the cluster needs and what its firewall answers (FW-02):
 * the verdict and the rule that decided it, blocked flows first.
 */
export const EgressFlows = ({ hops }: { hops: ChainHop[] }) => {
  const flows = hops.find(h => h.kind === 'firewall')?.egressFlows;
  if (!flows || flows.length === 0) return null;
  const blocked = flows.filter(f => !f.allowed).length;
  return (
    <Box component="section" mt={2}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        Required egress flows: {flows.length - blocked} of {flows.length}{' '}
        allowed
        {blocked > 0 ? `, ${blocked} blocked` : ''}
      </Typography>
      <Table size="small" aria-label="Required egress flows">
        <TableHead>
          <TableRow>
            <TableCell>Verdict</TableCell>
            <TableCell>Flow</TableCell>
            <TableCell>Needed by</TableCell>
            <TableCell>Deciding rule</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {blockedFirst(flows).map(flow => (
            <TableRow key={flow.requirement}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <StatusLabel tone={flow.allowed ? 'ok' : 'error'}>
                  {flow.allowed ? 'Allowed' : 'Blocked'}
                </StatusLabel>
              </TableCell>
              <TableCell title={flow.why}>{flowName(flow)}</TableCell>
              <TableCell>{flow.components.join(', ')}</TableCell>
              <TableCell>{flow.rule ?? 'default deny'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
