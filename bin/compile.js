// Compiles fraudx's TypeScript sources (src/) to JavaScript in .build/<fingerprint>/, once per
// change of the sources: a process that loads compiled code needs no transpiler of its own, which
// under tsx is a loader thread and its heap (about 80 MB of a server's memory) and seconds of
// start-up. Builds are made aside and renamed into place, so processes started together share one.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const BUILDS = path.join(ROOT, '.build');
/** Earlier builds kept: a process started from one may still load a module or worker from it. */
const KEEP = 3;

const isTest = (name) => name.endsWith('.test.ts');

/** Every file under src/ but the tests, in a stable order. */
function sourceFiles(dir = SRC) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (!isTest(entry.name)) files.push(full);
  }
  return files;
}

/** The sources' names, sizes and times, with the compiler's and Node's versions. */
function fingerprint(files, esbuildVersion) {
  const hash = createHash('sha256').update(`${esbuildVersion}\0${process.version}\0`);
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${path.relative(SRC, file)}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The compiled entry point (a file URL) of `src/<entry>`, compiling first when the sources changed. */
export async function compiled(entry) {
  const files = sourceFiles();
  // The compiler's version from its package file: loading esbuild itself (some 25 ms of every
  // process's start) waits until there is something to compile.
  const { version } = createRequire(import.meta.url)('esbuild/package.json');
  const dir = path.join(BUILDS, fingerprint(files, version));
  if (!existsSync(path.join(dir, '.complete'))) await build(await import('esbuild'), dir, files);
  return pathToFileURL(path.join(dir, entry.replace(/\.ts$/u, '.js'))).href;
}

async function build(esbuild, dir, files) {
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  const entryPoints = files.filter((file) => file.endsWith('.ts'));
  // File by file, not bundled: each module keeps its place, so paths beside it (lists/) still hold.
  const built = esbuild.build({
    entryPoints,
    outdir: staging,
    outbase: SRC,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  // The compiler's service process goes once the build is done: left running, it stayed beside a
  // server for the server's life and exchanged a message with it every second.
  await built.finally(() => esbuild.stop());
  // Data the modules read at run time (the allowlists) goes along.
  cpSync(SRC, staging, { recursive: true, filter: (from) => statSync(from).isDirectory() || !from.endsWith('.ts') });
  writeFileSync(path.join(staging, '.complete'), '');
  try {
    renameSync(staging, dir);
  } catch (err) {
    // Another process compiled the same sources first: its build serves.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, '.complete'))) throw err;
  }
  prune(path.basename(dir));
}

function prune(current) {
  const names = readdirSync(BUILDS);
  // Staging folders of builds that never finished (a process killed while compiling).
  for (const name of names.filter((n) => /^[0-9a-f]{16}\.\d+\.\d+$/u.test(n))) {
    if (Date.now() - Number(name.split('.')[2]) > 600_000) rmSync(path.join(BUILDS, name), { recursive: true, force: true });
  }
  const builds = names
    .filter((name) => name !== current && /^[0-9a-f]{16}$/u.test(name))
    .map((name) => ({ name, at: statSync(path.join(BUILDS, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP - 1)) rmSync(path.join(BUILDS, old.name), { recursive: true, force: true });
}
