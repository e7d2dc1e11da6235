export { SandboxPanel } from './sandbox-panel';
