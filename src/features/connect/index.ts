export { ConnectScreen } from './connect-screen';
export { useConnection } from './use-connection';
export type { Connection } from './use-connection';
