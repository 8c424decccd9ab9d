import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { sampleFixture } from './sample-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- CLI JSON is checked field by field */
let t: TempWorkspace;
const run = (...args: string[]) => runHeldout(t.dataDir, ...args);
const json = async (...args: string[]) => {
  const r = await run(...args, '--json');
  expect(r.err.split('\n').filter((l) => l && !/^[\w :-]+: \d+\/\d+$/.test(l)), r.err).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as any;
};
const small = ['--min-annotations', '4', '--min-reference', '8', '--skip-near-duplicate-check'];

beforeAll(async () => {
  t = await tempWorkspace();
  await sampleFixture(t.ws);
  await t.ws.close();
}, 120_000);
afterAll(() => t.cleanup());

describe('heldout sample', () => {
  it('samples with the bare form and with `create`, the same way for the same seed', async () => {
    const a = await json('sample', '--pool', 'p', '--reference', 'fm', '--strategy', 'threshold', '--per-class', '3', '--threshold', '0.5', '--seed', '9', '--name', 'th-a', ...small);
    expect(a).toMatchObject({ name: 'th-a', dataset: 'th-a/test', strategy: 'threshold', seed: 9, params: { threshold: 0.5, perClass: 3, reference: 'fm:test' } });
    expect(a.images).toBe(9);
    const b = await json('sample', 'create', '--pool', 'p', '--reference', 'fm:test', '--strategy', 'threshold', '--per-class', '3', '--threshold', '0.5', '--seed', '9', '--name', 'th-b', ...small);
    expect(b.classes).toEqual(a.classes);
    await run('sample', 'export', 'th-a', '--format', 'manifest', '--out', path.join(t.scratch, 'a'));
    await run('sample', 'export', 'th-b', '--format', 'manifest', '--out', path.join(t.scratch, 'b'));
    expect(await readFile(path.join(t.scratch, 'b', 'manifest.csv'), 'utf8')).toBe(await readFile(path.join(t.scratch, 'a', 'manifest.csv'), 'utf8'));
  });

  it('prints a text summary, draws and records a seed when none is given, and names a revision by default', async () => {
    const r = await run('sample', '--pool', 'p', '--strategy', 'top', ...small);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^created revision p-top-r1: 30 images in 3 classes \(top, seed \d+\)/);
    expect(r.out).toContain('selection frequency 0.');
    const list = await json('sample', 'list');
    expect(list.map((x: any) => x.name)).toEqual(['th-a', 'th-b', 'p-top-r1']);
  });

  it('reports as text and JSON', async () => {
    const text = await run('sample', 'report', 'th-a');
    expect(text.code).toBe(0);
    expect(text.out).toContain('th-a: threshold, 9 images in 3 classes');
    expect(text.out).toMatch(/selection frequency {2}revision {2}0\.\d{3} ± 0\.\d{3} \(n=9, 95% CI/);
    expect(text.out).toContain('split-vote diagnostic');
    expect(text.out).toMatch(/overlaps: \d+ with th-b \(of 9\)/);
    const r = await json('sample', 'report', 'th-a');
    expect(r).toMatchObject({ name: 'th-a', images: 9, classes: 3, overlaps: [{ revision: 'th-b', shared: 9, of: 9 }, { revision: 'p-top-r1' }] });
    expect(r.bins).toHaveLength(5);
    expect((await json('sample', 'report', 'th-a', '--no-diagnostic')).splitVote).toBeUndefined();
  });

  it('exports the ImageNetV2 layout with numeric class folders', async () => {
    const out = path.join(t.scratch, 'v2');
    const r = await run('sample', 'export', 'th-a', '--format', 'imagenetv2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('exported th-a as imagenetv2: 9 files');
    expect((await readdir(out)).sort()).toEqual(['0', '1', '2']);
    expect((await readdir(path.join(out, '0')))[0]).toMatch(/^[0-9a-f]{64}\.png$/);
  });

  it('keeps a blacklist with reasons, and --from inherits parameters and drops blacklisted images', async () => {
    const before = (await json('sample', 'report', 'th-a')).images;
    const m = await readFile(path.join(t.scratch, 'a', 'manifest.csv'), 'utf8');
    const image = m.split('\n')[1]!.split(',')[1]!;
    const add = await run('sample', 'blacklist', 'add', 'p', image.slice(0, 12), '--reason', 'a drawing, not a photo');
    expect(add.code).toBe(0);
    expect(add.out).toContain(`blacklisted ${image} in p: a drawing, not a photo`);
    expect(await json('sample', 'blacklist', 'list', 'th-a')).toMatchObject([{ image, reason: 'a drawing, not a photo' }]);
    const next = await json('sample', '--from', 'th-a', '--seed', '10', '--name', 'th-a2');
    expect(next).toMatchObject({ parent: 'th-a', params: { threshold: 0.5, perClass: 3, minAnnotations: 4, skipNearDuplicateCheck: true } });
    expect(next.carried).toBe(before - 1);
    expect((await run('sample', 'blacklist', 'remove', 'p', image)).code).toBe(0);
    expect((await run('sample', 'blacklist', 'remove', 'p', image)).code).toBe(1);
  });

  it('refuses bad input with one-line errors', async () => {
    const cases: Array<[string[], RegExp, number]> = [
      [['sample', '--pool', 'p', '--strategy', 'nope'], /argument 'nope' is invalid/, 2],
      [['sample', '--strategy', 'top'], /--pool is required/, 2],
      [['sample', '--pool', 'zz', '--strategy', 'top'], /no labeling project named "zz"/, 2],
      [['sample', '--pool', 'p', '--strategy', 'top', '--threshold', '1.5'], /--threshold must be a number from 0 to 1/, 2],
      [['sample', '--pool', 'p', '--strategy', 'top', '--name', 'th-a', ...small], /a revision named "th-a" exists already/, 2],
      [['sample', '--pool', 'p', '--strategy', 'top', '--name', 'fm', ...small], /a dataset named "fm" exists already/, 2],
      [['sample', '--pool', 'p', '--strategy', 'matched-frequency', '--seed', '1', '--min-annotations', '4'], /short: n03057021 \(8\), n03595614 \(8\), n04197391 \(8\)/, 2],
      [['sample', 'report', 'nope'], /no sampled revision named "nope"/, 2],
      [['sample', 'export', 'th-a', '--format', 'manifest', '--out', path.join('/work/main', 'src')], /output folder is not empty/, 2],
      [['sample', 'blacklist', 'add', 'p', 'xyz', '--reason', 'r'], /must be a sha256/, 2],
    ];
    for (const [args, re, code] of cases) {
      const r = await run(...args);
      expect(r.err, args.join(' ')).toMatch(re);
      expect(r.code, args.join(' ')).toBe(code);
    }
  });
});
