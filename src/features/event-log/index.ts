export { EventLogView } from './event-log-view';
export { eventLog } from './event-log-store';
