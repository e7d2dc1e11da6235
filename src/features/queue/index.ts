export { QueuePanel } from './queue-panel';
export { QueueBoard } from './queue-board';
