import type { z } from 'zod';

export const REQUEST_KINDS = [
  'payment-intervention',
  'preservation',
  'traffic-disclosure',
  'information',
  'mla',
  'emergency-disclosure',
  'takedown',
  'redress',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Who may make a move: the sending organisation, the receiving one, or the clock. */
export type Party = 'sender' | 'recipient' | 'system';

/** Fields of a transition body that some moves cannot do without. */
export type MoveField = 'ground' | 'reason' | 'legs' | 'returns' | 'extension' | 'answer' | 'order';

export interface Move {
  by: readonly Party[];
  requires?: readonly MoveField[];
}

/** A field the kind itself cannot do without, with where that requirement comes from. */
export interface RequiredField {
  field: string;
  why: string;
}

/**
 * Everything fraudx knows about one kind of request, declared once: its contents, what it cannot
 * be sent without, its legal basis by default, its states and moves, and which clocks run.
 */
export interface KindDefinition {
  kind: RequestKind;
  title: string;
  /** The kind's contents as the sender gives them; which are required is `required` plus the legal basis's. */
  fields: z.ZodRawShape;
  required: readonly RequiredField[];
  /** Legal-basis ids (legal-bases.ts) used when the sender names none: by jurisdiction, '*' for the rest. */
  defaultBasis: Readonly<Record<string, string>>;
  /** from state → to state → who may make the move and what it needs. The first state is where a request starts. */
  moves: Readonly<Record<string, Readonly<Record<string, Move>>>>;
  /** States that mean the recipient has done the decisive thing (held, preserved, taken down, answered). */
  acted: readonly string[];
  /** A clock that ends a state by itself: a hold lapses, a preservation expires. */
  expiry?: { clock: 'hold' | 'preservation'; running: readonly string[]; lapseTo: string };
}

export const INITIAL_STATE = 'sent';

export function statesOf(def: KindDefinition): string[] {
  const states = new Set<string>();
  for (const [from, tos] of Object.entries(def.moves)) {
    states.add(from);
    for (const to of Object.keys(tos)) states.add(to);
  }
  return [...states];
}

export function isFinal(def: KindDefinition, state: string): boolean {
  return Object.keys(def.moves[state] ?? {}).length === 0;
}
