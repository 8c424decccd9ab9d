import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-workspace.js';
import { BIN, REPO } from './run-cli.js';
import { shellBlocks } from './tutorial-blocks.js';

const TUTORIAL = path.join(REPO, 'docs', 'tutorial.md');

describe('tutorial block extraction', () => {
  it('takes only ```sh fences, with their line numbers', () => {
    const md = ['# T', '```sh', 'heldout a', 'heldout b', '```', '```text', 'out', '```', '```sh no-run', 'x', '```', '```sh', 'c', '```'].join('\n');
    expect(shellBlocks(md)).toEqual([{ line: 2, script: 'heldout a\nheldout b' }, { line: 12, script: 'c' }]);
  });
});

// The tutorial is the README's promise of a whole study with the CLI: every `sh` block runs here, in order, in one
// shell, as a reader would type it in a fresh folder next to the bundled data (only the server's port is changed).
describe('docs/tutorial.md', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => { tmp = await tempDir('heldout-tutorial-'); });
  afterAll(() => tmp.cleanup());

  it('runs from start to finish', async () => {
    const dir = tmp.dir;
    const shims = path.join(dir, '.bin');
    mkdirSync(shims, { recursive: true });
    writeFileSync(path.join(shims, 'heldout'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(shims, 'heldout'), 0o755);
    symlinkSync(path.join(REPO, 'data'), path.join(dir, 'data'));
    const port = await freePort();
    const blocks = shellBlocks(readFileSync(TUTORIAL, 'utf8'));
    expect(blocks.length).toBeGreaterThan(10);
    const script = [
      'set -euo pipefail',
      // A server the tutorial starts in the background must not outlive the test.
      'trap \'jobs -p | xargs -r kill 2>/dev/null || true\' EXIT',
      ...blocks.map((b) => `echo "### docs/tutorial.md:${b.line}" >&2\n${b.script.replaceAll('8080', String(port))}`),
    ].join('\n');
    const run = await bash(script, dir, { PATH: `${shims}:${process.env.PATH ?? ''}`, HELDOUT_DATA_DIR: path.join(dir, 'heldout-data'), XDG_CONFIG_HOME: path.join(dir, '.config'), HELDOUT_SERVER: undefined, HELDOUT_TOKEN: undefined });
    if (run.code !== 0) {
      const last = run.stderr.split('\n').filter((l) => l.startsWith('### ')).pop() ?? '(before the first block)';
      throw new Error(`tutorial failed in the block at ${last.slice(4)} (exit ${run.code}):\n${run.stderr.slice(-4000)}\n--- stdout ---\n${run.stdout.slice(-2000)}`);
    }
  }, 900_000);
});

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
