export { LegActions } from './leg-actions';
export { RecentActions } from './recent-actions';
export { DialOutProgress } from './dial-out-progress';
