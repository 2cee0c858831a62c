import {
  ChainHop,
  ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import { CopyTextButton, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { azurePortalUrl } from '../../azurePortal';
import { useCloudName } from '../../hooks/useCloudName';
import { Remediation } from '../ControlsCard/ControlsTable';
import { ControlStatusLabel, HopStatusLabel } from '../StatusLabel';
import { WorkloadSentence } from '../WorkloadSentence';
import { KubernetesObjects } from './KubernetesObjects';
import { tlsBoundaryText } from './hopText';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), maxWidth: 520 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, wordBreak: 'break-word' },
  },
  mono: { fontFamily: 'monospace', fontSize: '0.8rem', wordBreak: 'break-all' },
  control: { marginTop: theme.spacing(1) },
}));

/** Found vs expected for a control judged on the hop, failures in full. */
const HopControl = ({ control }: { control: ControlResult }) => {
  const classes = useStyles();
  const judged = control.status !== 'pass';
  return (
    <li className={classes.control}>
      <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
        <ControlStatusLabel status={control.status} />
        <Typography variant="body2">
          <strong>{control.id}</strong> {control.title}
        </Typography>
      </Box>
      {judged && (
        <dl className={classes.list}>
          <dt>Found</dt>
          <dd>
            <WorkloadSentence text={control.found} />
          </dd>
          <dt>Expected</dt>
          <dd>{control.expected}</dd>
          <dt>Why</dt>
          <dd>
            <WorkloadSentence text={control.reason} />
          </dd>
          {control.remediation && control.status !== 'not-applicable' && (
            <>
              <dt>What to do</dt>
              <dd>
                <Remediation remediation={control.remediation} />
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
};

/** The hop's ARM id, a copy button and its page in the Azure portal of the plugin's cloud. */
const ResourceId = ({ resourceId }: { resourceId: string }) => {
  const classes = useStyles();
  const cloud = useCloudName();
  const portalUrl = azurePortalUrl(resourceId, cloud);
  return (
    <>
      <dt>Resource id</dt>
      <dd>
        <span className={classes.mono}>{resourceId}</span>
        <CopyTextButton
          text={resourceId}
          aria-label="Copy the resource id"
          tooltipText="Resource id copied"
        />
        {portalUrl && (
          <Box>
            <Link to={portalUrl}>Open in the Azure portal</Link>
          </Box>
        )}
      </dd>
    </>
  );
};

/** Everything known about one hop: ids, values, TLS and its controls. */
export const HopDetails = ({
  hop,
  controls,
  titleId,
}: {
  hop: ChainHop;
  controls: ControlResult[];
  titleId: string;
}) => {
  const classes = useStyles();
  const judged = hop.controlIds.map(id => ({
    id,
    result: controls.find(c => c.id === id),
  }));
  return (
    <div className={classes.root}>
      <Typography variant="h6" component="h3" id={titleId}>
        {hop.title}
      </Typography>
      <HopStatusLabel status={hop.status} />
      <Typography variant="body2" paragraph>
        <WorkloadSentence text={hop.statusText} />
      </Typography>
      <dl className={classes.list}>
        {hop.tls && (
          <>
            <dt>TLS</dt>
            <dd>
              {tlsBoundaryText(hop.kind, hop.tls.boundary)}: {hop.tls.note}
            </dd>
          </>
        )}
        {hop.resourceId && <ResourceId resourceId={hop.resourceId} />}
        {hop.kubernetesObjects && hop.kubernetesObjects.length > 0 && (
          <KubernetesObjects
            objects={hop.kubernetesObjects}
            monoClassName={classes.mono}
          />
        )}
        {hop.details.map(detail => (
          <Fragment key={detail.label}>
            <dt>{detail.label}</dt>
            <dd>
              <WorkloadSentence text={detail.value} />
            </dd>
          </Fragment>
        ))}
      </dl>
      {judged.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h4">
            Baseline controls on this hop
          </Typography>
          <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
            {judged.map(({ id, result }) =>
              result ? (
                <HopControl key={id} control={result} />
              ) : (
                <li key={id}>
                  <Typography variant="body2">{id}: no result</Typography>
                </li>
              ),
            )}
          </Box>
        </>
      )}
    </div>
  );
};
