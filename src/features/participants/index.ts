export { CallList } from './call-list';
