import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, openContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import type { LoggedEvent } from '../../src/log/change-log.js';
import { bootstrapNode } from '../../src/modules/orgs/orgs.service.js';
import type { Principal } from '../../src/modules/policy/policy.js';
import { createReportBody } from '../../src/modules/reports/reports.schema.js';
import { createReport } from '../../src/modules/reports/reports.service.js';
import { followChangeStream, publishChangeLog } from '../../src/modules/streams/nats-stream.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { spawnServe } from '../support/process.js';

// NATS with JetStream runs beside PostgreSQL on the test machine (see docs/scaling.md).
const NATS = process.env.FRAUDX_TEST_NATS ?? '127.0.0.1:4222';

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe('the change log through NATS JetStream', () => {
  let db: TestDatabase;
  let ctx: AppContext;
  let principal: Principal;
  const names = { servers: NATS, stream: `FRAUDX_TEST_${randomBytes(4).toString('hex')}`, subjectPrefix: `fraudxtest${randomBytes(4).toString('hex')}` };
  const report = (value: string) => createReport(ctx, principal, createReportBody.parse({ typology: 'investment', indicators: [{ value }] }));

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    ctx = await openContext(loadConfig({ data: db.dataDir }, { ...process.env, DATABASE_URL: '' }), { withIndex: true, log: pino({ level: 'silent' }) });
    const { org } = await bootstrapNode(ctx);
    principal = { orgId: org.id, role: 'admin', actorId: 'test', country: 'TH' };
  });
  afterAll(async () => {
    const nc = await connect({ servers: NATS });
    await (await jetstreamManager(nc)).streams.delete(names.stream).catch(() => undefined);
    await nc.close();
    await ctx?.close();
    await db?.drop();
  });

  it('publishes the backlog and then live events, in log order, to a follower', async () => {
    await report('+66822220001');
    const publisher = await publishChangeLog(ctx.storage.db, ctx.feed, names);
    const seen: LoggedEvent[] = [];
    const follower = await followChangeStream({ ...names, entities: ['indicator', 'report'] }, (e) => seen.push(e));
    await until(() => seen.some((e) => e.entity === 'indicator' && (e.data as { canonical?: string }).canonical === '+66822220001'));
    expect(seen.some((e) => (e.data as { canonical?: string }).canonical === '+66822220001')).toBe(true);

    await report('+66822220002');
    await publisher.flush();
    await until(() => seen.some((e) => (e.data as { canonical?: string }).canonical === '+66822220002'));
    expect(seen.some((e) => e.entity === 'indicator' && (e.data as { canonical?: string }).canonical === '+66822220002')).toBe(true);
    expect(seen.every((e) => e.entity === 'indicator' || e.entity === 'report')).toBe(true);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await follower.close();
    await publisher.close();
  });

  it('resumes after a restart without repeating or losing events, and follows from a position', async () => {
    const before = await messagesInStream();
    await report('+66822220003');
    const publisher = await publishChangeLog(ctx.storage.db, ctx.feed, names);
    await publisher.flush();
    const after = await messagesInStream();
    const logged = await ctx.storage.db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after).toBe(Number(logged.n));
    expect(after).toBeGreaterThan(before);

    const seen: LoggedEvent[] = [];
    const follower = await followChangeStream({ ...names, afterSeq: after - 1 }, (e) => seen.push(e));
    await until(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((e) => e.seq)).toEqual([after]);
    await follower.close();
    await publisher.close();
  });

  async function messagesInStream(): Promise<number> {
    const nc = await connect({ servers: NATS });
    const info = await (await jetstreamManager(nc)).streams.info(names.stream);
    await nc.close();
    return info.state.messages;
  }
});

describe('fraudx serve with FRAUDX_NATS_URL', () => {
  let db: TestDatabase;
  const names = { servers: NATS, stream: `FRAUDX_TEST_${randomBytes(4).toString('hex')}`, subjectPrefix: `fraudxtest${randomBytes(4).toString('hex')}` };

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
  });
  afterAll(async () => {
    const nc = await connect({ servers: NATS });
    await (await jetstreamManager(nc)).streams.delete(names.stream).catch(() => undefined);
    await nc.close();
    await db?.drop();
  });

  it('publishes every write of the running node to the stream', async () => {
    const node = await spawnServe([], {
      FRAUDX_DATA: db.dataDir,
      DATABASE_URL: '',
      FRAUDX_NATS_URL: NATS,
      FRAUDX_NATS_STREAM: names.stream,
      FRAUDX_NATS_SUBJECT_PREFIX: names.subjectPrefix,
    });
    const seen: LoggedEvent[] = [];
    const follower = await followChangeStream({ ...names, entities: ['indicator'] }, (e) => seen.push(e));
    try {
      const key = readFileSync(path.join(db.dataDir, 'initial-admin-key'), 'utf8').trim();
      const res = await fetch(`${node.url}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ typology: 'investment', country: 'TH', indicators: [{ value: '081 333 0001' }] }),
      });
      expect(res.status).toBe(201);
      await until(() => seen.some((e) => (e.data as { canonical?: string }).canonical === '+66813330001'));
      const event = seen.find((e) => (e.data as { canonical?: string }).canonical === '+66813330001');
      expect(event).toMatchObject({ entity: 'indicator', op: 'create', data: { kind: 'phone', reports: 1 } });
    } finally {
      await follower.close();
      await node.stop();
    }
  });
});
