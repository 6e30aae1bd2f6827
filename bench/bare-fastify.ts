/**
 * The baselines of the single-item checks. By default a bare Fastify route that returns a fixed
 * body, nothing else. Given BENCH_ANSWERS (a file of fraudx's answers by checked value), the same
 * bare route returns fraudx's own answer to each check, with fraudx's API security headers, and
 * does nothing more: what the answer itself (its bytes and headers) costs, apart from the work.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { API_HEADERS } from '../src/server/security-headers.js';

const app = Fastify({ logger: false });
const answersFile = process.env.BENCH_ANSWERS;
if (answersFile) {
  const answers = new Map(Object.entries(JSON.parse(readFileSync(answersFile, 'utf8')) as Record<string, unknown>));
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of API_HEADERS) reply.raw.setHeader(name, value);
    done();
  });
  app.post<{ Body: { items: { value: string }[] } }>('/check', async (request) => answers.get(request.body.items[0].value));
} else {
  const body = { results: [{ value: 'x', known: false }] };
  app.post('/check', async () => body);
}
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`{"address":"${address}"}\n`);
