/** Results per slice: each slice's JSON stays well under V8's large-object size (about 128 KB). */
const SLICE = 256;

/**
 * `JSON.stringify({ [key]: list })` as UTF-8 bytes, for a body whose bulk is one long list (a
 * check of thousands of items). V8 builds a string past about 128 KB in its large-object space,
 * and the first read of it (for Content-Length, then again to write it) costs as much again as
 * the stringify; slices of the list stay ordinary strings and are written into one buffer.
 * The bytes are exactly JSON.stringify's.
 */
export function listBody(key: string, list: readonly unknown[]): Buffer | string {
  if (list.length <= SLICE) return JSON.stringify({ [key]: list });
  const head = `{${JSON.stringify(key)}:[`;
  const parts: string[] = [];
  // The head, `]}`, and each slice without its brackets, with a comma before all but the first.
  let bytes = Buffer.byteLength(head) + 1;
  for (let i = 0; i < list.length; i += SLICE) {
    const part = JSON.stringify(list.slice(i, i + SLICE));
    parts.push(part);
    bytes += Buffer.byteLength(part) - 1;
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = out.write(head, 0);
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) at += out.write(',', at);
    at += out.write(parts[p].slice(1, -1), at);
  }
  out.write(']}', at);
  return out;
}
