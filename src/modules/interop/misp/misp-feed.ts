import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProblemError } from '../../../errors/problems.js';
import type { MispFeed } from './misp-export.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Writes a MISP feed folder that a MISP instance can subscribe to (feed type "MISP Feed"). */
export async function writeMispFeed(dir: string, feed: MispFeed): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const e of feed.events) await writeFile(path.join(dir, `${e.Event.uuid}.json`), JSON.stringify(e, null, 1));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(feed.manifest, null, 1));
  await writeFile(path.join(dir, 'hashes.csv'), feed.hashes);
}

/** Reads the events of a MISP feed folder: `manifest.json` names them, `<uuid>.json` holds each. */
export async function readMispFeed(dir: string): Promise<Record<string, unknown>[]> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const events: Record<string, unknown>[] = [];
  for (const uuid of Object.keys(manifest)) {
    // The manifest comes from elsewhere: only uuids name files, so no path leaves the folder.
    if (!UUID.test(uuid)) throw new ProblemError('validation-failed', `manifest.json names "${uuid}", which is not an event uuid`);
    const json = JSON.parse(await readFile(path.join(dir, `${uuid}.json`), 'utf8')) as { Event?: Record<string, unknown> };
    if (json.Event) events.push(json.Event);
  }
  return events;
}
