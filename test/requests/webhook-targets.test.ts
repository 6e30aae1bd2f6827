import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { isPrivateAddress, refusedTarget } from '../../src/modules/notifications/webhook-target.js';
import { startNode, type TestNode } from '../support/node.js';

describe('webhook targets (SSRF)', () => {
  it('judges loopback, private, link-local and mapped addresses private, and public ones not', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: true });
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: false });
  });

  it('refuses a host that is this machine or an address inside, unless private targets are allowed', async () => {
    expect(await refusedTarget(new URL('http://localhost:9000/hook'), false)).toBe('the host is this machine');
    expect(await refusedTarget(new URL('http://[::1]:9000/hook'), false)).toMatch(/loopback/);
    expect(await refusedTarget(new URL('https://93.184.216.34/hook'), false)).toBeNull();
    expect(await refusedTarget(new URL('http://127.0.0.1:9000/hook'), true)).toBeNull();
  });

  describe('through the API', () => {
    let strict: TestNode;
    let admin: string;
    beforeAll(async () => {
      strict = await startNode('sqlite');
      const bank = await strict.orgWithKey('Bank', 'TH', 'analyst', 'bank');
      admin = (await createApiKey(strict.ctx, 'system', bank.orgId, 'admin')).key;
    });
    afterAll(async () => strict?.close());

    it('answers webhook-target-refused for loopback, private and metadata targets, and takes a public one', async () => {
      for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:127.0.0.1]/hook']) {
        const res = await strict.request('POST', '/api/v1/webhooks', { key: admin, body: { url } });
        expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 400, code: 'webhook-target-refused' });
      }
      const ok = await strict.request('POST', '/api/v1/webhooks', { key: admin, body: { url: 'https://93.184.216.34/fraudx' } });
      expect(ok.status).toBe(201);
      expect((await strict.request('GET', '/api/v1/webhooks', { key: admin })).body.items.map((w: { url: string }) => w.url)).toEqual(['https://93.184.216.34/fraudx']);
    });
  });
});
