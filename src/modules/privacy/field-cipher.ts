import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';

/**
 * Personal data at rest: AES-256-GCM under the node key, a fresh 12-byte IV per value, and the
 * owning object's id as associated data, so a value copied into another row does not decrypt.
 * The key is FRAUDX_KEY (base64 of 32 bytes; every process of a node sharing one PostgreSQL needs
 * the same) or DATA/node-data.key, made on first start with mode 0600. It is never in the database.
 */
export const NODE_KEY_FILE = 'node-data.key';
const PREFIX = 'fx1:';
const keys = new Map<string, Buffer>();

export function nodeKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.FRAUDX_KEY;
  if (fromEnv) return checked(Buffer.from(fromEnv, 'base64'), 'FRAUDX_KEY');
  const file = path.join(dataDir, NODE_KEY_FILE);
  let key = keys.get(file);
  if (!key) {
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it first: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    chmodSync(file, 0o600);
    key = checked(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), file);
    keys.set(file, key);
  }
  return key;
}

function checked(key: Buffer, source: string): Buffer {
  if (key.length !== 32) throw new Error(`the node key in ${source} must be 32 bytes, base64`);
  return key;
}

/** Encrypts one field of the object `ownerId`; the empty string stays empty. */
export function sealField(ctx: AppContext, ownerId: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', nodeKey(ctx.config.dataDir), iv);
  cipher.setAAD(Buffer.from(ownerId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts what `sealField` stored; throws if it was altered or belongs to another object. */
export function openField(ctx: AppContext, ownerId: string, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', nodeKey(ctx.config.dataDir), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(ownerId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
