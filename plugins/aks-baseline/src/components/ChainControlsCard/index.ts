export { ChainControlsCard } from './ChainControlsCard';
