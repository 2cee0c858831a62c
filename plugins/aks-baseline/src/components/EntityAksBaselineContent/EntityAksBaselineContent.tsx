import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isAksBaselineAvailable } from '../../conditions';
import { useEntityCluster } from '../../hooks/useEntityCluster';
import { describeLookupError, LookupErrorPanel } from '../LookupErrorPanel';
import { MissingAnnotationsPanel } from '../MissingAnnotationsPanel';
import { ClusterOverview } from './ClusterOverview';

const AnnotatedEntityContent = () => {
  const { entity } = useEntity();
  const { value, loading, error } = useEntityCluster(
    stringifyEntityRef(entity),
  );
  if (loading) return <Progress />;
  if (error) {
    // A 400 means the annotations are there but unusable: show the help too.
    const badAnnotations = describeLookupError(error).status === 400;
    return (
      <>
        <LookupErrorPanel error={error} />
        {badAnnotations && <MissingAnnotationsPanel entity={entity} />}
      </>
    );
  }
  return value ? <ClusterOverview lookup={value} /> : null;
};

/**
 * The "AKS Baseline" tab of a cluster Resource or an app Component; for an
 * entity without the annotations, the panel that says which to add.
 *
 * @public
 */
export const EntityAksBaselineContent = () => {
  const { entity } = useEntity();
  return isAksBaselineAvailable(entity) ? (
    <AnnotatedEntityContent />
  ) : (
    <MissingAnnotationsPanel entity={entity} />
  );
};
