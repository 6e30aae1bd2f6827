import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { ROOT } from '../support/process.js';

/**
 * The OASIS reference TAXII 2.1 client (oasis-open/cti-taxii-client, "taxii2-client" 2.3.0),
 * unmodified, driven from Python. It is not packaged for Debian and PyPI is out of reach here, so
 * its source is looked for in FRAUDX_TAXII2CLIENT or ../shared/third-party/cti-taxii-client (the
 * folder holding the `taxii2client` package); Debian's python3-requests, -six and -tz provide its
 * dependencies.
 */
const CLIENT_DIR = [process.env.FRAUDX_TAXII2CLIENT, path.resolve(ROOT, '../shared/third-party/cti-taxii-client')].find((d) => d && existsSync(path.join(d, 'taxii2client', 'v21', '__init__.py')));
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => !p.startsWith('/') || existsSync(p))!;
const DRIVER = path.join(ROOT, 'test/interop/support/taxii2client-drive.py');

async function python(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(PYTHON, args, { env: { ...process.env, PYTHONPATH: CLIENT_DIR ?? '' }, timeout: 120_000 });
  return stdout;
}

const usable = CLIENT_DIR
  ? await python(['-c', 'import requests, six, pytz, taxii2client.v21']).then(
      () => true,
      () => false,
    )
  : false;

describe.skipIf(!usable).each(DIALECTS)('the OASIS taxii2-client against fraudx on %s', (dialect) => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startNode(dialect);
    await loadDemo(node.ctx);
  }, 120_000);
  afterAll(async () => node?.close());

  it('discovers, pages with as_pages, reads one object and its versions, filters, and adds objects with a status', async () => {
    const ours = await node.request('GET', '/taxii2/fraudx/collections/all/objects/?limit=10000', { headers: { accept: 'application/taxii+json;version=2.1' } });
    const expected = ours.body.objects.map((o: { id: string }) => o.id);
    const seen = JSON.parse(await python([DRIVER, `${node.url}/taxii2/`, node.adminKey]));
    expect(seen.api_root).toBe('fraudx');
    expect(seen.versions).toEqual(['application/taxii+json;version=2.1']);
    expect(seen.collections).toEqual(['all', 'public']);
    expect(seen.ids).toEqual(expected);
    expect(seen.manifest).toEqual(expected);
    expect(seen.one).toHaveLength(1);
    expect(seen.versions_of_one).toHaveLength(1);
    expect(seen.typed).toEqual(['report']);
    expect(seen.status).toEqual({ status: 'complete', total: 1, success: 1, again: 'complete' });
    const check = await node.request('POST', '/api/v1/check', { body: { items: [{ value: 'https://pushed-by-python.example.net/pay' }] } });
    expect(check.body.results[0].known).toBe(true);
  }, 180_000);
});

if (!usable) {
  describe('the OASIS taxii2-client', () => {
    it.skip('not found: set FRAUDX_TAXII2CLIENT to a checkout of oasis-open/cti-taxii-client, with python3-requests, python3-six and python3-tz installed', () => undefined);
  });
}
