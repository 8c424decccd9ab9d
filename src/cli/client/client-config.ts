import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../errors.js';

/** Where `heldout login` keeps the server and token: `$XDG_CONFIG_HOME/heldout/config.json` (else ~/.config). */
export function configFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'heldout', 'config.json');
}

export interface ClientConfig {
  readonly server: string;
  readonly token: string;
}

/** Writes the config readable by its owner only (0600, folder 0700): it holds a token. */
export async function saveClientConfig(env: NodeJS.ProcessEnv, config: ClientConfig): Promise<string> {
  const file = configFile(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // writeFile's mode only applies when it creates the file
  return file;
}

async function loadStored(env: NodeJS.ProcessEnv): Promise<Partial<ClientConfig>> {
  try {
    const raw = JSON.parse(await readFile(configFile(env), 'utf8')) as Partial<ClientConfig>;
    return { ...(typeof raw.server === 'string' ? { server: raw.server } : {}), ...(typeof raw.token === 'string' ? { token: raw.token } : {}) };
  } catch {
    return {};
  }
}

/** `--server`/`--token` flags, then HELDOUT_SERVER/HELDOUT_TOKEN, then the stored config. */
export async function resolveClientConfig(env: NodeJS.ProcessEnv, flags: { server?: string; token?: string }): Promise<{ server: string; token?: string }> {
  const stored = await loadStored(env);
  const server = flags.server ?? env.HELDOUT_SERVER ?? stored.server;
  const token = flags.token ?? env.HELDOUT_TOKEN ?? stored.token;
  if (!server) throw new UserError('no server: run heldout login --server URL --token T, or pass --server / set HELDOUT_SERVER');
  return { server: normaliseServer(server), ...(token ? { token } : {}) };
}

export function normaliseServer(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`"${url}" is not a server URL (e.g. http://localhost:8080)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`"${url}" is not an http(s) URL`);
  return u.origin + u.pathname.replace(/\/+$/, '');
}
