export { eventLog, LOG_CAPACITY } from './event-log-store';
