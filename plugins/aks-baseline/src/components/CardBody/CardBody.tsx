import { Progress } from '@backstage/core-components';
import { ReactNode } from 'react';
import { LookupErrorPanel } from '../LookupErrorPanel';

/** The states every card shares: loading, then an error or its content. */
export const CardBody = ({
  loading,
  error,
  children,
}: {
  loading?: boolean;
  error?: Error;
  children: () => ReactNode;
}) => {
  if (loading) return <Progress />;
  if (error) return <LookupErrorPanel error={error} />;
  return <>{children()}</>;
};
