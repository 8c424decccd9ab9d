import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// Redis and PostgreSQL servers of a test's own, on free ports, that the test may stop and restart at will: the shared
// services (HELDOUT_REDIS_URL, HELDOUT_PG_URL) are used by every other test file and must never be restarted.

const run = promisify(execFile);

/** A TCP port nothing listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface PrivateRedis {
  readonly url: string;
  /** Stops it (SIGTERM: a clean shutdown; nothing is saved, so every key is gone on the next start). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** A redis-server without persistence on a free port of 127.0.0.1, started. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () => new Promise<void>((resolve, reject) => {
    const c = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) resolve();
    };
    c.stdout!.on('data', onData);
    c.stderr!.on('data', onData);
    c.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-1000)}`)));
  });
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

/**
 * The newest installed PostgreSQL server binaries in Debian's layout (`/usr/lib/postgresql/<version>/bin`), or
 * undefined. Synchronous: it decides `describe.skipIf` when the file is collected.
 */
export function postgresBin(root = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(root)) return undefined;
  const bins = readdirSync(root).sort((a, b) => Number(b) - Number(a)).map((v) => path.join(root, v, 'bin'));
  return bins.find((b) => existsSync(path.join(b, 'initdb')) && existsSync(path.join(b, 'pg_ctl')));
}

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication). */
  readonly url: string;
  /** `pg_ctl restart -m MODE`: fast ends sessions cleanly, immediate kills the server without a clean shutdown. */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its folder. */
  destroy(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster (initdb in a temp folder, trust authentication, fsync off) on a free port of
 * 127.0.0.1. PostgreSQL refuses to run as root, so as root every server binary runs as the `postgres` user.
 */
export async function privatePostgres(bin: string): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'heldout-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = await Promise.all(['-u', '-g'].map(async (f) => Number((await run('id', [f, 'postgres'])).stdout.trim())));
    await chown(dir, uid!, gid!);
  }
  const pg = (tool: string, args: string[]) => asRoot
    ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args])
    : run(path.join(bin, tool), args);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (action: string, ...extra: string[]) => pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...extra, action]);
  await pg('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  await ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (mode) => void (await ctl('restart', '-m', mode)),
    stop: async (mode = 'fast') => void (await ctl('stop', '-m', mode)),
    start: async () => void (await ctl('start')),
    destroy: async () => {
      if (existsSync(path.join(data, 'postmaster.pid'))) await ctl('stop', '-m', 'immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
