import { describe, expect, it } from 'vitest';
import { addDuration, durationMs, isDuration } from './duration.js';

describe('ISO 8601 durations of deadline settings', () => {
  it('reads days, hours, minutes and seconds', () => {
    expect(durationMs('PT72H')).toBe(72 * 3600_000);
    expect(durationMs('P60D')).toBe(60 * 86_400_000);
    expect(durationMs('P1DT2H3M4S')).toBe(((26 * 60 + 3) * 60 + 4) * 1000);
    expect(addDuration('2026-03-01T09:11:00.000Z', 'PT72H')).toBe('2026-03-04T09:11:00.000Z');
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', '72h', 'P1W', 'PT1.5H', '-PT1H']) expect(isDuration(bad)).toBe(false);
    expect(() => durationMs('P')).toThrow(/not an ISO 8601 duration/);
  });
});
