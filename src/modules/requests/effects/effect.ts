import type { RequestTable } from '../../../db/schema.js';
import type { MoveEnv } from '../requests.move.js';
import type { TransitionBody } from '../requests.schema.js';

/** What a kind does when its request moves: `row` is the request as it will be saved, and may be changed. */
export interface MoveEffect {
  from: string;
  row: RequestTable;
  body: TransitionBody;
  outcome: Record<string, unknown>;
}

export type KindEffect = (env: MoveEnv, move: MoveEffect) => Promise<void>;
