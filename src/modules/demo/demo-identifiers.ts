import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';
import { IndicatorParseError } from '../indicators/kinds/kind.js';
import { parseIndicator } from '../indicators/kinds/registry.js';
import type { SeededRandom } from './random.js';

const base58check = createBase58check(sha256);

/** Draws from `make` until the kind's parser accepts the value, so every demo value is valid. */
function valid(kind: string, make: () => string): string {
  for (let i = 0; i < 1000; i++) {
    const value = make();
    try {
      return parseIndicator(value, { kind }).canonical;
    } catch (err) {
      if (!(err instanceof IndicatorParseError)) throw err;
    }
  }
  throw new Error(`could not make a valid ${kind}`);
}

const MOBILE_PATTERNS: Record<string, (r: SeededRandom) => string> = {
  TH: (r) => `+66${r.pick(['8', '9', '6'])}${r.digits(8)}`,
  KH: (r) => `+855${r.pick(['12', '17', '77', '89', '96'])}${r.digits(6)}`,
  MM: (r) => `+959${r.pick(['4', '7', '9'])}${r.digits(8)}`,
  PH: (r) => `+639${r.pick(['17', '18', '27', '56'])}${r.digits(7)}`,
  SG: (r) => `+65${r.pick(['8', '9'])}${r.digits(7)}`,
  VN: (r) => `+84${r.pick(['90', '91', '98', '86'])}${r.digits(7)}`,
  MY: (r) => `+601${r.pick(['2', '3', '7'])}${r.digits(7)}`,
  ID: (r) => `+628${r.pick(['11', '12', '13', '52'])}${r.digits(8)}`,
};

export function mobile(r: SeededRandom, country: string): string {
  return valid('phone', () => MOBILE_PATTERNS[country](r));
}

const THAI_BANKS = ['004', '014', '002', '006', '025', '011'];

export function thaiAccount(r: SeededRandom): string {
  return valid('bank-account', () => `TH:${r.pick(THAI_BANKS)}:${r.digits(10)}`);
}

export function foreignAccount(r: SeededRandom, country: string, bank: string): string {
  return valid('bank-account', () => `${country}:${bank}:${r.digits(12)}`);
}

export function evmWallet(r: SeededRandom): string {
  return valid('crypto-wallet', () => `0x${r.hex(20)}`);
}

export function tronWallet(r: SeededRandom): string {
  return valid('crypto-wallet', () => {
    const payload = new Uint8Array(21);
    payload[0] = 0x41;
    for (let i = 1; i < 21; i++) payload[i] = r.int(0, 255);
    return base58check.encode(payload);
  });
}

export function handle(platform: string, name: string): string {
  return valid('handle', () => `${platform}:${name}`);
}

export function domain(name: string): string {
  return valid('domain', () => name);
}
