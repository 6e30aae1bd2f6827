/**
 * Cryptocurrency wallet addresses, canonical as `chain:address`. One `evm` namespace covers
 * Ethereum and every EVM chain (BSC, Polygon, Arbitrum, …) because they share one address space:
 * a scammer's address is the same key on all of them.
 *
 * Checks come from the field's libraries: bitcoin-address-validation (Bitcoin), ox (EIP-55; the
 * library viem is built on, whose address module loads in a tenth of viem's time), @scure/base
 * (base58, base58check, bech32) and @noble/hashes (SHA-256, BLAKE2b for SS58).
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base58xrp, bech32, bech32m, createBase58check } from '@scure/base';
import validateBitcoin, { Network } from 'bitcoin-address-validation';
import * as Address from 'ox/Address';
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { fail, lookup, quote } from './support.js';
import { cleanText } from './text.js';

export const CHAINS = ['btc', 'evm', 'tron', 'ltc', 'sol', 'xrp', 'dot'] as const;
export type Chain = (typeof CHAINS)[number];

const CHAIN_NAMES: Record<Chain, string> = {
  btc: 'Bitcoin',
  evm: 'Ethereum/EVM',
  tron: 'TRON',
  ltc: 'Litecoin',
  sol: 'Solana',
  xrp: 'XRP Ledger',
  dot: 'Polkadot',
};

/**
 * Words that name a chain: URI schemes (BIP 21 `bitcoin:`, EIP-681 `ethereum:`, Solana Pay
 * `solana:`), tickers and token standards people write before an address (`USDT TRC20 T…`).
 */
const CHAIN_WORDS: Record<string, Chain> = {
  btc: 'btc',
  bitcoin: 'btc',
  xbt: 'btc',
  evm: 'evm',
  eth: 'evm',
  ethereum: 'evm',
  erc20: 'evm',
  'erc-20': 'evm',
  bsc: 'evm',
  bnb: 'evm',
  bep20: 'evm',
  'bep-20': 'evm',
  polygon: 'evm',
  matic: 'evm',
  arbitrum: 'evm',
  optimism: 'evm',
  avax: 'evm',
  tron: 'tron',
  trx: 'tron',
  trc20: 'tron',
  'trc-20': 'tron',
  ltc: 'ltc',
  litecoin: 'ltc',
  sol: 'sol',
  solana: 'sol',
  spl: 'sol',
  xrp: 'xrp',
  ripple: 'xrp',
  dot: 'dot',
  polkadot: 'dot',
};

/** Words that say "this is an address" but name no chain. */
const NEUTRAL_WORDS = new Set(['usdt', 'usdc', 'wallet', 'address', 'addr', 'crypto', 'deposit', 'to']);

const base58check = createBase58check(sha256);

