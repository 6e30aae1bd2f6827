import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { type CliWorkspace, cliWorkspace, runCli } from '../support/process.js';

const HEADER = 'rollNumber,firstName,secondName,aliases,gender,age,nationality,passportNumber,documentStatus,languages,compoundCountry,compound,rescuedOn,rescuedAt';
const NATIONS = ['MM', 'KH', 'VN', 'ID', 'ET', 'CN'];
/** Bad rows, by the line they land on in the file (header = line 1), and what the summary must say. */
const BAD: Record<number, [string, RegExp]> = {
  12: ['R-0010,Sok,Dara,,W,25,KH,,,km,MM,,2025-02-20,Myawaddy', /gender "W"/],
  40: ['R-0038,Nguyen,An,,M,25,XX,,,vi,MM,,2025-02-20,Myawaddy', /nationality/],
  77: ['R-0075,Budi,Santoso,,M,twenty,ID,,,id,MM,,2025-02-20,Myawaddy', /age "twenty"/],
  150: ['R-0148,Li,Wei,,F,31,,,,zh,MM,,2025-02-20,Myawaddy', /nationality is missing/],
  201: ['R-0199,Abebe,Girma,,M,22,ET,,,am,MM,,2025-02-30,Myawaddy', /journey\.0\.date/],
  255: ['R-0001,Aung,Ko,,M,22,MM,,,my,MM,,2025-02-20,Myawaddy', /appears twice/],
  299: ['R-0297,Tun,Tun,,M,22,MM,MA777,misplaced,my,MM,,2025-02-20,Myawaddy', /documents/],
};

function roll(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; lines.length <= rows; i++) {
    const line = lines.length + 1;
    if (BAD[line]) {
      lines.push(BAD[line][0]);
      continue;
    }
    const n = NATIONS[i % NATIONS.length];
    lines.push(`R-${String(i).padStart(4, '0')},Person${i},Family${i},Nick${i};Team${i % 7},${i % 3 ? 'M' : 'F'},${18 + (i % 30)},${n},${i % 4 ? `P${100000 + i}` : ''},${i % 4 ? 'retained-by-exploiters' : 'lost'},en,MM,KK Park,2025-02-20,Myawaddy`);
  }
  return lines.join('\n') + '\n';
}

describe.each(DIALECTS)('fraudx cases import on %s', (dialect) => {
  let workspace: CliWorkspace;
  let env: Record<string, string>;
  let work: string;
  beforeAll(async () => {
    workspace = await cliWorkspace(dialect);
    ({ env, work } = workspace);
  });
  afterAll(async () => workspace?.close());

  it('takes a nominal roll of 300 people, refuses the bad rows by line and reason, and takes nothing twice', () => {
    const file = path.join(work, 'roll.csv');
    const text = roll(300);
    writeFileSync(file, text);
    const goodKh = text.split('\n').filter((l, i) => !BAD[i + 1] && l.split(',')[6] === 'KH').length;
    const first = runCli(['cases', 'import', file, '--operation', 'Myawaddy handover 2025-02', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ rows: 300, created: 293, alreadyImported: 0, refused: 7 });
    expect(summary.refusals.map((r: { line: number }) => r.line)).toEqual(Object.keys(BAD).map(Number));
    for (const r of summary.refusals) expect(r.reason).toMatch(BAD[r.line][1]);

    const again = runCli(['cases', 'import', file, '--operation', 'Myawaddy handover 2025-02'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('300 rows; 0 cases opened, 293 already imported, 7 refused');
    expect(again.stdout).toMatch(/line 12: gender "W"/);

    const listed = JSON.parse(runCli(['cases', 'list', '--nationality', 'KH', '--limit', '500', '--json'], env).stdout);
    expect(listed.items.length).toBe(goodKh);
    expect(listed.items.every((c: { status: string; nationality: string }) => c.status === 'intake' && c.nationality === 'KH')).toBe(true);
  });

  it('refuses a file whose header has an unknown column, row by row, with exit code 2', () => {
    const file = path.join(work, 'typo.csv');
    writeFileSync(file, 'rollNumber,nationalty\nA-1,MM\nA-2,KH\n');
    const res = runCli(['cases', 'import', file], env);
    expect(res.status).toBe(2);
    expect(res.stdout).toContain('unknown column nationalty');
  });
});
