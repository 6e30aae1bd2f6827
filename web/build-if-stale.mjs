// Builds the web app when web/dist is missing or older than its sources, so `npm start` and
// `npm test` work from a clean clone with no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(web, 'dist', 'index.html');
// The app also imports the typology and kind lists from the server's sources.
const sources = [path.join(web, 'src'), path.join(web, 'public'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(web, '..', 'src', 'modules', 'typologies'), path.join(web, '..', 'package-lock.json')];

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newest(path.join(target, name))), stat.mtimeMs);
}

export function isStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((s) => newest(s) > builtAt);
}

export async function buildIfStale({ quiet = false } = {}) {
  if (!isStale()) return false;
  const { build } = await import('vite');
  // Progress goes to stderr: stdout stays the server's.
  if (!quiet) process.stderr.write('fraudx: building the web app (web/dist)…\n');
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildIfStale({ quiet: process.argv.includes('--quiet') });
}
