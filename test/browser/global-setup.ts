import { buildIfStale } from '../../web/build-if-stale.mjs';

/** `npm test` builds the web app first when its sources are newer than web/dist. */
export default async function setup(): Promise<void> {
  await buildIfStale({ quiet: true });
}
