/**
 * The indicator score, 0–100: how strongly the network's evidence says "this is fraud".
 *
 *   trust(org)    = clamp(1 − fpShare, 0.1, 1), where fpShare is the share of the indicators the
 *                   organisation asserted that were later found false positive, counted once it
 *                   has asserted at least 5 (before that an organisation is trusted fully)
 *   recency(t)    = 0.5 ^ (age in days of t / 90)               (a 90-day half-life)
 *   weight(org)   = trust · recency(its latest assertion) · (1 + 0.25 · ln(its reports))
 *   evidence      = Σ weight over independent reporting organisations
 *                 + Σ 0.5 · trust · recency over organisations that blocked it
 *                 + Σ 0.25 · trust · recency over organisations that saw it
 *                 − Σ 1.5 · trust over organisations that called it a false positive
 *   score         = round(100 · (1 − e^(−evidence / 1.5))), at least 0
 *
 * One fresh report from a trusted organisation scores 49, two independent ones 74, three 86.
 * An indicator whose status is `allowed` scores 0; `disputed` halves the score.
 * docs/scoring.md explains the same for people.
 */
export interface OrgEvidence {
  orgId: string;
  reports: number;
  lastAssertedAt: string | null;
  blockedAt: string | null;
  seenAt: string | null;
  falsePositive: boolean;
  assertedCount: number;
  falsePositiveCount: number;
}

const HALF_LIFE_DAYS = 90;
const MIN_TRACK_RECORD = 5;
const DAY_MS = 86_400_000;

export function trust(assertedCount: number, falsePositiveCount: number): number {
  if (assertedCount < MIN_TRACK_RECORD) return 1;
  return Math.min(1, Math.max(0.1, 1 - falsePositiveCount / assertedCount));
}

export function recency(at: string, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(at)) / DAY_MS);
  return Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}

export function computeScore(evidence: readonly OrgEvidence[], status: string, now: Date): number {
  if (status === 'allowed') return 0;
  let total = 0;
  for (const e of evidence) {
    const t = trust(e.assertedCount, e.falsePositiveCount);
    if (e.lastAssertedAt && e.reports > 0) {
      total += t * recency(e.lastAssertedAt, now) * (1 + 0.25 * Math.log(e.reports));
    }
    if (e.blockedAt) total += 0.5 * t * recency(e.blockedAt, now);
    if (e.seenAt) total += 0.25 * t * recency(e.seenAt, now);
    if (e.falsePositive) total -= 1.5 * t;
  }
  const score = Math.max(0, Math.round(100 * (1 - Math.exp(-total / 1.5))));
  return status === 'disputed' ? Math.round(score / 2) : score;
}

/**
 * An indicator counts against its reporters' track record once more independent organisations
 * call it a false positive than report it, or once its status is `allowed`.
 */
export function isFoundFalsePositive(evidence: readonly OrgEvidence[], status: string): boolean {
  if (status === 'allowed') return true;
  const reporters = evidence.filter((e) => e.reports > 0).length;
  const deniers = evidence.filter((e) => e.falsePositive).length;
  return deniers > 0 && deniers >= reporters;
}