function sha256d(data: Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Base58check payload with its version byte, or undefined when it does not decode or check. */
function base58checkPayload(address: string): Uint8Array | undefined {
  try {
    return base58check.decode(address);
  } catch {
    return undefined;
  }
}

function decodeOrUndefined(coder: { decode(s: string): Uint8Array }, s: string): Uint8Array | undefined {
  try {
    return coder.decode(s);
  } catch {
    return undefined;
  }
}

/** Segwit address of `hrp`: witness v0 (bech32, 20 or 32 bytes) or v1+ (bech32m, 2–40 bytes). */
function isSegwit(address: string, hrp: string): boolean {
  if (!address.startsWith(`${hrp}1`)) return false;
  const v0 = bech32.decodeUnsafe(address);
  if (v0 && v0.prefix === hrp && v0.words[0] === 0) {
    const program = bech32.fromWordsUnsafe(v0.words.slice(1));
    return program !== undefined && (program.length === 20 || program.length === 32);
  }
  const v1 = bech32m.decodeUnsafe(address);
  if (v1 && v1.prefix === hrp && (v1.words[0] ?? 0) >= 1 && (v1.words[0] ?? 0) <= 16) {
    const program = bech32m.fromWordsUnsafe(v1.words.slice(1));
    return program !== undefined && program.length >= 2 && program.length <= 40;
  }
  return false;
}

/**
 * Each chain's check answers the canonical address, `bad-checksum` (the shape fits but the
 * checksum is wrong), or `no` (not this chain's shape). Neither word is a possible address.
 */
const CHECKS: Record<Chain, (address: string) => string> = {
  btc(address) {
    // Bech32 is case-insensitive and lower case by convention (BIP 173); base58 is case-sensitive.
    const a = /^bc1/iu.test(address) ? address.toLowerCase() : address;
    if (!/^(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{8,87})$/u.test(a)) return 'no';
    return validateBitcoin(a, Network.mainnet) ? a : 'bad-checksum';
  },
  evm(address) {
    const a = address.replace(/^0X/u, '0x');
    if (!/^0x[0-9a-fA-F]{40}$/u.test(a)) return 'no';
    const hex = a.slice(2);
    // EIP-55: all-lower and all-upper carry no checksum; mixed case must be the checksum.
    const unchecked = hex === hex.toLowerCase() || hex === hex.toUpperCase();
    if (!unchecked && !Address.validate(a, { strict: true })) return 'bad-checksum';
    return Address.checksum(a.toLowerCase());
  },
  tron(address) {
    if (!/^T[1-9A-HJ-NP-Za-km-z]{33}$/u.test(address)) return 'no';
    const payload = base58checkPayload(address);
    return payload?.length === 21 && payload[0] === 0x41 ? address : 'bad-checksum';
  },
  ltc(address) {
    const lower = address.toLowerCase();
    if (lower.startsWith('ltc1')) return isSegwit(lower, 'ltc') ? lower : 'bad-checksum';
    if (!/^[LM3][1-9A-HJ-NP-Za-km-z]{25,34}$/u.test(address)) return 'no';
    const payload = base58checkPayload(address);
    // 0x30: P2PKH (L…), 0x32: P2SH (M…), 0x05: the old P2SH version shared with Bitcoin (3…).
    const ok = payload?.length === 21 && [0x30, 0x32, 0x05].includes(payload[0] ?? -1);
    return ok ? address : 'bad-checksum';
  },
  sol(address) {
    // Ed25519 public keys have no checksum: any base58 string that decodes to 32 bytes.
    if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/u.test(address)) return 'no';
    return decodeOrUndefined(base58, address)?.length === 32 ? address : 'no';
  },
  xrp(address) {
    if (!/^r[1-9A-HJ-NP-Za-km-z]{24,34}$/u.test(address)) return 'no';
    // Classic address: version 0x00, 20-byte account id, 4 bytes of double SHA-256, XRP alphabet.
    const bytes = decodeOrUndefined(base58xrp, address);
    if (bytes?.length !== 25 || bytes[0] !== 0) return 'bad-checksum';
    const sum = sha256d(bytes.subarray(0, 21)).subarray(0, 4);
    return sameBytes(sum, bytes.subarray(21)) ? address : 'bad-checksum';
  },
  dot(address) {
    // Leading zero bytes of the account id shorten the text, so the decoded length decides.
    if (!/^1[1-9A-HJ-NP-Za-km-z]{35,47}$/u.test(address)) return 'no';
    // SS58 with network prefix 0 (Polkadot): prefix, 32-byte account id, 2 bytes of
    // BLAKE2b-512("SS58PRE" ‖ prefix ‖ account id).
    const bytes = decodeOrUndefined(base58, address);
    if (bytes?.length !== 35 || bytes[0] !== 0) return 'bad-checksum';
    const pre = new TextEncoder().encode('SS58PRE');
    const sum = blake2b(new Uint8Array([...pre, ...bytes.subarray(0, 33)])).subarray(0, 2);
    return sameBytes(sum, bytes.subarray(33)) ? address : 'bad-checksum';
  },
};

/**
 * The order in which an address without a chain is tried. Prefixes mostly decide (0x, T, r, L/M,
 * ltc1); a `3…` address is a Bitcoin P2SH unless the chain is named, since Litecoin moved to M….
 * Solana keys carry no checksum, so Solana comes last: only when nothing else fits.
 */
const UNNAMED_ORDER: readonly Chain[] = ['evm', 'btc', 'tron', 'ltc', 'xrp', 'dot', 'sol'];

interface Pasted {
  chain: Chain | undefined;
  address: string;
}

/**
 * Splits what people paste into a named chain (if any) and the address: `bitcoin:bc1…?amount=1`,
 * `ethereum:pay-0x…@56/transfer`, `USDT (TRC20): T…`, `0xd8dA 6BF2 …` (spaces from OCR or chat).
 */
