import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base58xrp, bech32, bech32m, createBase58check } from '@scure/base';
import fc from 'fast-check';
// An implementation apart from the product's (ox) builds the checksummed addresses.
import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { detectKind, parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

const base58check = createBase58check(sha256);
const VITALIK = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045';

/** Builders of valid addresses from raw bytes, for tables and properties alike. */
const make = {
  p2pkh: (h: Uint8Array) => base58check.encode(new Uint8Array([0x00, ...h])),
  p2sh: (h: Uint8Array) => base58check.encode(new Uint8Array([0x05, ...h])),
  segwit: (hrp: string, version: number, program: Uint8Array) =>
    (version === 0 ? bech32 : bech32m).encode(hrp, [version, ...bech32.toWords(program)]),
  tron: (h: Uint8Array) => base58check.encode(new Uint8Array([0x41, ...h])),
  ltc: (version: number, h: Uint8Array) => base58check.encode(new Uint8Array([version, ...h])),
  sol: (key: Uint8Array) => base58.encode(key),
  xrp: (id: Uint8Array) => {
    const payload = new Uint8Array([0x00, ...id]);
    const sum = sha256(sha256(payload)).subarray(0, 4);
    return base58xrp.encode(new Uint8Array([...payload, ...sum]));
  },
  dot: (key: Uint8Array) => {
    const payload = new Uint8Array([0x00, ...key]);
    const sum = blake2b(new Uint8Array([...new TextEncoder().encode('SS58PRE'), ...payload])).subarray(0, 2);
    return base58.encode(new Uint8Array([...payload, ...sum]));
  },
  evm: (h: Uint8Array) => getAddress(`0x${Buffer.from(h).toString('hex')}`),
};

const seed = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const LTC_L = make.ltc(0x30, seed(20, 7));
const LTC_M = make.ltc(0x32, seed(20, 9));
const LTC_BECH32 = make.segwit('ltc', 0, seed(20, 3));
const DOT = make.dot(seed(32, 5));

describe('crypto-wallet: messy input as people paste it', () => {
  table('crypto-wallet', [
    // Bitcoin: genesis P2PKH, a BIP 16 P2SH, segwit v0 and v1 (BIP 350's taproot vector).
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'],
    ['bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.01&label=x', 'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['BITCOIN:BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['BTC wallet: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    [' 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\u200b', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', '!invalid-checksum'],
    ['1a1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '!invalid-checksum'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp', '!invalid-checksum'],
    ['tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', '!invalid-address'],
    // EVM: EIP-55 mixed case must check; all-lower and all-upper are checksummed.
    [VITALIK, `evm:${VITALIK}`],
    [VITALIK.toLowerCase(), `evm:${VITALIK}`],
    [`0x${VITALIK.slice(2).toUpperCase()}`, `evm:${VITALIK}`],
    [`0X${VITALIK.slice(2).toLowerCase()}`, `evm:${VITALIK}`],
    ['0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96046', '!invalid-checksum'],
    ['0xD8dA6BF26964aF9D7eEd9e03E53415D37aA96045', '!invalid-checksum'],
    ['0xd8dA 6BF2 6964 aF9D 7eEd 9e03 E534 15D3 7aA9 6045', `evm:${VITALIK}`],
    [`ethereum:${VITALIK}`, `evm:${VITALIK}`],
    [`ethereum:${VITALIK}@1?value=1e18`, `evm:${VITALIK}`],
    [`ethereum:pay-${VITALIK}@56/transfer?address=0x0`, `evm:${VITALIK}`],
    [`ETH: ${VITALIK}`, `evm:${VITALIK}`],
    [`USDT ERC20 ${VITALIK}`, `evm:${VITALIK}`],
    [`BEP20: ${VITALIK.toLowerCase()}`, `evm:${VITALIK}`],
    [`evm:${VITALIK}`, `evm:${VITALIK}`],
    ['0xd8dA6BF26964aF9D7eEd9e03E53415D37aA9604', '!invalid-address'],
    ['0xg8dA6BF26964aF9D7eEd9e03E53415D37aA96045', '!invalid-address'],
    // TRON: the USDT contract.
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['USDT (TRC20): TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['TRX TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T', '!invalid-checksum'],
    ['tron:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '!invalid-address'],
    // Litecoin: L…, M…, ltc1…; a 3… address is Bitcoin's unless Litecoin is named.
    [LTC_L, `ltc:${LTC_L}`],
    [LTC_M, `ltc:${LTC_M}`],
    [LTC_BECH32, `ltc:${LTC_BECH32}`],
    [LTC_BECH32.toUpperCase(), `ltc:${LTC_BECH32}`],
    [`litecoin:${LTC_L}?amount=1`, `ltc:${LTC_L}`],
    ['litecoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'ltc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    [`${LTC_L.slice(0, -1)}${LTC_L.endsWith('a') ? 'b' : 'a'}`, '!invalid-checksum'],
    // XRP Ledger: the genesis account and account zero.
    ['rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'xrp:rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'],
    ['rrrrrrrrrrrrrrrrrrrrrhoLvTp', 'xrp:rrrrrrrrrrrrrrrrrrrrrhoLvTp'],
    ['ripple:rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'xrp:rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'],
    ['rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi', '!invalid-checksum'],
    // Solana: keys have no checksum; 32 bytes in base58.
    ['So11111111111111111111111111111111111111112', 'sol:So11111111111111111111111111111111111111112'],
    ['11111111111111111111111111111111', 'sol:11111111111111111111111111111111'],
    ['solana:So11111111111111111111111111111111111111112?amount=1', 'sol:So11111111111111111111111111111111111111112'],
    ['sol:So1111111111111111111111111111111111111111', '!invalid-address'],
    // Polkadot (SS58 prefix 0).
    [DOT, `dot:${DOT}`],
    [`polkadot:${DOT}`, `dot:${DOT}`],
    [`${DOT.slice(0, -1)}${DOT.endsWith('a') ? 'b' : 'a'}`, '!invalid-checksum'],
    // Not wallets.
    ['dogecoin:DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L', '!invalid-address'],
    ['hello world', '!invalid-address'],
    ['Please send the money to my friend now ok thanks', '!invalid-address'],
    ['0812345678', '!invalid-address'],
  ]);

  it('reports the chain and shows its name', () => {
    expect(parseIndicator(VITALIK.toLowerCase(), { kind: 'crypto-wallet' })).toEqual({
      kind: 'crypto-wallet',
      canonical: `evm:${VITALIK}`,
      display: `Ethereum/EVM ${VITALIK}`,
      facts: { chain: 'evm' },
    });
    expect(parseIndicator('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').display).toBe('TRON TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
  });

  it('detects wallets without a chain, and refuses a bad EIP-55 checksum when the kind is given', () => {
    expect(detectKind('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe('crypto-wallet');
    expect(detectKind(VITALIK)).toBe('crypto-wallet');
    expect(detectKind('0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96046')).toBeUndefined();
    expect(() => parseIndicator('0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96046', { kind: 'crypto-wallet' })).toThrow(/checksum/u);
  });
});

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const validWallets: fc.Arbitrary<string> = fc.oneof(
  bytes(20).map((h) => `btc:${make.p2pkh(h)}`),
  bytes(20).map((h) => `btc:${make.p2sh(h)}`),
  bytes(20).map((h) => `btc:${make.segwit('bc', 0, h)}`),
  bytes(32).map((h) => `btc:${make.segwit('bc', 0, h)}`),
  bytes(32).map((h) => `btc:${make.segwit('bc', 1, h)}`),
  bytes(20).map((h) => `evm:${make.evm(h)}`),
  bytes(20).map((h) => `tron:${make.tron(h)}`),
  bytes(20).map((h) => `ltc:${make.ltc(0x30, h)}`),
  bytes(20).map((h) => `ltc:${make.ltc(0x32, h)}`),
  bytes(20).map((h) => `ltc:${make.segwit('ltc', 0, h)}`),
  bytes(32).map((h) => `sol:${make.sol(h)}`),
  bytes(20).map((h) => `xrp:${make.xrp(h)}`),
  bytes(32).map((h) => `dot:${make.dot(h)}`),
);

/** Addresses as pasted: bare (except Solana, which needs its name), in URIs, with labels. */
const messyWallets: fc.Arbitrary<string> = fc
  .tuple(validWallets, fc.constantFrom('bare', 'uri', 'label'), fc.boolean())
  .map(([canonical, form, lower]) => {
    const [chain = '', address = ''] = canonical.split(':');
    const shown = chain === 'evm' && lower ? address.toLowerCase() : address;
    if (form === 'uri' || chain === 'sol' || (chain === 'ltc' && address.startsWith('3'))) return `${chain}:${shown}`;
    return form === 'label' ? `${chain.toUpperCase()} wallet: ${shown}` : shown;
  });

describe('crypto-wallet: properties', () => {
  kindProperties('crypto-wallet', validWallets, messyWallets);

  it('property: a bare address detects as its own chain (Solana only when nothing else fits)', () => {
    fc.assert(
      fc.property(validWallets, (canonical) => {
        const [chain = '', address = ''] = canonical.split(':');
        if (chain === 'sol' || chain === 'ltc') return;
        expect(parseIndicator(address).canonical).toBe(canonical);
      }),
    );
  });
});
