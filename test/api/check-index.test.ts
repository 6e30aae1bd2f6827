import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { SNAPSHOT_FILE } from '../../src/modules/check/index-loader.js';
import { bootstrapNode } from '../../src/modules/orgs/orgs.service.js';
import { createReport } from '../../src/modules/reports/reports.service.js';
import { createReportBody } from '../../src/modules/reports/reports.schema.js';
import type { Principal } from '../../src/modules/policy/policy.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

describe.each(DIALECTS)('the check index snapshot on %s', (dialect) => {
  let db: TestDatabase;
  let principal: Principal;
  const lines: string[] = [];
  const open = (withIndex: boolean) =>
    openContext(loadConfig({ data: db.dataDir, databaseUrl: db.databaseUrl }, { ...process.env, DATABASE_URL: '' }), {
      withIndex,
      log: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    });
  const report = async (ctx: AppContext, value: string) => {
    await createReport(ctx, principal, createReportBody.parse({ typology: 'investment', indicators: [{ value }] }));
  };
  const lastLoad = () => JSON.parse(lines.filter((l) => l.includes('check index')).at(-1)!) as { msg: string; replayed?: number; reason?: string };

  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => db?.drop());

  it('rebuilds from storage at first, then loads its snapshot and catches up from the log', async () => {
    const first = await open(true);
    const { org } = await bootstrapNode(first);
    principal = { orgId: org.id, role: 'admin', actorId: 'test', country: 'TH' };
    expect(lastLoad().msg).toBe('check index rebuilt from storage');
    await report(first, '+66811110001');
    await first.close();
    expect(existsSync(path.join(db.dataDir, SNAPSHOT_FILE))).toBe(true);

    // Written while no server runs: the snapshot is behind, and the log has the difference.
    const oneShot = await open(false);
    await report(oneShot, '+66811110002');
    await oneShot.close();

    const second = await open(true);
    expect(lastLoad()).toMatchObject({ msg: 'check index loaded from its snapshot' });
    expect(lastLoad().replayed).toBeGreaterThan(0);
    expect(second.index.get('phone', '+66811110001')).toMatchObject({ reports: 1 });
    expect(second.index.get('phone', '+66811110002')).toMatchObject({ reports: 1 });
    await second.close();
  });

  it('rebuilds from storage when the snapshot is damaged', async () => {
    writeFileSync(path.join(db.dataDir, SNAPSHOT_FILE), 'damaged');
    const ctx = await open(true);
    expect(lastLoad()).toMatchObject({ msg: 'check index rebuilt from storage', reason: expect.stringContaining('unreadable') });
    expect(ctx.index.get('phone', '+66811110002')).toMatchObject({ reports: 1 });
    await ctx.close();
  });
});
