import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { CheckBody } from './check.schema.js';

/**
 * The rules of `checkBody`, written out: a check of 1,000 items is otherwise validated item by
 * item through zod, which costs more than answering them. A property test holds the two to the
 * same verdict on every input.
 */
export function isCheckBody(data: unknown): data is CheckBody {
  if (!isRecord(data)) return false;
  let keys = 0;
  for (const key in data) {
    if (!Object.hasOwn(data, key)) continue;
    if (key !== 'items') return false;
    keys++;
  }
  const items = keys === 1 ? data.items : undefined;
  if (!Array.isArray(items) || items.length === 0) return false;
  for (let i = 0; i < items.length; i++) if (!isCheckItem(items[i])) return false;
  return true;
}

function isCheckItem(item: unknown): boolean {
  if (!isRecord(item)) return false;
  let hasValue = false;
  for (const key in item) {
    if (!Object.hasOwn(item, key)) continue;
    const v = item[key];
    if (key === 'value') {
      if (typeof v !== 'string' || !fits(v, 4096)) return false;
      hasValue = true;
    } else if (key === 'kind') {
      if (v !== undefined && (typeof v !== 'string' || !fits(v, 32))) return false;
    } else if (key === 'country') {
      if (v !== undefined && (typeof v !== 'string' || !fits(v, 2))) return false;
    } else return false;
  }
  return hasValue;
}

/** zod's `max` on strings: at most `max` code points (a surrogate pair counts once). */
function fits(s: string, max: number): boolean {
  if (s.length <= max) return true;
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count <= max;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The check route's validator: a body `isCheckBody` accepts goes through as it is; any other is
 * handed to the zod validator, so a refusal answers exactly as every other route's does.
 */
export function checkValidatorCompiler<S>(route: Parameters<FastifySchemaCompiler<S>>[0]): ReturnType<FastifySchemaCompiler<S>> {
  const zod = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return zod;
  return (data: unknown) => (isCheckBody(data) ? { value: data } : zod(data));
}