function splitPasted(raw: string): Pasted {
  let s = cleanText(raw);
  let chain: Chain | undefined;
  const uri = /^([a-z][a-z0-9-]*):(?!\/\/)\s*(.*)$/isu.exec(s);
  if (uri) {
    const scheme = (uri[1] ?? '').toLowerCase();
    const named = lookup(CHAIN_WORDS, scheme);
    if (named === undefined && !NEUTRAL_WORDS.has(scheme)) return { chain: undefined, address: '' };
    chain = named;
    // EIP-681 (`pay-0x…@chainId/function`) and BIP 21 / Solana Pay query parameters.
    s = (uri[2] ?? '').replace(/^pay-/iu, '').split(/[?@/]/u)[0] ?? '';
  } else {
    // Leading words: chain names, tickers and "wallet"/"address" noise, with brackets and colons.
    const words = s.split(/[\s():,]+/u).filter((w) => w !== '');
    while (words.length > 1) {
      const w = (words[0] ?? '').toLowerCase();
      const named = lookup(CHAIN_WORDS, w);
      if (named !== undefined) chain ??= named;
      else if (!NEUTRAL_WORDS.has(w)) break;
      words.shift();
    }
    s = words.join(' ');
  }
  // Only hex is rejoined (`0xd8dA 6BF2 …`, split by chat apps or OCR): rejoining arbitrary
  // words could turn a sentence into a "Solana key", which has no checksum to catch it.
  s = s.trim();
  return { chain, address: /^0x[0-9a-f\s]+$/iu.test(s) ? s.replace(/\s+/gu, '') : s };
}

/** Validates `address` on `chain`, returning the canonical address or throwing. */
function checkOn(chain: Chain, address: string, raw: string): string {
  const result = CHECKS[chain](address);
  if (result === 'bad-checksum') {
    fail('crypto-wallet', 'invalid-checksum', `${quote(raw)} has a wrong checksum for a ${CHAIN_NAMES[chain]} address`);
  }
  if (result === 'no') fail('crypto-wallet', 'invalid-address', `${quote(raw)} is not a ${CHAIN_NAMES[chain]} address`);
  return result;
}

function toParsed(chain: Chain, address: string): ParsedIndicator {
  return {
    kind: 'crypto-wallet',
    canonical: `${chain}:${address}`,
    display: `${CHAIN_NAMES[chain]} ${address}`,
    facts: { chain },
  };
}

function parseWallet(raw: string): ParsedIndicator {
  const { chain, address } = splitPasted(raw);
  if (address === '') fail('crypto-wallet', 'invalid-address', `${quote(raw)} is not a wallet address`);
  if (chain !== undefined) return toParsed(chain, checkOn(chain, address, raw));
  let badChecksum: Chain | undefined;
  for (const candidate of UNNAMED_ORDER) {
    const result = CHECKS[candidate](address);
    if (result === 'bad-checksum') badChecksum ??= candidate;
    else if (result !== 'no') return toParsed(candidate, result);
  }
  if (badChecksum !== undefined) checkOn(badChecksum, address, raw);
  return fail('crypto-wallet', 'invalid-address', `${quote(raw)} is not a wallet address of a supported chain (${CHAINS.join(', ')})`);
}

/** Whether `raw` names its chain (`bitcoin:…`, `TRC20 T…`): claimed in the explicit stage. */
export function namesChain(raw: string): boolean {
  const s = cleanText(raw);
  const first = /^([a-z][a-z0-9-]*)[\s:(]/iu.exec(s)?.[1]?.toLowerCase();
  return first !== undefined && lookup(CHAIN_WORDS, first) !== undefined && !/^[a-z]+:\/\//iu.test(s);
}

export const cryptoWallet: IndicatorKind = {
  name: 'crypto-wallet',
  description:
    'A cryptocurrency address, stored as chain:address (btc, evm, tron, ltc, sol, xrp, dot); checksums are verified where the chain has one.',
  detect(raw) {
    const { address } = splitPasted(raw);
    return /^(?:0x[0-9a-f]{40}|[0-9a-z]{25,90})$/iu.test(address);
  },
  parse: parseWallet,
  isCanonical(value) {
    const colon = value.indexOf(':');
    const chain = value.slice(0, colon);
    if (colon < 0 || !(CHAINS as readonly string[]).includes(chain)) return false;
    const address = value.slice(colon + 1);
    return CHECKS[chain as Chain](address) === address;
  },
};
