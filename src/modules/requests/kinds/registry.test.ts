import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../deadlines/deadlines.defaults.js';
import { legalBasisById } from '../legal-bases.js';
import { INITIAL_STATE, isFinal, REQUEST_KINDS, statesOf } from './kind.js';
import { KIND_DEFINITIONS } from './registry.js';

/** Every state a request can reach from where it starts. */
function reachable(moves: Record<string, Record<string, unknown>>): Set<string> {
  const seen = new Set([INITIAL_STATE]);
  const queue = [INITIAL_STATE];
  while (queue.length) for (const to of Object.keys(moves[queue.shift() as string] ?? {})) if (!seen.has(to) && seen.add(to)) queue.push(to);
  return seen;
}

describe.each(REQUEST_KINDS)('the %s kind', (kind) => {
  const def = KIND_DEFINITIONS[kind];

  it('reaches every state it declares from "sent", and every state reaches an end', () => {
    expect([...reachable(def.moves)].sort()).toEqual(statesOf(def).sort());
    for (const state of statesOf(def)) {
      const ends = [...reachable({ ...def.moves, [INITIAL_STATE]: def.moves[state] ?? {} })].some((s) => isFinal(def, s));
      expect({ state, ends: ends || isFinal(def, state) }).toEqual({ state, ends: true });
    }
  });

  it('lets the sender withdraw before the recipient acts, and names real states for its clocks', () => {
    expect(def.moves[INITIAL_STATE].withdrawn?.by).toEqual(['sender']);
    for (const s of def.acted) expect(statesOf(def)).toContain(s);
    for (const s of [...(def.expiry?.running ?? []), def.expiry?.lapseTo].filter(Boolean)) expect(statesOf(def)).toContain(s);
    for (const s of def.expiry?.running ?? []) expect(def.moves[s][def.expiry?.lapseTo as string]?.by).toContain('system');
  });

  it('has a catalogued default legal basis and deadline defaults', () => {
    for (const id of Object.values(def.defaultBasis)) expect(legalBasisById(id)).toBeDefined();
    expect(DEFAULT_RULES.some((r) => r.kind === kind && r.jurisdiction === undefined)).toBe(true);
  });
});
