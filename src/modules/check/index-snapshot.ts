import { closeSync, fstatSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { CompactLookupIndex, type IndexColumns } from './lookup-index.js';
import { type Profile, ProfileTable } from './index-profiles.js';

/**
 * A snapshot of the check index in one local file: a JSON header, then the typed arrays as raw
 * bytes, read straight back into arrays. It is keyed to the change-log sequence it reflects, so a
 * server loads it and catches up from the log; one for another database, or ahead of the log
 * (a restored database), is stale and the index is rebuilt from storage instead.
 */
const MAGIC = 'fraudx-check-index';
const FORMAT = 1;

interface Header {
  magic: string;
  format: number;
  endianness: string;
  nodeId: string;
  seq: number;
  rows: number;
  live: number;
  keyBytes: number;
  profileWidth: 2 | 4;
  kinds: string[];
  bigCounts: [number, number, number][];
  profiles: Profile[];
}

export interface SnapshotKey {
  /** The node (and so the database) the snapshot belongs to. */
  nodeId: string;
  /** The change-log sequence every event up to which the index reflects. */
  seq: number;
}

/** Writes the snapshot beside its final name, then renames it: readers never see half a file. */
export function writeSnapshot(file: string, index: CompactLookupIndex, key: SnapshotKey): void {
  const c = index.columns();
  const header: Header = {
    magic: MAGIC,
    format: FORMAT,
    endianness: endianness(),
    nodeId: key.nodeId,
    seq: key.seq,
    rows: c.rows,
    live: c.live,
    keyBytes: c.keyBytes.length,
    profileWidth: c.profileIds.BYTES_PER_ELEMENT as 2 | 4,
    kinds: c.kinds,
    bigCounts: c.bigCounts,
    profiles: c.profiles.toJSON(),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    writeSync(fd, length);
    writeSync(fd, json);
    for (const array of arraysOf(c)) writeAll(fd, bytesOf(array));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The index in the snapshot with `spare` rows of room, or why it cannot be used. */
export function readSnapshot(
  file: string,
  expected: { nodeId: string; maxSeq: number },
  spare: (rows: number) => number,
): { index: CompactLookupIndex; seq: number } | { stale: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { stale: 'no snapshot' };
  }
  try {
    const length = Buffer.alloc(4);
    readAll(fd, length, 0);
    if (length.readUInt32LE() > fstatSync(fd).size) throw new Error('bad header length');
    const json = Buffer.alloc(length.readUInt32LE());
    readAll(fd, json, 4);
    const h = JSON.parse(json.toString('utf8')) as Header;
    if (h.magic !== MAGIC || h.format !== FORMAT || h.endianness !== endianness()) return { stale: 'snapshot of another format' };
    if (h.nodeId !== expected.nodeId) return { stale: 'snapshot of another database' };
    if (h.seq > expected.maxSeq) return { stale: 'snapshot ahead of the change log' };
    const cap = h.rows + spare(h.rows);
    const c: IndexColumns = {
      rows: h.rows,
      live: h.live,
      kinds: h.kinds,
      offsets: new Uint32Array(cap + 1),
      keyBytes: new Uint8Array(Math.ceil((h.keyBytes * cap) / Math.max(1, h.rows))),
      scores: new Uint8Array(cap),
      reports: new Uint16Array(cap),
      orgs: new Uint8Array(cap),
      profileIds: h.profileWidth === 2 ? new Uint16Array(cap) : new Uint32Array(cap),
      firstSeen: new Uint32Array(cap),
      lastSeen: new Uint32Array(cap),
      bigCounts: h.bigCounts,
      profiles: ProfileTable.fromJSON(h.profiles),
    };
    let position = 4 + json.length;
    const used: Record<string, number> = { offsets: h.rows + 1, keyBytes: h.keyBytes };
    for (const [name, array] of namedArraysOf(c)) {
      const bytes = bytesOf(array).subarray(0, (used[name] ?? h.rows) * array.BYTES_PER_ELEMENT);
      readAll(fd, bytes, position);
      position += bytes.length;
    }
    return { index: CompactLookupIndex.fromColumns(c), seq: h.seq };
  } catch (err) {
    return { stale: `unreadable snapshot (${(err as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

type Column = Uint8Array | Uint16Array | Uint32Array;

function namedArraysOf(c: IndexColumns): [string, Column][] {
  return [
    ['offsets', c.offsets],
    ['keyBytes', c.keyBytes],
    ['scores', c.scores],
    ['reports', c.reports],
    ['orgs', c.orgs],
    ['profileIds', c.profileIds],
    ['firstSeen', c.firstSeen],
    ['lastSeen', c.lastSeen],
  ];
}

function arraysOf(c: IndexColumns): Column[] {
  return namedArraysOf(c).map(([, a]) => a);
}

function bytesOf(array: Column): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30));
}

function readAll(fd: number, bytes: Buffer, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30), position + done);
    if (n === 0) throw new Error('snapshot ends early');
    done += n;
  }
}
