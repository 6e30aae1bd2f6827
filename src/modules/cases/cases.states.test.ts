import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../errors/problems.js';
import {
  CASE_EDGES, CASE_STATES, type Edge, edgeOrThrow, REFERRAL_EDGES, REFERRAL_STATES, REPATRIATION_EDGES, REPATRIATION_STATES, type TransitionFacts,
} from './cases.states.js';

// Everything a move could need, so that every listed edge is allowed and only the table decides.
const FULL: TransitionFacts = { reason: 'recorded reason', strandedReason: 'no-embassy', screeningOutcome: 'presumed-victim' };

function everyPair<S extends string>(states: readonly S[]): [S, S][] {
  return states.flatMap((from) => states.map((to) => [from, to] as [S, S]));
}

function checkTable<S extends string>(name: string, states: readonly S[], edges: readonly Edge<S>[]) {
  describe(`${name} transitions`, () => {
    const listed = new Set(edges.map((e) => `${e.from}>${e.to}`));
    it.each(everyPair(states))(`${name}: %s → %s is allowed exactly when the table lists it`, (from, to) => {
      const move = () => edgeOrThrow(edges, from, to, FULL);
      if (listed.has(`${from}>${to}`)) expect(move()).toMatchObject({ from, to });
      else expect(move).toThrowError(ProblemError);
    });
    it.each(edges.filter((e) => e.needs?.length).map((e) => [e.from, e.to, e.needs!.join('+')] as const))(`${name}: %s → %s is refused without %s`, (from, to) => {
      expect(() => edgeOrThrow(edges, from, to, {})).toThrowError(/needs/);
    });
  });
}

checkTable('case', CASE_STATES, CASE_EDGES);
checkTable('repatriation', REPATRIATION_STATES, REPATRIATION_EDGES);
checkTable('referral', REFERRAL_STATES, REFERRAL_EDGES);

describe('case moves that need a screening', () => {
  it('refuses identified after a screening recorded as not indicated, and names the allowed states on a bad move', () => {
    expect(() => edgeOrThrow(CASE_EDGES, 'screening', 'identified', { screeningOutcome: 'not-indicated' })).toThrowError(/presumed-victim/);
    expect(edgeOrThrow(CASE_EDGES, 'screening', 'identified', { screeningOutcome: 'inconclusive-referred' })).toBeTruthy();
    try {
      edgeOrThrow(CASE_EDGES, 'intake', 'closed', FULL);
    } catch (err) {
      expect((err as ProblemError).code).toBe('invalid-transition');
      expect((err as ProblemError).extensions.allowed).toEqual(['screening']);
    }
  });

  it('leaves no case stuck: from every state a closing state can be reached', () => {
    const closing = new Set(['closed', 'closed-referred', 'screened-out']);
    for (const start of CASE_STATES) {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        const state = queue.shift()!;
        for (const e of CASE_EDGES.filter((x) => x.from === state && !seen.has(x.to))) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
      expect([...seen].some((s) => closing.has(s))).toBe(true);
    }
  });
});
