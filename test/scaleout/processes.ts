import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'heldout-ts.mjs');

export interface Proc {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `re` in its output (rejects if it exits first or after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `heldout …args` from the TypeScript sources as a child process, as a user would start the CLI. */
export function startHeldout(args: readonly string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [ENTRY, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    for (const l of listeners) l();
    resolve(code);
  }));
  return {
    child,
    output: () => out,
    waitFor: (re, ms = 60_000) => new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) return done(() => resolve(m));
        if (child.exitCode !== null || child.signalCode !== null) return done(() => reject(new Error(`process exited before ${re}: ${out.slice(-2000)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${re}: ${out.slice(-2000)}`))), ms);
      const done = (f: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        f();
      };
      listeners.add(check);
      check();
    }),
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
