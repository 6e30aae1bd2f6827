import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { Database, EvidenceFileTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { type EvidenceInput, type EvidenceView, MAX_EVIDENCE_BYTES } from './intake.schema.js';

/** A file decoded and written to the evidence store, ready for its row. */
export interface StoredFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * Writes evidence files by content to DATA/evidence/ab/abcdef…: the same screenshot sent twice is
 * stored once, and the SHA-256 in the row proves later that the file is the one received.
 */
export function storeEvidenceFiles(ctx: AppContext, files: readonly EvidenceInput[]): StoredFile[] {
  return files.map((file) => {
    const bytes = Buffer.from(file.data, 'base64');
    if (bytes.length > MAX_EVIDENCE_BYTES) throw new ProblemError('body-too-large', `evidence file "${file.name}" is over ${MAX_EVIDENCE_BYTES} bytes`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = evidencePath(ctx, sha256);
    if (!existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      // Written aside then renamed, so a reader never sees half a file.
      const partial = `${target}.${process.pid}.partial`;
      writeFileSync(partial, bytes, { mode: 0o600 });
      renameSync(partial, target);
    }
    return { name: file.name, mediaType: file.mediaType.toLowerCase(), size: bytes.length, sha256 };
  });
}

export async function insertEvidenceRows(
  trx: Transaction<Database>,
  files: readonly StoredFile[],
  owner: { intakeId?: string; reportId?: string; orgId?: string },
  nowIso: string,
): Promise<EvidenceFileTable[]> {
  const rows: EvidenceFileTable[] = files.map((f) => ({
    id: newId(),
    intake_id: owner.intakeId ?? null,
    report_id: owner.reportId ?? null,
    org_id: owner.orgId ?? null,
    name: f.name,
    media_type: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    created_at: nowIso,
  }));
  if (rows.length > 0) await trx.insertInto('evidence_files').values(rows).execute();
  return rows;
}

export function presentEvidence(row: EvidenceFileTable): EvidenceView {
  return { id: row.id, name: row.name, mediaType: row.media_type, size: Number(row.size), sha256: row.sha256, createdAt: row.created_at };
}

/** The bytes of a stored file, checked against the hash recorded when it was received. */
export function readEvidenceFile(ctx: AppContext, row: EvidenceFileTable): Buffer {
  const target = evidencePath(ctx, row.sha256);
  if (!existsSync(target)) throw new ProblemError('not-found', `the evidence file ${row.id} is missing from the store`);
  const bytes = readFileSync(target);
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new ProblemError('internal', `the evidence file ${row.id} no longer matches its SHA-256`);
  }
  return bytes;
}

function evidencePath(ctx: AppContext, sha256: string): string {
  return path.join(ctx.config.dataDir, 'evidence', sha256.slice(0, 2), sha256);
}
