import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { summarizeWorkloads } from '../../workloadText';

/**
 * A sentence said by workload ("pods of payments/payments-api"), with the
 * pod-by-pod original on demand when the two differ.
 */
export const WorkloadSentence = ({ text }: { text: string }) => {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const summary = summarizeWorkloads(text);
  if (summary === text) return <>{text}</>;
  return (
    <>
      {summary}{' '}
      <Button
        size="small"
        variant="text"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide pod names' : 'Show pod names'}
      </Button>
      {open && (
        <Typography
          id={detailsId}
          variant="body2"
          component="span"
          display="block"
          color="textSecondary"
        >
          {text}
        </Typography>
      )}
    </>
  );
};
