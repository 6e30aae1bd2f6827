import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// Random bytes are drawn from the system in blocks: one call per id costs more than the id.
const POOL = Buffer.alloc(16 * 256);
let offset = POOL.length;

function randomBlock(): Uint8Array {
  if (offset === POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  offset += 16;
  return POOL.subarray(offset - 16, offset);
}

// RFC 9562's counter method: ids made in the same millisecond count up from a random start.
const clock = { msecs: -Infinity, seq: 0 };

/** A new entity id: UUIDv7, so ids sort by creation time, in order even within a millisecond. */
export function newId(): string {
  const random = randomBlock();
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
}
