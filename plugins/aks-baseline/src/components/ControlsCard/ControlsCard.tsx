import { ControlResult } from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CardBody } from '../CardBody';
import { ControlStatusLabel } from '../StatusLabel';
import { ControlsTable } from './ControlsTable';
import { AREA_LABEL, countsText, groupControls } from './groupControls';

/** @public */
export interface ControlsCardProps {
  loading?: boolean;
  error?: Error;
  controls?: ControlResult[];
}

function summary(controls: ControlResult[]): string {
  const failing = controls.filter(c => c.status === 'fail').length;
  return failing === 0
    ? `${controls.length} controls, none failing`
    : `${failing} of ${controls.length} controls failing`;
}

/**
 * The baseline controls by area, failures first. Areas that fail or warn
 * start open; the others start closed so the failures stand out.
 *
 * @public
 */
export const ControlsCard = ({
  loading,
  error,
  controls,
}: ControlsCardProps) => (
  <InfoCard
    title="Baseline controls"
    subheader={controls?.length ? summary(controls) : undefined}
  >
    <CardBody loading={loading} error={error}>
      {() =>
        controls?.length ? (
          groupControls(controls).map(group => (
            <Accordion
              key={group.area}
              defaultExpanded={group.needsAttention}
              TransitionProps={{ unmountOnExit: true }}
            >
              <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                <Typography
                  variant="subtitle1"
                  component="span"
                  style={{ marginRight: 16 }}
                >
                  {AREA_LABEL[group.area]}
                </Typography>
                <ControlStatusLabel status={group.controls[0].status} />
                <Typography
                  variant="body2"
                  color="textSecondary"
                  style={{ marginLeft: 16 }}
                >
                  {countsText(group.counts)}
                </Typography>
              </AccordionSummary>
              <AccordionDetails style={{ overflowX: 'auto' }}>
                <ControlsTable
                  label={`${AREA_LABEL[group.area]} controls`}
                  controls={group.controls}
                />
              </AccordionDetails>
            </Accordion>
          ))
        ) : (
          <Typography variant="body1">
            No control results: the cluster has not been evaluated yet.
          </Typography>
        )
      }
    </CardBody>
  </InfoCard>
);
