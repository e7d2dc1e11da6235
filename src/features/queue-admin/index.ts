export { QueueAdminButton } from './queue-admin';
