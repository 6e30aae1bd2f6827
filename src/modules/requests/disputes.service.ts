import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import { spendSolution } from '../intake/challenge.js';
import { storeEvidenceFiles } from '../intake/evidence.js';
import type { PublicDisputeBody } from './disputes.schema.js';
import { insertRequest } from './requests.create.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A member of the public disputes a listing of their number, account, wallet or site. The
 * dispute is a redress request to the organisation that listed it first, and every other
 * organisation that lists it may see it. The disputant gets a token to follow it.
 */
export async function submitPublicDispute(ctx: AppContext, body: PublicDisputeBody) {
  // Cheap checks first, so a typo does not cost the disputant their solved challenge.
  const listing = await findListing(ctx, body.indicator);
  await spendSolution(ctx, body.altcha);
  return fileDispute(ctx, listing, body);
}

interface Listing {
  kind: string;
  canonical: string;
  /** The organisations that list it, the first to list it first. */
  orgs: string[];
}

async function findListing(ctx: AppContext, ref: PublicDisputeBody['indicator']): Promise<Listing> {
  const [parsed] = parseAllOrThrow([{ value: ref.value, kind: ref.kind, country: ref.country }]);
  const db = ctx.storage.db;
  const indicator = await db.selectFrom('indicators').select(['id', 'status']).where('kind', '=', parsed.kind).where('canonical', '=', parsed.canonical).executeTakeFirst();
  if (!indicator) throw new ProblemError('not-found', 'nothing is listed under this value', { kind: parsed.kind, canonical: parsed.canonical });
  if (indicator.status === 'allowed') throw new ProblemError('conflict', 'this value is not listed as a scam (any more)');
  const listers = await db.selectFrom('assertions').select(['org_id']).where('indicator_id', '=', indicator.id).orderBy('created_at').orderBy('id').execute();
  const orgs = [...new Set(listers.map((l) => l.org_id))];
  if (orgs.length === 0) throw new ProblemError('not-found', 'nothing is listed under this value');
  return { kind: parsed.kind, canonical: parsed.canonical, orgs };
}

/** Files a dispute that has passed the anti-abuse checks (the demo files one directly). */
export async function fileDispute(ctx: AppContext, listing: Listing | PublicDisputeBody['indicator'], body: Omit<PublicDisputeBody, 'altcha'>) {
  const { kind, canonical, orgs } = 'orgs' in listing ? listing : await findListing(ctx, listing);
  const token = randomBytes(24).toString('base64url');
  const files = storeEvidenceFiles(ctx, body.evidence ?? []);
  const row = await write(ctx, async (trx, emit) => {
    const now = ctx.clock.now().toISOString();
    const made = await insertRequest(
      ctx,
      trx,
      emit,
      { kind: 'redress', to: orgs[0], urgency: 'urgent', indicator: { value: canonical, kind: kind as 'phone' }, grounds: body.grounds, statement: body.statement },
      { orgId: null, actorId: 'public', contact: JSON.stringify(body.contact), publicTokenHash: hashToken(token) },
      { files, now },
    );
    for (const org of orgs.slice(1)) await trx.insertInto('request_grants').values({ request_id: made.id, org_id: org, granted_by: 'public-dispute', created_at: now }).execute();
    return made;
  });
  return { id: row.id, state: row.state, answerBy: row.act_due_at, token };
}

/** What a disputant may see of their own dispute, with the token they were given. */
export async function publicDisputeStatus(ctx: AppContext, id: string, token: string) {
  const row = await ctx.storage.db.selectFrom('requests').selectAll().where('id', '=', id).where('kind', '=', 'redress').executeTakeFirst();
  const given = Buffer.from(hashToken(token));
  if (!row?.public_token_hash || !timingSafeEqual(given, Buffer.from(row.public_token_hash))) throw new ProblemError('not-found', `no dispute ${id} with this token`);
  const outcome = JSON.parse(row.outcome) as { answer?: string };
  const decided = row.state === 'upheld' || row.state === 'rejected' || (row.state === 'closed' && row.acted_at !== null);
  return { id: row.id, state: row.state, answerBy: row.act_due_at, decidedAt: decided ? row.acted_at : null, answer: decided ? (outcome.answer ?? null) : null };
}
