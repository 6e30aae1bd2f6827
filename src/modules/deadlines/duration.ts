/**
 * ISO 8601 durations as deadline settings use them: days, hours, minutes and seconds.
 *
 * durationMs('PT72H') // 259200000
 * durationMs('P60D')  // 5184000000
 */
const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function isDuration(value: string): boolean {
  const m = PATTERN.exec(value);
  return m !== null && value !== 'P' && !value.endsWith('T') && m.slice(1).some((part) => part !== undefined);
}

export function durationMs(value: string): number {
  const m = PATTERN.exec(value);
  if (!m || !isDuration(value)) throw new Error(`"${value}" is not an ISO 8601 duration like PT72H or P60D`);
  const [d, h, min, s] = m.slice(1).map((part) => Number(part ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

export function addDuration(iso: string, duration: string): string {
  return new Date(Date.parse(iso) + durationMs(duration)).toISOString();
}
