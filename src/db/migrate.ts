import { type Kysely, type Migration, Migrator } from 'kysely';
import * as core from './migrations/0001-core.js';
import * as trust from './migrations/0002-trust.js';
import * as networks from './migrations/0003-networks.js';
import * as interop from './migrations/0005-interop.js';
import * as web from './migrations/0006-web.js';
import * as requests from './migrations/0007-requests.js';
import * as cases from './migrations/0008-cases.js';
import * as sightingLinks from './migrations/0010-networks.js';
import * as leanIndexes from './migrations/0011-lean-indexes.js';
import * as assertionIdentity from './migrations/0012-assertion-identity.js';
import * as importIndexes from './migrations/0013-import-indexes.js';

// Listed here rather than read from disk, so migrations work the same from sources and builds.
const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-trust': trust,
  '0003-networks': networks,
  '0005-interop': interop,
  '0006-web': web,
  '0007-requests': requests,
  '0008-cases': cases,
  '0010-networks': sightingLinks,
  '0011-lean-indexes': leanIndexes,
  '0012-assertion-identity': assertionIdentity,
  '0013-import-indexes': importIndexes,
};

/** Runs every migration not yet run; with `target`, only those up to it (tests of an upgrade). */
export async function migrateToLatest<T>(db: Kysely<T>, target?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Modules add their own migrations; one added later with a lower number must still run.
    allowUnorderedMigrations: true,
  });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
