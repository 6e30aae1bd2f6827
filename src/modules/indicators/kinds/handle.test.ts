import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESERVED_PATHS, type Platform } from './handle.js';
import { detectKind, parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

describe('handle: messy input as people paste it', () => {
  table('handle', [
    // Telegram.
    ['telegram:@scammer', 'telegram:scammer'],
    ['telegram:scammer', 'telegram:scammer'],
    ['Telegram @Scammer', 'telegram:scammer'],
    ['TG: @scam_bot', 'telegram:scam_bot'],
    ['tg @scammer', 'telegram:scammer'],
    ['https://t.me/scammer', 'telegram:scammer'],
    ['t.me/Scammer', 'telegram:scammer'],
    ['https://t.me/s/scamchannel', 'telegram:scamchannel'],
    ['https://t.me/scamchannel/1234', 'telegram:scamchannel'],
    ['https://telegram.me/scammer', 'telegram:scammer'],
    ['https://scammer.t.me/', 'telegram:scammer'],
    ['tg://resolve?domain=scammer', 'telegram:scammer'],
    ['hxxps://t[.]me/scammer', 'telegram:scammer'],
    ['Telegram: https://t.me/scammer', 'telegram:scammer'],
    ['https://t.me/+AbCdEf123', '!invalid-handle'],
    ['https://t.me/joinchat/AbCdEf123', '!invalid-handle'],
    ['telegram:@abc', '!invalid-handle'],
    ['telegram:1scammer', '!invalid-handle'],
    ['telegram:scammer_', '!invalid-handle'],
    // LINE: personal IDs, and official accounts which keep their @.
    ['LINE ID: scammer.01', 'line:scammer.01'],
    ['line id abcd', 'line:abcd'],
    ['ไลน์ scammer99', 'line:scammer99'],
    ['ไลน์ไอดี: scammer99', 'line:scammer99'],
    ['line: @123abcde', 'line:@123abcde'],
    ['https://line.me/ti/p/~scammer99', 'line:scammer99'],
    ['https://line.me/R/ti/p/@123abcde', 'line:@123abcde'],
    ['https://line.me/R/ti/p/%40123abcde', 'line:@123abcde'],
    ['line://ti/p/@123abcde', 'line:@123abcde'],
    ['line://ti/p/~scammer99', 'line:scammer99'],
    ['https://line.me/ti/p/AbCdEfGh12', '!invalid-handle'],
    ['LINE ID: abc', '!invalid-handle'],
    // WhatsApp: the account is a phone number.
    ['https://wa.me/66812345678', 'whatsapp:+66812345678'],
    ['wa.me/66812345678?text=hello', 'whatsapp:+66812345678'],
    ['https://api.whatsapp.com/send?phone=66812345678', 'whatsapp:+66812345678'],
    ['https://api.whatsapp.com/send/?phone=%2B66812345678&text&type=phone_number', 'whatsapp:+66812345678'],
    ['whatsapp://send?phone=66812345678', 'whatsapp:+66812345678'],
    ['whatsapp:+66812345678', 'whatsapp:+66812345678'],
    ['WhatsApp +66 81 234 5678', 'whatsapp:+66812345678'],
    ['WA: 081-234-5678', 'whatsapp:+66812345678', { country: 'TH' }],
    ['WA: 081-234-5678', '!invalid-phone'],
    ['https://chat.whatsapp.com/AbCdEf123', '!invalid-handle'],
    // Facebook.
    ['https://www.facebook.com/profile.php?id=100012345678', 'facebook:100012345678'],
    ['facebook.com/profile.php?id=100012345678&mibextid=abc', 'facebook:100012345678'],
    ['https://m.facebook.com/John.Doe.123', 'facebook:john.doe.123'],
    ['fb.com/johndoe', 'facebook:johndoe'],
    ['https://web.facebook.com/johndoe/posts/123', 'facebook:johndoe'],
    ['https://www.facebook.com/people/John-Doe/100012345678/', 'facebook:100012345678'],
    ['FB: johndoe', 'facebook:johndoe'],
    ['facebook:johndoe', 'facebook:johndoe'],
    ['https://www.facebook.com/groups/scamgroup', '!invalid-handle'],
    ['https://www.facebook.com/share/p/abc', '!invalid-handle'],
    // Instagram.
    ['https://www.instagram.com/Some.Name/', 'instagram:some.name'],
    ['instagram.com/some_name?igsh=abc', 'instagram:some_name'],
    ['https://www.instagram.com/stories/some.name/123/', 'instagram:some.name'],
    ['IG @some.name', 'instagram:some.name'],
    ['ig: some_name', 'instagram:some_name'],
    ['ไอจี some_name', 'instagram:some_name'],
    ['https://www.instagram.com/p/Cabc123/', '!invalid-handle'],
    ['instagram:.name', '!invalid-handle'],
    ['instagram:na..me', '!invalid-handle'],
    // TikTok.
    ['https://www.tiktok.com/@scam.shop', 'tiktok:scam.shop'],
    ['tiktok.com/@Scam_Shop/video/7234567890', 'tiktok:scam_shop'],
    ['TikTok @scam.shop', 'tiktok:scam.shop'],
    ['https://vm.tiktok.com/ZMabc123/', '!invalid-handle'],
    ['https://www.tiktok.com/scam.shop', '!invalid-handle'],
    ['tiktok:a', '!invalid-handle'],
    // X (Twitter).
    ['https://x.com/ScamAccount', 'x:scamaccount'],
    ['https://twitter.com/jack/status/20', 'x:jack'],
    ['https://mobile.twitter.com/jack', 'x:jack'],
    ['Twitter @jack', 'x:jack'],
    ['x: @jack', 'x:jack'],
    ['x:jack', 'x:jack'],
    ['https://x.com/home', '!invalid-handle'],
    ['https://x.com/i/web/status/1', '!invalid-handle'],
    ['x:this_is_far_too_long', '!invalid-handle'],
    // WeChat keeps case.
    ['wechat:wxid_abc123', 'wechat:wxid_abc123'],
    ['WeChat: Scammer_01', 'wechat:Scammer_01'],
    ['微信: Scammer_01', 'wechat:Scammer_01'],
    ['weixin://contacts/profile/Scammer_01', 'wechat:Scammer_01'],
    ['weixin://dl/chat?Scammer_01', 'wechat:Scammer_01'],
    ['wechat:1abcdef', '!invalid-handle'],
    // No platform.
    ['@scammer', '!handle-platform-required'],
    ['scammer', '!handle-platform-required'],
    ['https://example.com/scammer', '!invalid-handle'],
  ]);

  it('shows handles the way the platform does', () => {
    expect(parseIndicator('https://t.me/Scammer', { kind: 'handle' })).toEqual({
      kind: 'handle',
      canonical: 'telegram:scammer',
      display: 'Telegram @scammer',
      facts: { platform: 'telegram' },
    });
    expect(parseIndicator('https://wa.me/66812345678').display).toBe('WhatsApp +66 81 234 5678');
    expect(parseIndicator('line:@123abcde').display).toBe('LINE @123abcde');
  });

  it('claims profile links before the url kind, and leaves other platform links to it', () => {
    expect(detectKind('https://t.me/scammer')).toBe('handle');
    expect(detectKind('instagram.com/some.name/')).toBe('handle');
    expect(detectKind('https://t.me/+AbCdEf123')).toBe('url');
    expect(detectKind('https://www.instagram.com/p/Cabc123/')).toBe('url');
    expect(detectKind('@scammer')).toBeUndefined();
    expect(detectKind('line@example.com')).toBe('email');
  });
});

const telegram = fc.stringMatching(/^[a-z][a-z0-9_]{3,30}[a-z0-9]$/u);
const instagram = fc.stringMatching(/^[a-z0-9_](?:[a-z0-9_]|\.[a-z0-9_]){0,14}$/u);
const tiktok = fc.stringMatching(/^[a-z0-9._]{1,23}[a-z0-9_]$/u);
const x = fc.stringMatching(/^[a-z0-9_]{1,15}$/u);
const facebook = fc.stringMatching(/^[a-z0-9.]{5,50}$/u);
const line = fc.stringMatching(/^@?[a-z0-9._-]{4,20}$/u);
const wechat = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{5,19}$/u);
const whatsapp = fc.constantFrom('+66812345678', '+447911123456', '+14155552671', '+919876543210', '+8613800138000');

