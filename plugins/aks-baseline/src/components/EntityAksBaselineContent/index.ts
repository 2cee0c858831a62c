export { EntityAksBaselineContent } from './EntityAksBaselineContent';
export {
  EntityCertificatesCard,
  EntityControlsCard,
  EntityIngressChainCard,
} from './EntityCards';
