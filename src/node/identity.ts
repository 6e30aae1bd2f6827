import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import type { Clock } from '../shared/clock.js';

export interface NodeIdentity {
  id: string;
  publicKey: string;
  /** Undefined when this process has no access to the key file (another host of a shared database). */
  secretKey?: Uint8Array;
}

const KEY_FILE = 'node-key';

/**
 * Every node gets an id and an Ed25519 key pair on its first start, so that federated peers can
 * tell records apart by origin and verify what a node signed. The id and public key live in the
 * database; the secret key only beside the data, never in the database.
 */
export async function ensureNodeIdentity(db: Kysely<Database>, dataDir: string, clock: Clock): Promise<NodeIdentity> {
  const keyPath = path.join(dataDir, KEY_FILE);
  const existing = await db.selectFrom('node').selectAll().executeTakeFirst();
  if (existing) {
    const secretKey = existsSync(keyPath) ? Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64url') : undefined;
    return { id: existing.id, publicKey: existing.public_key, secretKey };
  }
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKey = Buffer.from(ed25519.getPublicKey(secretKey)).toString('base64url');
  const id = newId();
  const inserted = await db
    .insertInto('node')
    .values({ id, public_key: publicKey, created_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column('slot').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    // Another process won the race on a shared database; use its identity.
    return ensureNodeIdentity(db, dataDir, clock);
  }
  writeFileSync(keyPath, Buffer.from(secretKey).toString('base64url') + '\n', { mode: 0o600 });
  return { id, publicKey, secretKey };
}
