import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ChangeFeed } from '../../log/change-feed.js';
import { type LoggedEvent, readEvents } from '../../log/change-log.js';

/**
 * Fans the change log out through NATS JetStream, for deployments with many subscribers: one
 * publisher tails the log into a stream (one subject per entity: `fraudx.changes.indicator`, …),
 * and any number of followers read it from any position without touching the database.
 * Events carry no personal data (the change log never does); the stream is for trusted
 * internal consumers, which apply their own authorisation before showing anything to anyone.
 */
export const DEFAULT_STREAM = 'FRAUDX_CHANGES';
export const DEFAULT_SUBJECT_PREFIX = 'fraudx.changes';

export interface StreamOptions {
  /** NATS servers, e.g. `127.0.0.1:4222`. */
  servers: string;
  stream?: string;
  subjectPrefix?: string;
}

interface Names {
  stream: string;
  prefix: string;
}

function namesOf(o: StreamOptions): Names {
  return { stream: o.stream ?? DEFAULT_STREAM, prefix: o.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX };
}

/** Entity names become one subject token each; anything NATS would read as a separator is replaced. */
function subjectOf(prefix: string, e: LoggedEvent): string {
  return `${prefix}.${e.entity.replace(/[.*> \s]/gu, '_')}`;
}

async function ensureStream(jsm: JetStreamManager, n: Names): Promise<void> {
  try {
    await jsm.streams.info(n.stream);
  } catch {
    await jsm.streams.add({ name: n.stream, subjects: [`${n.prefix}.>`] });
  }
}

/** The change-log sequence of the last event in the stream; 0 when it is empty. */
async function lastPublishedSeq(jsm: JetStreamManager, n: Names): Promise<number> {
  const info = await jsm.streams.info(n.stream);
  if (info.state.messages === 0) return 0;
  const last = await jsm.streams.getMessage(n.stream, { seq: info.state.last_seq });
  return last ? last.json<LoggedEvent>().seq : 0;
}

export interface ChangePublisher {
  /** Resolves once every event handed over so far is acknowledged by JetStream. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes the change log to the stream: first what the stream lacks (from its last event on,
 * so a restarted publisher neither loses nor repeats events), then every event the feed brings.
 * Each message's id is the event's origin and sequence, so JetStream drops accidental repeats.
 */
export async function publishChangeLog(db: Kysely<Database>, feed: ChangeFeed, options: StreamOptions): Promise<ChangePublisher> {
  const n = namesOf(options);
  const nc = await connect({ servers: options.servers });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, n);
  const js = jetstream(nc);
  let published = await lastPublishedSeq(jsm, n);
  let queue: Promise<void> = Promise.resolve();
  let failure: Error | undefined;

  const publish = (events: readonly LoggedEvent[]) => {
    const fresh = events.filter((e) => e.seq > published);
    if (fresh.length === 0) return;
    published = fresh[fresh.length - 1].seq;
    // Chained, so the stream holds events in log order.
    queue = queue.then(() => publishAll(js, n, fresh)).catch((err: Error) => {
      failure = err;
    });
  };
  for (;;) {
    const events = await readEvents(db, published, 5000);
    if (events.length === 0) break;
    publish(events);
    await queue;
  }
  const unsubscribe = feed.subscribe(publish);
  return {
    flush: async () => {
      await queue;
      if (failure) throw failure;
    },
    close: async () => {
      unsubscribe();
      await queue;
      await nc.drain();
    },
  };
}

async function publishAll(js: JetStreamClient, n: Names, events: readonly LoggedEvent[]): Promise<void> {
  // Published together and acknowledged together: one round trip per batch, not per event.
  await Promise.all(events.map((e) => js.publish(subjectOf(n.prefix, e), JSON.stringify(e), { msgID: `${e.originNode}:${e.originSeq}` })));
}

export interface ChangeFollower {
  close(): Promise<void>;
}

/**
 * Follows the stream from just after change-log sequence `afterSeq`, handing each event to
 * `handler` in order (an ordered consumer: nothing to acknowledge, nothing left on the server).
 */
export async function followChangeStream(
  options: StreamOptions & { afterSeq?: number; entities?: string[] },
  handler: (event: LoggedEvent) => void,
): Promise<ChangeFollower> {
  const n = namesOf(options);
  const nc: NatsConnection = await connect({ servers: options.servers });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, n);
  const afterSeq = options.afterSeq ?? 0;
  const wanted = options.entities && new Set(options.entities);
  // Filtered here rather than by subject filters, which older NATS servers take only one of.
  const consumer = await jetstream(nc).consumers.get(n.stream);
  const messages = await consumer.consume();
  const done = (async () => {
    for await (const m of messages) {
      const event = m.json<LoggedEvent>();
      if (event.seq > afterSeq && (!wanted || wanted.has(event.entity))) handler(event);
    }
  })();
  return {
    close: async () => {
      await messages.close();
      await done;
      await nc.drain();
    },
  };
}
