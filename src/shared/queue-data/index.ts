export { useQueueState, useQueueStream, type QueueState } from './queue-state';
export { queueApi, useDispositions, type DispositionCode } from './queue-api';
export { useCallOwner } from './use-call-owner';
