import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';

/**
 * The one pair every personal field of a case passes through on its way to and from storage:
 * AES-256-GCM with a fresh IV per value and the case id as associated data, so a value copied
 * into another case does not decrypt. The key comes from FRAUDX_CASE_KEY (base64, 32 bytes,
 * shared by every process of a node) or DATA/case-data.key, made on first use with mode 0600.
 * When the node-wide field encryption of the privacy module lands, only this file changes.
 */
const PREFIX = 'v1:';
export const CASE_KEY_FILE = 'case-data.key';
const keys = new Map<string, Buffer>();

function keyOf(ctx: AppContext): Buffer {
  const fromEnv = process.env.FRAUDX_CASE_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'base64');
  const file = path.join(ctx.config.dataDir, CASE_KEY_FILE);
  let key = keys.get(file);
  if (!key) {
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    keys.set(file, key);
  }
  if (key.length !== 32) throw new Error('the case data key must be 32 bytes, base64');
  return key;
}

/** Encrypts a JSON value for storage under one case. */
export function protect(ctx: AppContext, caseId: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(ctx), iv);
  cipher.setAAD(Buffer.from(caseId));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts what `protect` stored; throws if it was altered or belongs to another case. */
export function unprotect<T>(ctx: AppContext, caseId: string, stored: string): T {
  if (!stored.startsWith(PREFIX)) throw new Error('not protected case data');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(ctx), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(caseId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
}
