export { EventLogView } from './event-log-view';
