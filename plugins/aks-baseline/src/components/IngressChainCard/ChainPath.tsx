import {
  ChainHop,
  ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';
import Popover from '@material-ui/core/Popover';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForward from '@material-ui/icons/ArrowForward';
import { useId, useState } from 'react';
import { ChainNotes } from './ChainNotes';
import { HopButton } from './HopButton';
import { HopDetails } from './HopDetails';
import { tlsBoundaryText } from './hopText';
import { TlsBoundaryMarker } from './TlsBoundaryMarker';

const useStyles = makeStyles(theme => ({
  path: {
    display: 'flex',
    flexWrap: 'wrap',
    rowGap: theme.spacing(1.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  step: { display: 'flex', alignItems: 'stretch' },
  arrow: {
    alignSelf: 'center',
    margin: theme.spacing(0, 0.5),
    color: theme.palette.text.secondary,
  },
}));

/**
 * Hops left to right as an ordered list (wrapping on narrow screens), with
 * the TLS boundary drawn before the hop where TLS changes. Each hop opens its
 * details in a popover; Escape or a click outside closes it and gives focus
 * back to the hop.
 */
export const ChainPath = ({
  label,
  hops,
  controls,
  highlight,
}: {
  /** Names the list for assistive technology, e.g. "Ingress chain for x". */
  label: string;
  hops: ChainHop[];
  controls: ControlResult[];
  /** Index of a hop to draw heavier (a trace's stopping hop). */
  highlight?: number;
}) => {
  const classes = useStyles();
  const titleId = useId();
  const [open, setOpen] = useState<{ index: number; anchor: HTMLElement }>();

  return (
    <>
      <ol className={classes.path} aria-label={label}>
        {hops.map((hop, index) => (
          <li key={index} className={classes.step}>
            {hop.tls ? (
              <TlsBoundaryMarker
                tls={hop.tls}
                text={tlsBoundaryText(hop.kind, hop.tls.boundary)}
              />
            ) : (
              index > 0 && (
                <ArrowForward aria-hidden className={classes.arrow} />
              )
            )}
            <HopButton
              hop={hop}
              expanded={open?.index === index}
              highlighted={highlight === index}
              onOpen={anchor => setOpen({ index, anchor })}
            />
          </li>
        ))}
      </ol>
      <ChainNotes hops={hops} />
      <Popover
        open={open !== undefined}
        anchorEl={open?.anchor}
        onClose={() => setOpen(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        transformOrigin={{ vertical: 'top', horizontal: 'left' }}
        PaperProps={{ role: 'dialog', 'aria-labelledby': titleId } as {}}
      >
        {open && (
          <HopDetails
            hop={hops[open.index]}
            controls={controls}
            titleId={titleId}
          />
        )}
      </Popover>
    </>
  );
};
