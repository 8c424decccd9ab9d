import { parse as parseYaml } from 'yaml';
import type { UserRow } from '../store/areas/challenge-tables.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { validateChallengeConfig } from './config/challenge-config.js';
import { createChallenge } from './create-challenge.js';
import type { LoadedChallenge } from './load-challenge.js';

/**
 * `POST /api/challenges`: a host or admin creates a challenge from the same versioned config as
 * `heldout challenge create` (YAML or JSON text, validated by the same schema). A host must list themself in `hosts`
 * (an admin hosts every challenge anyway). Over HTTP there are no files next to the config: configs that name
 * baselines or a usage CSV are refused with a pointer to the CLI, and the hidden labels are the split's own.
 */
export async function createChallengeOverHttp(env: ChallengeEnv, user: UserRow, text: string, kind: 'json' | 'yaml'): Promise<LoadedChallenge> {
  if (user.role === 'participant') throw new ChallengeError('only hosts and admins create challenges', 403);
  const origin = 'config';
  let raw: unknown;
  try {
    raw = kind === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ChallengeError(`${origin}: not valid ${kind === 'json' ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'parse error'}`, 400);
  }
  const config = asBadRequest(() => validateChallengeConfig(raw, origin));
  if (user.role === 'host' && !config.hosts.includes(user.name)) throw new ChallengeError(`${origin}: hosts: list yourself (${user.name}) among the hosts of a challenge you create`, 400);
  const usesFiles = config.baselines.length > 0 || config.phases.some((p) => 'usage' in p.splits);
  if (usesFiles) throw new ChallengeError(`${origin}: baselines and usage CSVs are files next to the config; create this challenge on the server with \`heldout challenge create --config FILE\``, 400);
  try {
    const { challenge } = await createChallenge(env, {
      config, raw, origin,
      readFile: async (rel) => {
        throw new ChallengeError(`${origin}: cannot read ${rel.slice(0, 80)} over HTTP`, 400);
      },
    });
    return challenge;
  } catch (err) {
    if (err instanceof ChallengeError || !(err instanceof Error) || err.name !== 'UserError') throw err;
    throw new ChallengeError(err.message, /already exists/.test(err.message) ? 409 : 400);
  }
}

function asBadRequest<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && err.name === 'UserError' && !(err instanceof ChallengeError)) throw new ChallengeError(err.message, 400);
    throw err;
  }
}
