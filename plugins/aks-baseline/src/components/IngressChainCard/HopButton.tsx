import { ChainHop } from '@aks-baseline/plugin-aks-baseline-common';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent } from 'react';
import { HopStatusLabel } from '../StatusLabel';
import { HOP_KIND_LABEL, hopAccessibleName } from './hopText';

const useStyles = makeStyles(theme => ({
  column: { display: 'flex', flexDirection: 'column', width: 168 },
  hop: {
    width: 168,
    minHeight: 76,
    padding: theme.spacing(1),
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    textAlign: 'left',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.paper,
    '&:hover': { background: theme.palette.action.hover },
  },
  focusVisible: {
    outline: `3px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
  // Unobserved hops are drawn dashed: a second cue next to the status text.
  notObserved: { borderStyle: 'dashed' },
  // A trace's stopping hop: a heavy border, besides its status and its name.
  highlighted: {
    borderWidth: 3,
    borderColor: theme.palette.error.main,
  },
  kind: {
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    color: theme.palette.text.secondary,
    marginBottom: theme.spacing(0.5),
  },
  title: { fontWeight: 500, wordBreak: 'break-word', lineHeight: 1.25 },
}));

/** One hop of a chain; a button that opens the hop's details. */
export const HopButton = ({
  hop,
  expanded,
  onOpen,
  highlighted,
}: {
  hop: ChainHop;
  expanded: boolean;
  /** Drawn heavier: the hop a trace stopped at. */
  highlighted?: boolean;
  onOpen: (anchor: HTMLElement) => void;
}) => {
  const classes = useStyles();
  // The kind caption sits outside the button so the button's visible text
  // (title and status) is exactly what its accessible name says (WCAG 2.5.3).
  return (
    <span className={classes.column}>
      <Typography
        variant="caption"
        component="span"
        display="block"
        className={classes.kind}
      >
        {HOP_KIND_LABEL[hop.kind]}
      </Typography>
      <ButtonBase
        className={`${classes.hop} ${
          hop.status === 'not-observed' ? classes.notObserved : ''
        } ${highlighted ? classes.highlighted : ''}`}
        focusVisibleClassName={classes.focusVisible}
        aria-label={hopAccessibleName(hop)}
        aria-haspopup="dialog"
        aria-expanded={expanded}
        onClick={(event: MouseEvent<HTMLElement>) =>
          onOpen(event.currentTarget)
        }
      >
        {/* Spans only: a button may hold phrasing content, not paragraphs. */}
        <Typography
          variant="body2"
          component="span"
          display="block"
          className={classes.title}
        >
          {hop.title}
        </Typography>
        {/* Block spans carry no whitespace of their own: without a separator
            the text reads "Internetok" to assistive technology and no longer
            matches the accessible name. */}{' '}
        <HopStatusLabel status={hop.status} />
      </ButtonBase>
    </span>
  );
};
