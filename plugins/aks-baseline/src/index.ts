/**
 * Frontend plugin for AKS secure-baseline clusters.
 *
 * @packageDocumentation
 */
export {
  aksBaselinePlugin,
  AksBaselineFleetPage,
  EntityAksBaselineContent,
  EntityAksBaselineIngressChainCard,
  EntityAksBaselineCertificatesCard,
  EntityAksBaselineControlsCard,
  AksClusterContractFieldExtension,
  AksFirewallPrivateIpFieldExtension,
  AksEgressRulesFieldExtension,
} from './plugin';
export {
  isAksBaselineAvailable,
  isAksBaselineCluster,
  isAksBaselineTabRelevant,
} from './conditions';
export { ClusterSummaryCard } from './components/ClusterSummaryCard';
export { aksBaselineApiRef, AksBaselineClient } from './api';
export type { AksBaselineApi, ClusterKey } from './api';
export { IngressChainCard } from './components/IngressChainCard';
export type { IngressChainCardProps } from './components/IngressChainCard';
export { CertificatesCard } from './components/CertificatesCard';
export type { CertificatesCardProps } from './components/CertificatesCard';
export { ControlsCard } from './components/ControlsCard';
export type { ControlsCardProps } from './components/ControlsCard';
