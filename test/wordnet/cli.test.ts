import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-heldout.js';

/** Runs the CLI in-process and returns its exit code and collected output. */
function run(...args: string[]) {
  return runCli(['wordnet', ...args]);
}

describe('heldout wordnet', () => {
  it('show --json prints one object for one wnid', async () => {
    const r = await run('show', 'n01443537', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ wnid: 'n01443537', lemmas: ['goldfish', 'Carassius auratus'], examples: [] });
    expect(s.hypernyms[0].wnid).toBe('n01439121');
  });

  it('show --json prints an array for several wnids, also from --file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heldout-wn-'));
    const file = path.join(dir, 'wnids.txt');
    writeFileSync(file, 'n02084071\nn00001740\n');
    const r = await run('show', 'n01443537', '--file', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((s: { wnid: string }) => s.wnid)).toEqual(['n01443537', 'n02084071', 'n00001740']);
  });

  it('show prints a readable block per wnid', async () => {
    const r = await run('show', 'n00002684', 'n08851034');
    expect(r.code).toBe(0);
    expect(r.out).toContain('n00002684  object, physical object\n  definition  a tangible and visible entity; an entity that can cast a shadow\n');
    expect(r.out).toContain('  example     "it was full of rackets, balls and other objects"\n');
    expect(r.out).toContain('  instance of n08524735  city, metropolis, urban center\n');
    expect(r.out).toContain('  depth       ');
  });

  it('show reports bad wnids as one line with exit code 2', async () => {
    const r = await run('show', 'n01443538');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^heldout: n01443538 is not a noun synset in WordNet 3\.0.*3\.1.*\n$/);
    expect(r.out).toBe('');
    expect((await run('show')).code).toBe(2);
    expect((await run('show', '--file', '/nonexistent/wnids.txt')).err).toMatch(/cannot read/);
  });

  it('search prints wnid, lemmas and definition; --limit and --json', async () => {
    const r = await run('search', 'goldfish', '--limit', '1');
    expect(r.out).toBe('n01443537  goldfish, Carassius auratus: small golden or orange-red freshwater fishes of Eurasia used as pond or aquarium fishes\n');
    const j = JSON.parse((await run('search', 'dog', '--limit', '3', '--json')).out);
    expect(j).toHaveLength(3);
    expect(j[0]).toMatchObject({ wnid: 'n02084071', match: 'exact', matchedLemma: 'dog' });
    const bad = await run('search', 'dog', '--limit', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('heldout: --limit must be a positive integer, got "0"\n');
  });

  it('search with no match says so on stderr', async () => {
    const r = await run('search', 'xyzzyplugh');
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toMatch(/no noun synset/);
  });

  it('queries prints one query per line', async () => {
    expect((await run('queries', 'n02085782')).out).toBe('Japanese spaniel\nJapanese spaniel toy dog\nJapanese spaniel dog\n');
    expect(JSON.parse((await run('queries', 'n02085782', '--json')).out)).toHaveLength(3);
  });

  it('similar --among ilsvrc2012 prints scores with 4 decimals', async () => {
    const r = await run('similar', 'n02085782', '--among', 'ilsvrc2012', '--top', '3');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^0\.\d{4} {2}n\d{8} {2}\S/);
    const j = JSON.parse((await run('similar', 'n02084071', '--top', '1', '--json')).out);
    expect(j).toEqual([{ wnid: 'n01317541', lemmas: ['domestic animal', 'domesticated animal'], similarity: 0.5, distance: 1 }]); // ties: wnid order
  });

  it('similar --among FILE and unknown class sets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heldout-wn-'));
    const file = path.join(dir, 'classes.txt');
    writeFileSync(file, 'n02121620\nn01443537\n');
    const r = await run('similar', 'n02084071', '--among', file);
    expect(r.out).toBe('0.2000  n02121620  cat, true cat\n0.0769  n01443537  goldfish, Carassius auratus\n');
    const bad = await run('similar', 'n02084071', '--among', 'no-such-set');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/neither built-in/);
  });

  it('unknown subcommand options are usage errors (exit 2), not process exits', async () => {
    const r = await run('show', 'n01443537', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option/);
  });
});
