import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { type LoggedEvent, readEvents } from '../../log/change-log.js';
import { authorize, type Principal } from '../policy/policy.js';

const HEARTBEAT_MS = 15_000;
const PAGE = 1000;

/** Request events on the change log name their audience: the organisations that may see them. */
function visibleTo(orgId: string, e: LoggedEvent): boolean {
  if (e.entity !== 'request') return false;
  const audience = (e.data as { audience?: unknown }).audience;
  return Array.isArray(audience) && audience.includes(orgId);
}

/**
 * The live change stream of requests as server-sent events, read from the change log: each
 * event's id is its sequence number, so a client that reconnects with Last-Event-ID (or
 * `?after=`) misses nothing and sees nothing twice.
 */
export async function streamRequestEvents(ctx: AppContext, principal: Principal, request: FastifyRequest, reply: FastifyReply, after?: number): Promise<void> {
  authorize(principal, 'request:read');
  const lastEventId = Number(request.headers['last-event-id']);
  let cursor = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (after ?? ctx.feed.position);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(': fraudx request stream\n\n');

  const send = (e: LoggedEvent) => {
    if (e.seq <= cursor) return;
    cursor = e.seq;
    if (visibleTo(principal.orgId, e)) res.write(`id: ${e.seq}\nevent: request\ndata: ${JSON.stringify({ seq: e.seq, at: e.createdAt, op: e.op, ...(e.data as object) })}\n\n`);
  };
  let replaying = true;
  const buffered: LoggedEvent[] = [];
  const unsubscribe = ctx.feed.subscribe((events) => {
    if (replaying) buffered.push(...events);
    else events.forEach(send);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  request.raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });

  // Replays what the client missed, then hands over to the live feed.
  for (;;) {
    const page = await readEvents(ctx.storage.db, cursor, PAGE);
    page.forEach(send);
    if (page.length < PAGE) break;
  }
  replaying = false;
  buffered.forEach(send);
}
