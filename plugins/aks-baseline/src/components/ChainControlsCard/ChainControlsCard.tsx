import {
  ControlResult,
  IngressChain,
} from '@aks-baseline/plugin-aks-baseline-common';
import { InfoCard } from '@backstage/core-components';
import { ControlsTable } from '../ControlsCard/ControlsTable';
import { controlsOnChains } from './controlsOnChains';

/**
 * An app's tab: the controls judged on the hops of its own chain, before
 * the cluster's full list, so the app team sees what concerns it first.
 */
export const ChainControlsCard = ({
  chains,
  controls,
}: {
  chains: IngressChain[];
  controls: ControlResult[];
}) => {
  const onChain = controlsOnChains(chains, controls);
  if (onChain.length === 0) return null;
  return (
    <InfoCard
      title="Controls on this app's chain"
      subheader="Judged on the hops its requests pass; the cluster's other controls follow."
    >
      <ControlsTable label="Controls on this app's chain" controls={onChain} />
    </InfoCard>
  );
};
