import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, runCli } from './run-cli.js';
import { buildProgram } from '../../src/cli/main.js';
import { renderCliDocs } from '../../src/cli/cli-docs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heldout-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('heldout CLI as a child process', () => {
  it('prints help listing every command group', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const group of ['wordnet', 'dataset', 'serve']) expect(r.stdout).toContain(group);
  });

  it('exits 2 with a usage message on an unknown command', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });

  it('looks up WordNet 3.0 entries', async () => {
    const r = await runCli(['wordnet', 'show', 'n01443537', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ wnid: 'n01443537', lemmas: ['goldfish', 'Carassius auratus'] });
    const bad = await runCli(['wordnet', 'show', 'n99999999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('imports the bundled Fashion-MNIST IDX files and lists them as JSON', async () => {
    const demo = path.join(REPO, 'data/demo/fashion-mnist');
    const r = await runCli(['--data-dir', dir, 'dataset', 'import', 'idx', '--images', path.join(demo, 't10k-images-idx3-ubyte.gz'),
      '--labels', path.join(demo, 't10k-labels-idx1-ubyte.gz'), '--classes', 'fashion-mnist', '--name', 'fm', '--split', 'test', '--hidden']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const list = await runCli(['--data-dir', dir, 'dataset', 'list', '--json']);
    const datasets = JSON.parse(list.stdout) as Array<{ name: string; splits: Array<{ name: string; items: number; labelsHidden: boolean }> }>;
    expect(datasets[0]?.splits[0]).toMatchObject({ name: 'test', items: 10000, labelsHidden: true });
  });

  it('serves pages on a real port', async () => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /at (http:\/\/\S+)/.exec(err);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('close', () => reject(new Error(`server exited: ${err}`)));
      });
      const home = await fetch(url.replace('localhost', '127.0.0.1'));
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Heldout');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('docs/cli.md', () => {
  it('matches the CLI definitions (run `npm run docs:cli` to regenerate)', async () => {
    const sink = new PassThrough();
    const expected = renderCliDocs(await buildProgram({ stdout: sink, stderr: sink, interactive: false, env: {} }));
    expect(await readFile(path.join(REPO, 'docs/cli.md'), 'utf8')).toBe(expected);
  });
});
