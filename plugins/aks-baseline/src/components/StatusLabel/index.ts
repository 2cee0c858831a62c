export { StatusLabel } from './StatusLabel';
export type { StatusTone } from './StatusLabel';
export { HopStatusLabel, hopStatusText } from './HopStatusLabel';
export { ControlStatusLabel, controlStatusText } from './ControlStatusLabel';
