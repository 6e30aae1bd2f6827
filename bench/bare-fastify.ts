/** The baseline: a bare Fastify route that returns a fixed body, nothing else. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { results: [{ value: 'x', known: false }] };
app.post('/check', async () => body);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`{"address":"${address}"}\n`);
