import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Challenge, createChallenge, type Payload, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';

/**
 * The ALTCHA proof-of-work that guards the public report form: the browser spends a second or
 * two of CPU per report, which costs a person nothing and a bulk sender a great deal. No
 * third-party service is involved: the node signs challenges with its own secret.
 */
export const CHALLENGE_ALGORITHM = 'PBKDF2/SHA-256';
const COST = 500;
const TTL_MS = 10 * 60_000;
const SECRET_FILE = 'challenge-secret';

export async function newChallenge(ctx: AppContext, difficulty = { min: 500, max: 2000 }): Promise<Challenge> {
  return createChallenge({
    algorithm: CHALLENGE_ALGORITHM,
    cost: COST,
    counter: randomInt(difficulty.min, difficulty.max),
    deriveKey,
    expiresAt: new Date(ctx.clock.now().getTime() + TTL_MS),
    hmacSignatureSecret: secret(ctx),
    hmacKeySignatureSecret: secret(ctx) + ':key',
  });
}

/** Checks a widget payload (base64 JSON) and spends it: a solution is good for one report. */
export async function spendSolution(ctx: AppContext, encoded: string): Promise<void> {
  const payload = decodePayload(encoded);
  const result = await verifySolution({
    challenge: payload.challenge,
    solution: payload.solution,
    deriveKey,
    hmacSignatureSecret: secret(ctx),
    hmacKeySignatureSecret: secret(ctx) + ':key',
  });
  if (!result.verified) {
    throw new ProblemError('challenge-failed', result.expired ? 'the challenge has expired; solve a new one' : 'the proof-of-work solution is not valid');
  }
  const signature = payload.challenge.signature ?? '';
  const nowIso = ctx.clock.now().toISOString();
  const db = ctx.storage.db;
  await db.deleteFrom('spent_challenges').where('expires_at', '<', nowIso).execute();
  const inserted = await db
    .insertInto('spent_challenges')
    .values({ signature, expires_at: new Date(ctx.clock.now().getTime() + TTL_MS).toISOString() })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new ProblemError('challenge-failed', 'this challenge has already been used');
}

function decodePayload(encoded: string): Payload {
  try {
    const payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Payload;
    if (payload?.challenge?.parameters && payload.solution && typeof payload.challenge.signature === 'string') return payload;
  } catch {
    // Falls through to the problem below.
  }
  throw new ProblemError('challenge-failed', 'the proof-of-work payload cannot be read');
}

const secrets = new Map<string, string>();

/** The node's challenge-signing secret, made on first use and kept beside the data (mode 0600). */
function secret(ctx: AppContext): string {
  const file = path.join(ctx.config.dataDir, SECRET_FILE);
  let value = secrets.get(file);
  if (value) return value;
  if (!existsSync(file)) {
    mkdirSync(ctx.config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it first: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  value = readFileSync(file, 'utf8').trim();
  secrets.set(file, value);
  return value;
}
