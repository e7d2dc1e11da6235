/** Builds the server into `outdir` (default `dist-server`), as `npm run build` does. */
export function buildServer(outdir?: string): Promise<void>;
export const SERVER_OUT: string;
