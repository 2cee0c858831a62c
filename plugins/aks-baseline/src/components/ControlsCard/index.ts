export { ControlsCard } from './ControlsCard';
export type { ControlsCardProps } from './ControlsCard';