const validHandles: fc.Arbitrary<string> = fc.oneof(
  telegram.map((h) => `telegram:${h}`),
  instagram.map((h) => `instagram:${h}`),
  tiktok.map((h) => `tiktok:${h}`),
  x.map((h) => `x:${h}`),
  facebook.map((h) => `facebook:${h}`),
  line.map((h) => `line:${h}`),
  wechat.map((h) => `wechat:${h}`),
  whatsapp.map((h) => `whatsapp:${h}`),
);

/** The same accounts as links and labels, in any case. */
const pastedHandles: fc.Arbitrary<string> = fc
  .tuple(validHandles, fc.constantFrom('link', 'label'), fc.boolean())
  .map(([canonical, linkForm, upper]) => {
    const [platform = '', handle = ''] = canonical.split(/:(.*)/su);
    // A handle that is also a site page (`x.com/i`) can only be written with its label.
    const form = RESERVED_PATHS[platform as Platform]?.has(handle) === true ? 'label' : linkForm;
    const h = upper && platform !== 'wechat' && platform !== 'whatsapp' ? handle.toUpperCase() : handle;
    if (form === 'label') return `${platform.toUpperCase()} ${h.startsWith('@') || platform === 'line' || platform === 'whatsapp' ? '' : '@'}${h}`;
    switch (platform) {
      case 'telegram':
        return `https://t.me/${h}`;
      case 'instagram':
        return `instagram.com/${h}/`;
      case 'tiktok':
        return `https://www.tiktok.com/@${h}`;
      case 'x':
        return `https://twitter.com/${h}`;
      case 'facebook':
        return `https://www.facebook.com/${h}`;
      case 'line':
        return `https://line.me/R/ti/p/${h.startsWith('@') ? h : `~${h}`}`;
      case 'whatsapp':
        return `https://wa.me/${h.slice(1)}`;
      default:
        return `${platform}:${h}`;
    }
  });

describe('handle: properties', () => {
  kindProperties('handle', validHandles, pastedHandles);
});
