/** Whether web/dist is missing or older than the web app's sources. */
export function isStale(): boolean;
/** Runs `vite build` when the app is stale; answers whether it built. */
export function buildIfStale(options?: { quiet?: boolean }): Promise<boolean>;
