import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { ReactNode } from 'react';

/** A one-paragraph note in a scaffolder field: warnings are announced to screen readers. */
export const FormNote = ({
  severity,
  children,
}: {
  severity: 'info' | 'success' | 'warning';
  children: ReactNode;
}) => {
  const theme = useTheme();
  return (
    <Box
      role={severity === 'warning' ? 'alert' : 'status'}
      data-severity={severity}
      borderLeft={4}
      borderColor={theme.palette[severity].main}
      pl={1.5}
      py={0.5}
      my={1}
    >
      <Typography variant="body2">{children}</Typography>
    </Box>
  );
};
