import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { print, printJson, type CliContext } from '../context.js';
import { withWorkspace } from '../workspace-option.js';
import { USER_ROLES, type UserRole } from '../../store/areas/challenge-tables.js';
import { UserError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { commandGroup } from '../command-group.js';

/** A command group with this CLI's output and exit handling (addCommand() does not pass them down). */
async function userNamed(store: Store, name: string) {
  const user = await store.findUser({ name });
  if (!user) throw new UserError(`no user named "${name}"`);
  return user;
}

/** `heldout user add|token|tokens|revoke-token`: accounts of the challenge server, made on the server's own workspace. */
export function userCommand(ctx: CliContext): Command {
  const cmd = commandGroup(ctx, 'user', 'accounts of the challenge server (admin, host, participant) and their API tokens');
  cmd.command('add')
    .description('create an account and print its first API token (shown once; only its hash is stored)')
    .argument('<name>', 'user name: 2–32 of a–z, 0–9, _ . -')
    .addOption(new Option('--role <role>', 'what the account may do').choices(USER_ROLES).default('participant'))
    .option('--json', 'print {"name","role","token"} as JSON')
    .action(async (name: string, o: { role: UserRole; json?: boolean }, c: Command) => {
      const { addUser } = await import('../../challenges/accounts.js');
      const { user, token } = await withWorkspace(c, ctx, (ws) => addUser(ws.store, { name, role: o.role }, new Date()));
      if (o.json) printJson(ctx, { name: user.name, role: user.role, token });
      else print(ctx, `created ${user.role} ${user.name}; API token (shown once):\n${token}`);
    });
  cmd.command('token')
    .description('issue another API token for an account (shown once)')
    .argument('<name>', 'user name')
    .option('--label <label>', 'what the token is for', 'cli')
    .action(async (name: string, o: { label: string }, c: Command) => {
      const { issueToken } = await import('../../challenges/accounts.js');
      const token = await withWorkspace(c, ctx, async (ws) => {
        const user = await ws.store.findUser({ name });
        if (!user) throw new UserError(`no user named "${name}"`);
        return issueToken(ws.store, user.id, o.label, new Date());
      });
      print(ctx, token);
    });
  cmd.command('tokens')
    .description('list an account\'s API tokens (ids, labels, last use, revoked; never the tokens themselves)')
    .argument('<name>', 'user name')
    .option('--json', 'print the list as JSON')
    .action(async (name: string, o: { json?: boolean }, c: Command) => {
      const tokens = await withWorkspace(c, ctx, async (ws) => ws.store.listApiTokens((await userNamed(ws.store, name)).id));
      if (o.json) printJson(ctx, tokens.map((t) => ({ id: t.id, label: t.label, createdAt: t.created_at, lastUsedAt: t.last_used_at, revoked: t.revoked === 1 })));
      else for (const t of tokens) print(ctx, `${t.id}\t${t.label}\tcreated ${t.created_at}\t${t.last_used_at ? `last used ${t.last_used_at}` : 'never used'}${t.revoked ? '\trevoked' : ''}`);
    });
  cmd.command('revoke-token')
    .description('revoke API tokens of an account (by id, see `heldout user tokens`, or all); takes effect on the next request')
    .argument('<name>', 'user name')
    .option('--id <ids...>', 'token ids to revoke')
    .option('--all', 'revoke every token of the account')
    .action(async (name: string, o: { id?: string[]; all?: boolean }, c: Command) => {
      if (!o.all && (o.id ?? []).length === 0) throw new UserError('user revoke-token: give --id ID… or --all', 2);
      const ids = (o.id ?? []).map((x) => {
        if (!/^\d+$/.test(x)) throw new UserError(`user revoke-token: --id ${x}: not a token id`, 2);
        return Number(x);
      });
      const n = await withWorkspace(c, ctx, async (ws) => ws.store.revokeApiTokens((await userNamed(ws.store, name)).id, o.all ? 'all' : ids));
      print(ctx, `revoked ${n} token(s) of ${name}`);
    });
  return cmd;
}

/** `heldout challenge create|close|rescore`: host operations on the workspace the server runs on. */
export function challengeCommand(ctx: CliContext): Command {
  const cmd = commandGroup(ctx, 'challenge', 'create challenges from a config, close phases, rescore after a label fix (host side)');
  cmd.command('create')
    .description('create a challenge from a YAML/JSON config (see docs/challenges.md); hides the split\'s labels and scores the baselines')
    .requiredOption('--config <file>', 'challenge config (YAML or JSON)')
    .option('--labels <file>', 'hidden labels from this file (ILSVRC text, CSV, JSONL, .npy) instead of the split\'s own')
    .option('--json', 'print the created challenge as JSON')
    .action(async (o: { config: string; labels?: string; json?: boolean }, c: Command) => {
      const { parseChallengeConfig } = await import('../../challenges/config/challenge-config.js');
      const { createChallenge } = await import('../../challenges/create-challenge.js');
      const { challengeEnv } = await import('../../challenges/challenge-env.js');
      const text = await readFile(o.config, 'utf8').catch(() => {
        throw new UserError(`cannot read ${o.config}`);
      });
      const config = parseChallengeConfig(text, o.config);
      const { parse } = await import('yaml');
      const dir = path.dirname(path.resolve(o.config));
      const out = await withWorkspace(c, ctx, async (ws) => createChallenge(challengeEnv(ws), {
        config, raw: parse(text), origin: o.config, ...(o.labels ? { labelsFile: o.labels } : {}),
        readFile: (rel) => readFile(path.resolve(dir, rel)).catch(() => {
          throw new UserError(`${o.config}: cannot read ${rel} (paths are relative to the config file)`);
        }),
      }));
      const summary = {
        name: out.challenge.row.name, title: out.challenge.row.title, metric: out.challenge.config.metric,
        phases: out.challenge.phases.map((p) => ({ name: p.name, start: p.starts_at, end: p.ends_at, mode: p.mode })),
        baselines: out.baselines.map((b) => ({ name: b.baseline_name, id: b.id, state: b.state, ...(b.error ? { error: b.error } : {}) })),
      };
      if (o.json) printJson(ctx, summary);
      else print(ctx, `created challenge ${summary.name} (${summary.metric}; phases ${summary.phases.map((p) => p.name).join(', ')}; ${summary.baselines.length} baseline score(s))`);
    });
  cmd.command('close')
    .description('close a phase: no more submissions, and its private leaderboard becomes visible')
    .argument('<name>', 'challenge name')
    .option('--phase <phase>', 'phase to close (default: the one started, unclosed phase)')
    .action(async (name: string, o: { phase?: string }, c: Command) => {
      const { challengeEnv } = await import('../../challenges/challenge-env.js');
      const { loadChallenge } = await import('../../challenges/load-challenge.js');
      const { closePhase } = await import('../../challenges/host-actions.js');
      const phase = await withWorkspace(c, ctx, async (ws) => {
        const env = challengeEnv(ws);
        return closePhase(env, await loadChallenge(env, name), o.phase);
      });
      print(ctx, `closed phase ${phase.name} of ${name} at ${phase.closed_at}; its private leaderboard is now public`);
    });
  cmd.command('rescore')
    .description('rescore every finished submission against fixed labels (a new scoring revision; old scores are kept)')
    .argument('<name>', 'challenge name')
    .option('--labels <file>', 'the fixed labels (default: the split\'s current labels)')
    .action(async (name: string, o: { labels?: string }, c: Command) => {
      const { challengeEnv } = await import('../../challenges/challenge-env.js');
      const { rescoreChallenge } = await import('../../challenges/host-actions.js');
      const r = await withWorkspace(c, ctx, (ws) => rescoreChallenge(challengeEnv(ws), name, o.labels));
      print(ctx, `rescored ${r.rescored} submission(s) of ${name} at revision ${r.revision}${r.failed ? `; ${r.failed} could not be rescored` : ''}`);
      for (const l of r.ladders) print(ctx, `replayed the Ladder of phase ${l.phase}: ${l.rounds} submission(s) of ${l.teams} team(s) in submission order, ${l.accepted} release(s) moved`);
    });
  return cmd;
}
