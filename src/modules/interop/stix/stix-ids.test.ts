import { describe, expect, it } from 'vitest';
import { canonicalJson, indicatorId, scoId } from './stix-ids.js';

describe('deterministic STIX ids', () => {
  it('derives the id the STIX 2.1 specification and the python stix2 library give a domain name', () => {
    // Computed independently with Python's uuid.uuid5 over the canonical JSON.
    expect(scoId('domain-name', { value: 'example.com' })).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
    expect(scoId('phone-number', { value: '+66812345678' })).toBe('phone-number--fdd65488-fc91-527d-9ddb-057b202a6e8f');
  });

  it('gives the same id whatever the key order', () => {
    expect(scoId('user-account', { account_type: 'telegram', account_login: 'x' })).toBe(scoId('user-account', { account_login: 'x', account_type: 'telegram' }));
  });

  it('canonicalises nested values with sorted keys and no white space', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: 'é' })).toBe('{"a":"é","b":[1,{"c":null,"d":"x"}]}');
  });

  it('derives indicator ids from the trimmed pattern as OpenCTI does', () => {
    expect(indicatorId(" [url:value = 'https://a.example/'] ")).toBe(indicatorId("[url:value = 'https://a.example/']"));
    expect(indicatorId("[url:value = 'https://a.example/']")).toMatch(/^indicator--[0-9a-f-]{36}$/);
  });
});
