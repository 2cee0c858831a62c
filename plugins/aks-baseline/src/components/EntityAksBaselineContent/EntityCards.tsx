import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isAksBaselineAvailable } from '../../conditions';
import { useEntityCluster } from '../../hooks/useEntityCluster';
import { CertificatesCard } from '../CertificatesCard';
import { ControlsCard } from '../ControlsCard';
import { IngressChainCard } from '../IngressChainCard';
import { MissingAnnotationsPanel } from '../MissingAnnotationsPanel';

// Each card reads the entity on its own, so any one of them can be placed
// on an overview page alone.
function useCurrentEntityCluster() {
  const { entity } = useEntity();
  return useEntityCluster(stringifyEntityRef(entity));
}

const IngressChain = () => {
  const { value, loading, error } = useCurrentEntityCluster();
  return (
    <IngressChainCard
      loading={loading}
      error={error}
      cluster={value?.cluster}
      host={value?.app?.host}
    />
  );
};

const Certificates = () => {
  const { value, loading, error } = useCurrentEntityCluster();
  return (
    <CertificatesCard
      loading={loading}
      error={error}
      certificates={value?.cluster.certificates}
    />
  );
};

const Controls = () => {
  const { value, loading, error } = useCurrentEntityCluster();
  return (
    <ControlsCard
      loading={loading}
      error={error}
      controls={value?.cluster.controls}
    />
  );
};

/** Shows the help panel instead of the card when the entity lacks the annotations. */
function whenAnnotated(Card: () => JSX.Element) {
  return () => {
    const { entity } = useEntity();
    return isAksBaselineAvailable(entity) ? (
      <Card />
    ) : (
      <MissingAnnotationsPanel entity={entity} />
    );
  };
}

/** The current entity's ingress chain, egress and Key Vault paths. @public */
export const EntityIngressChainCard = whenAnnotated(IngressChain);
/** The certificates on the current entity's chain. @public */
export const EntityCertificatesCard = whenAnnotated(Certificates);
/** The baseline controls of the current entity's cluster. @public */
export const EntityControlsCard = whenAnnotated(Controls);
