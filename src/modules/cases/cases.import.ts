import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '../../app/context.js';
import { stableKey } from '../../shared/hash.js';
import type { Principal } from '../policy/policy.js';
import { AGE_BANDS, createCaseBody, type CreateCaseBody } from './cases.schema.js';
import { storeNewCases } from './cases.service.js';
import { GENDERS } from './cases.vocab.js';

/**
 * Bulk intake of a nominal roll: the list of people per nationality that border authorities hand
 * over after a rescue, one person a row. Columns (any order, unknown ones refused so a typo in a
 * header is not silently lost): rollNumber, operation, firstName, secondName, aliases (`;`),
 * gender, age or ageBand, birthdate, nationality, passportNumber, documentStatus, languages (`;`),
 * compoundCountry, compound, rescuedOn, rescuedAt. Every row is validated on its own; a bad row
 * is refused with its line and reason and the others are still taken. Safe to run twice.
 */
export const ROLL_COLUMNS = [
  'rollNumber', 'operation', 'firstName', 'secondName', 'aliases', 'gender', 'age', 'ageBand', 'birthdate', 'nationality',
  'passportNumber', 'documentStatus', 'languages', 'compoundCountry', 'compound', 'rescuedOn', 'rescuedAt',
] as const;
type RollRow = Partial<Record<(typeof ROLL_COLUMNS)[number], string>>;

export interface RollRefusal {
  line: number;
  reason: string;
}

export interface RollSummary {
  file: string;
  rows: number;
  created: number;
  alreadyImported: number;
  refused: number;
  refusals: RollRefusal[];
}

const GENDER_WORDS: Record<string, (typeof GENDERS)[number]> = { m: 'Masculine', male: 'Masculine', f: 'Feminine', female: 'Feminine', x: 'NonConforming', '': 'NonSpecifiedUnknown', unknown: 'NonSpecifiedUnknown' };

function genderOf(value: string | undefined): (typeof GENDERS)[number] | undefined {
  const v = (value ?? '').trim();
  return (GENDERS as readonly string[]).includes(v) ? (v as (typeof GENDERS)[number]) : GENDER_WORDS[v.toLowerCase()];
}

function ageBandOf(age: number): (typeof AGE_BANDS)[number] {
  const limits: [number, (typeof AGE_BANDS)[number]][] = [[8, '0-8'], [17, '9-17'], [20, '18-20'], [23, '21-23'], [26, '24-26'], [29, '27-29'], [38, '30-38'], [47, '39-47']];
  return limits.find(([max]) => age <= max)?.[1] ?? '48+';
}

/** People per transaction: a roll of hundreds goes in a few writes. */
const BATCH = 100;
const list = (v: string | undefined) => (v ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** One roll row as a case body, or the reason it cannot be one. */
export function caseBodyOfRow(row: RollRow, defaults: { operation?: string }): { body: CreateCaseBody } | { reason: string } {
  const gender = genderOf(row.gender);
  if (!gender) return { reason: `gender "${row.gender}" is not M, F, X, unknown or an HTCDS value` };
  let ageBand = row.ageBand;
  if (row.age) {
    const age = Number(row.age);
    if (!Number.isInteger(age) || age < 0 || age > 120) return { reason: `age "${row.age}" is not a whole number of years` };
    ageBand = ageBandOf(age);
  }
  const docStatus = row.documentStatus ?? (row.passportNumber ? 'held' : undefined);
  const candidate = {
    reference: row.rollNumber,
    operation: row.operation ?? defaults.operation,
    person: {
      firstName: row.firstName,
      secondName: row.secondName,
      birthdate: row.birthdate,
      aliases: list(row.aliases),
      documents: docStatus ? [{ type: row.passportNumber || docStatus !== 'held' ? 'passport' : 'none', number: row.passportNumber, issuingCountry: row.nationality, status: docStatus }] : [],
    },
    gender,
    ageBand,
    nationality: row.nationality,
    nationalityVerification: 'self-declared',
    languages: list(row.languages),
    exploitationTypes: ['ForcedCriminality'],
    forcedCriminality: ['OnlineFraud'],
    compoundCountry: row.compoundCountry,
    journey: row.rescuedOn || row.rescuedAt ? [{ type: 'Rescue', date: row.rescuedOn, place: row.rescuedAt, country: row.compoundCountry, compound: row.compound }] : [],
  };
  const parsed = createCaseBody.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!parsed.success) return { reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') };
  if (!parsed.data.nationality) return { reason: 'nationality is missing: a roll is kept per nationality' };
  return { body: parsed.data };
}

export async function importRoll(
  ctx: AppContext,
  principal: Principal,
  file: string,
  options: { operation?: string; onRow?: (done: number, total: number) => void } = {},
): Promise<RollSummary> {
  const records = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const summary: RollSummary = { file, rows: records.length, created: 0, alreadyImported: 0, refused: 0, refusals: [] };
  const refuse = (line: number, reason: string) => {
    summary.refused += 1;
    summary.refusals.push({ line, reason });
  };
  const seen = new Set<string>();
  let batch: { body: CreateCaseBody; rollKey: string }[] = [];
  const flush = async () => {
    for (const { created } of await storeNewCases(ctx, principal, batch)) {
      if (created) summary.created += 1;
      else summary.alreadyImported += 1;
    }
    batch = [];
  };
  for (const [i, { record, info }] of records.entries()) {
    options.onRow?.(i + 1, records.length);
    const unknown = Object.keys(record).filter((k) => !(ROLL_COLUMNS as readonly string[]).includes(k));
    if (unknown.length) {
      refuse(info.lines, `unknown column ${unknown.join(', ')}; the columns are ${ROLL_COLUMNS.join(', ')}`);
      continue;
    }
    const row = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')) as RollRow;
    const mapped = caseBodyOfRow(row, options);
    if ('reason' in mapped) {
      refuse(info.lines, mapped.reason);
      continue;
    }
    const rollKey = stableKey('roll', principal.orgId, mapped.body.operation, row.rollNumber ?? JSON.stringify(row));
    if (seen.has(rollKey)) {
      refuse(info.lines, `roll number ${row.rollNumber ?? '(none)'} appears twice in this file`);
      continue;
    }
    seen.add(rollKey);
    batch.push({ body: mapped.body, rollKey });
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return summary;
}
