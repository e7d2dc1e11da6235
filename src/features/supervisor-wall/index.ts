export { SupervisorGate } from './supervisor-gate';
