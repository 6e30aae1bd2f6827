import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.js';

/** Every figure the quick benchmark must produce; the smoke check never judges their values. */
const FIGURES = [
  'in-process lookups',
  'single-item checks',
  'single-item check p99',
  'batch checks (canonical)',
  'batch checks (messy input)',
  'batch checks (messy input never seen before)',
  'index load from snapshot',
  'import (sqlite)',
  'import (sqlite) peak RSS',
  'import (postgres)',
  'import (postgres) peak RSS',
];

describe('npm run bench -- --quick', () => {
  it('runs to the end and reports every figure with its baselines', () => {
    const run = spawnSync('npm', ['run', 'bench', '--', '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const results = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as {
      machine: { cores: number; quick: boolean };
      figures: { name: string; value: number; unit: string; target: string; meets: boolean; baselines: Record<string, number> }[];
    };
    expect(results.machine.quick).toBe(true);
    const names = results.figures.map((f) => f.name);
    for (const name of FIGURES) expect(names).toContain(name);
    expect(names.some((n) => n.startsWith('serve RSS with'))).toBe(true);
    for (const f of results.figures) {
      expect(typeof f.value).toBe('number');
      expect(typeof f.meets).toBe('boolean');
    }
    const batch = results.figures.find((f) => f.name === 'batch checks (canonical)')!;
    expect(Object.keys(batch.baselines).sort()).toEqual(['postgres', 'redis']);
    const baselinesOf = (name: string) => Object.keys(results.figures.find((f) => f.name === name)!.baselines);
    expect(baselinesOf('single-item checks')).toEqual(['fastify', 'fastify sending fraudx answers']);
    // The absolute targets' figures come with what the machine does bare on the day.
    expect(baselinesOf('in-process lookups')).toEqual(['one at a time', 'random reads in 512 MB']);
    expect(baselinesOf('import (sqlite)')).toEqual(['bare sqlite inserts']);
    expect(baselinesOf('import (postgres)')).toEqual(['bare postgres inserts']);
    for (const f of results.figures) for (const v of Object.values(f.baselines)) expect(v).toBeGreaterThan(0);
    expect(run.stdout).toContain('| figure | value | target | meets | baselines |');
  }, 300_000);
});
