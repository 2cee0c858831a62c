import { CopyTextButton, InfoCard } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { annotationSnippet, annotationsFor } from './annotationHelp';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: theme.spacing(2, 0),
    '& dt': { fontFamily: 'monospace', fontWeight: 600 },
    '& dd': { margin: 0 },
  },
  snippet: { display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1) },
  code: {
    flex: 1,
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * The help panel of an entity without the AKS Baseline annotations: exactly
 * which annotations to add, as a snippet of its own catalog-info.yaml.
 *
 * @public
 */
export const MissingAnnotationsPanel = ({ entity }: { entity: Entity }) => {
  const classes = useStyles();
  const annotations = annotationsFor(entity);
  const isCluster = entity.kind.toLowerCase() === 'resource';
  return (
    <div data-testid="aks-baseline-entity">
      <InfoCard title="AKS Baseline is not set up for this entity">
        <Typography variant="body1">
          {isCluster
            ? 'Add this annotation to the cluster’s catalog-info.yaml to show its ingress chain, certificates and baseline controls here.'
            : 'Add these annotations to the app’s catalog-info.yaml to show how requests reach it, the certificates on the way and the baseline controls of its cluster. The app onboarding template writes them for new apps.'}
        </Typography>
        <dl className={classes.list}>
          {annotations.map(a => (
            <div key={a.annotation} style={{ display: 'contents' }}>
              <dt>{a.annotation}</dt>
              <dd>{a.meaning}</dd>
            </div>
          ))}
        </dl>
        {/* Plain theme colours: the syntax-highlighting theme failed contrast checks. */}
        <div className={classes.snippet}>
          <pre className={classes.code}>
            <code>{annotationSnippet(entity)}</code>
          </pre>
          <CopyTextButton
            text={annotationSnippet(entity)}
            tooltipText="Copied"
            aria-label="Copy the annotations"
          />
        </div>
      </InfoCard>
    </div>
  );
};
