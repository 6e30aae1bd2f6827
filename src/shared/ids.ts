import { v7 } from 'uuid';

/** A new entity id: UUIDv7, so ids sort by creation time. */
export function newId(): string {
  return v7();
}
