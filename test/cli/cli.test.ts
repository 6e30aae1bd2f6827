import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../support/databases.js';
import { type CliWorkspace, cliWorkspace, runCli } from '../support/process.js';

describe.each(DIALECTS)('the fraudx command on %s', (dialect) => {
  let workspace: CliWorkspace;
  let db: TestDatabase;
  let env: Record<string, string>;
  let work: string;
  beforeAll(async () => {
    workspace = await cliWorkspace(dialect);
    ({ db, env, work } = workspace);
  });
  afterAll(async () => workspace?.close());

  it('adds an organisation and a key, printing the id and the key alone', () => {
    const org = runCli(['orgs', 'add', '--name', 'Andaman Bank', '--country', 'th', '--sector', 'bank'], env);
    expect(org.status).toBe(0);
    expect(org.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const key = runCli(['keys', 'add', '--org', org.stdout.trim(), '--role', 'machine'], env);
    expect(key.status).toBe(0);
    expect(key.stdout).toMatch(/^fx_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    const keyFile = path.join(db.dataDir, 'initial-admin-key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const bad = runCli(['orgs', 'add', '--name', 'X', '--country', 'XX', '--sector', 'bank'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('country');
  });

  it('imports a few thousand rows of JSON Lines and CSV, and a second run adds nothing', () => {
    const jsonl = path.join(work, 'rows.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 2500; i++) lines.push(JSON.stringify({ kind: 'phone', value: `+6681${String(i).padStart(7, '0')}`, typology: 'call-centre', country: 'TH' }));
    for (let i = 0; i < 300; i++) {
      lines.push(JSON.stringify({ typology: 'job-task', country: 'PH', loss: { amount: '100.00', currency: 'PHP' }, indicators: [{ value: `+63917${String(i).padStart(7, '0')}` }, { value: 'TH:004:9999999999', role: 'paid-to' }] }));
    }
    lines.push('{"kind":"phone","value":"12"}', 'not json', JSON.stringify({ typology: 'nope' }));
    writeFileSync(jsonl, lines.join('\n') + '\n');
    const csv = path.join(work, 'rows.csv');
    writeFileSync(csv, 'kind,value,typology,country\n' + Array.from({ length: 1200 }, (_, i) => `domain,scam-${i}.top,phishing,`).join('\n') + '\n,???,,\n');

    const first = runCli(['import', jsonl, '--json'], env);
    expect(first.status).toBe(0);
    const s1 = JSON.parse(first.stdout);
    expect(s1).toMatchObject({ format: 'jsonl', rows: 2803, accepted: 2800, merged: 0, rejected: 3 });
    expect(s1.rejections.map((r: any) => [r.line, r.code])).toEqual([[2801, 'invalid-phone'], [2802, 'malformed-row'], [2803, 'validation-failed']]);
    const second = JSON.parse(runCli(['import', jsonl, '--json'], env).stdout);
    expect(second).toMatchObject({ accepted: 0, merged: 2800, rejected: 3 });

    const c1 = JSON.parse(runCli(['import', csv, '--json'], env).stdout);
    expect(c1).toMatchObject({ format: 'csv', rows: 1201, accepted: 1200, rejected: 1 });
    expect(JSON.parse(runCli(['import', csv, '--json'], env).stdout)).toMatchObject({ accepted: 0, merged: 1200 });

    const check = JSON.parse(runCli(['check', '+66810000007', 'TH:004:9999999999', 'scam-7.top', 'nonsense', '--json'], env).stdout);
    expect(check.results.map((r: any) => r.known)).toEqual([true, true, true, undefined]);
    expect(check.results[1]).toMatchObject({ reports: 300, organisations: 1 });
    expect(check.results[3].error.code).toBe('undetectable');
    const table = runCli(['check', '+66810000007'], env);
    expect(table.stdout).toContain('KNOWN');
  });

  it('loads the demo data set twice without doubling anything', () => {
    const first = runCli(['demo'], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/demo loaded: 8 organisations, 52 reports \(52 new\)/);
    const second = runCli(['demo'], env);
    expect(second.stdout).toMatch(/52 reports \(0 new\)/);
    const orgs = JSON.parse(runCli(['orgs', 'list', '--json'], env).stdout);
    expect(orgs.filter((o: any) => o.name.endsWith('(demo)'))).toHaveLength(8);
    const check = JSON.parse(runCli(['check', 'telegram:goldtrade_mentor_amy', '--json'], env).stdout);
    expect(check.results[0].known).toBe(true);
    expect(check.results[0].countries.length).toBeGreaterThan(1);
  });
});

describe('fraudx serve with no configuration', () => {
  it('reads its key file from the data folder it was given', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fraudx-fresh-'));
    try {
      const res = runCli(['orgs', 'list', '--data', dir], { DATABASE_URL: '' });
      expect(res.status).toBe(0);
      expect(res.stdout).toContain('This fraudx node');
      expect(readFileSync(path.join(dir, 'initial-admin-key'), 'utf8')).toMatch(/^fx_/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
