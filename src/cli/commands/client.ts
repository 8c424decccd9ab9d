import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { print, printJson, type CliContext } from '../context.js';
import { apiClient, type ApiClient } from '../client/http-client.js';
import { normaliseServer, resolveClientConfig, saveClientConfig } from '../client/client-config.js';
import { UserError } from '../../errors.js';

// The challenge client (like the kaggle and evalai CLIs): talks HTTP to `heldout serve`, never opens a workspace.

interface ServerFlags {
  server?: string;
  token?: string;
}

function withServerFlags(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'server URL (default: $HELDOUT_SERVER, then the one saved by heldout login)')
    .option('--token <token>', 'API token (default: $HELDOUT_TOKEN, then the saved one)');
}

async function client(ctx: CliContext, flags: ServerFlags): Promise<ApiClient> {
  const { server, token } = await resolveClientConfig(ctx.env, flags);
  return apiClient(server, token);
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const withCi = (s: { value: number; ci: [number, number] }) => `${pct(s.value)} [${(s.ci[0] * 100).toFixed(2)}, ${(s.ci[1] * 100).toFixed(2)}]`;

/** Pads columns of a text table (first row: header). */
function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

interface ScoreJson { value: number; ci: [number, number]; n: number; ladder?: { accepted: boolean } }
interface SubmissionJson {
  id: number; phase: string; status: string; fileName: string; createdAt: string; error?: string; duplicateOf?: number;
  scores: { public?: ScoreJson; private?: ScoreJson };
}

/** `heldout login --server URL --token T`: checks the token and saves both (0600) for the other client commands. */
export function loginCommand(ctx: CliContext): Command {
  return new Command('login')
    .description('save a challenge server and API token for the client commands ($XDG_CONFIG_HOME/heldout/config.json, mode 0600)')
    .requiredOption('--server <url>', 'server URL, e.g. http://localhost:8080')
    .requiredOption('--token <token>', 'API token (from heldout user add, or the account page)')
    .action(async (o: { server: string; token: string }) => {
      const server = normaliseServer(o.server);
      const me = await apiClient(server, o.token).json<{ name: string; role: string }>('/api/me');
      const file = await saveClientConfig(ctx.env, { server, token: o.token });
      print(ctx, `signed in to ${server} as ${me.name} (${me.role}); saved to ${file}`);
    });
}

/** `heldout challenges`: the server's challenges and their phases. */
export function challengesCommand(ctx: CliContext): Command {
  return withServerFlags(new Command('challenges').description('list the challenges of a server'))
    .option('--json', 'print JSON')
    .action(async (o: ServerFlags & { json?: boolean }) => {
      const api = await client(ctx, o);
      const { challenges } = await api.json<{ challenges: Array<{ name: string; title: string; metricLabel: string; images: number; phases: Array<{ name: string; open: boolean; closedAt: string | null; end: string }> }> }>('/api/challenges');
      if (o.json) return printJson(ctx, challenges);
      if (challenges.length === 0) return print(ctx, `${api.server} has no challenges`);
      print(ctx, table([['name', 'metric', 'images', 'phases', 'title'], ...challenges.map((c) => [
        c.name, c.metricLabel, String(c.images),
        c.phases.map((p) => `${p.name}(${p.open ? `open until ${p.end.slice(0, 10)}` : p.closedAt ? 'closed' : 'not open'})`).join(' '), c.title,
      ])]));
    });
}

/** `heldout submit CHALLENGE FILE`: uploads predictions; `--wait` polls until scored and prints the result as JSON. */
export function submitCommand(ctx: CliContext): Command {
  return withServerFlags(new Command('submit').description('upload a predictions file to a challenge (streamed; --wait for the scores)'))
    .argument('<challenge>', 'challenge name')
    .argument('<file>', 'predictions: ILSVRC text, CSV, JSONL or .npy, optionally gzip-compressed')
    .option('--phase <phase>', 'phase (default: the open one)')
    .option('--message <text>', 'a note for your team')
    .option('--wait', 'wait until scored; print {"id","status","scores":{…}} as JSON')
    .addOption(new Option('--timeout <seconds>', 'give up waiting after this long').default(600).argParser((v) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1) throw new InvalidArgumentError('expected a whole number of seconds ≥ 1');
      return n;
    }))
    .option('--json', 'print the server\'s answer as JSON')
    .action(async (challenge: string, file: string, o: ServerFlags & { phase?: string; message?: string; wait?: boolean; timeout: number; json?: boolean }) => {
      const api = await client(ctx, o);
      const size = await stat(file).then((s) => s.size, () => {
        throw new UserError(`cannot read ${file}`);
      });
      const form = new FormData();
      if (o.phase) form.append('phase', o.phase);
      if (o.message) form.append('message', o.message);
      // openAsBlob streams the file from disk instead of reading it into memory.
      form.append('file', await openAsBlob(file), path.basename(file));
      const base = `/api/challenges/${encodeURIComponent(challenge)}/submissions`;
      const accepted = await api.upload<{ id: number; status: string; phase: string; duplicate: boolean; duplicateOf?: number; notes: string[] }>(base, form);
      if (!o.wait) {
        if (o.json) return printJson(ctx, accepted);
        return print(ctx, accepted.duplicate
          ? `submission ${accepted.id}: identical to submission ${accepted.duplicateOf}; not charged`
          : `submission ${accepted.id} accepted (phase ${accepted.phase}, ${size.toLocaleString('en-US')} bytes); scoring${accepted.notes.length ? `\nnote: ${accepted.notes.join('\nnote: ')}` : ''}`);
      }
      const deadline = Date.now() + o.timeout * 1000;
      // The server holds each request until scoring ends (?wait=), so this loop only turns on long queues.
      let sub = await api.json<SubmissionJson>(`${base}/${accepted.id}?wait=20`);
      while (sub.status === 'submitted' || sub.status === 'running') {
        if (Date.now() > deadline) throw new UserError(`submission ${accepted.id} is still ${sub.status} after ${o.timeout} s`, 1);
        sub = await api.json<SubmissionJson>(`${base}/${accepted.id}?wait=20`);
      }
      printJson(ctx, { id: sub.id, status: sub.status, scores: sub.scores, ...(sub.error ? { error: sub.error } : {}), ...(sub.duplicateOf ? { duplicateOf: sub.duplicateOf } : {}) });
      if (sub.status === 'failed') throw new UserError(`submission ${sub.id} failed: ${sub.error ?? 'unknown error'}`, 1);
    });
}

/** `heldout submissions CHALLENGE`: your team's submissions with their scores. */
export function submissionsCommand(ctx: CliContext): Command {
  return withServerFlags(new Command('submissions').description('your team\'s submissions to a challenge, newest first'))
    .argument('<challenge>', 'challenge name')
    .option('--json', 'print JSON')
    .action(async (challenge: string, o: ServerFlags & { json?: boolean }) => {
      const api = await client(ctx, o);
      const { submissions } = await api.json<{ submissions: SubmissionJson[] }>(`/api/challenges/${encodeURIComponent(challenge)}/submissions`);
      if (o.json) return printJson(ctx, submissions);
      if (submissions.length === 0) return print(ctx, 'no submissions yet');
      print(ctx, table([['id', 'phase', 'status', 'public', 'n', 'private', 'file', 'submitted'], ...submissions.map((s) => [
        String(s.id), s.phase, s.duplicateOf ? `duplicate of ${s.duplicateOf}` : s.status,
        s.scores.public ? `${withCi(s.scores.public)}${s.scores.public.ladder ? (s.scores.public.ladder.accepted ? ' (Ladder update)' : ' (Ladder: no significant improvement)') : ''}` : (s.error ?? '—'),
        s.scores.public ? String(s.scores.public.n) : '', s.scores.private ? withCi(s.scores.private) : 'hidden', s.fileName, s.createdAt.slice(0, 16).replace('T', ' '),
      ])]));
    });
}

/** `heldout leaderboard CHALLENGE`: a board with intervals and tie flags, as text, JSON or CSV. */
export function leaderboardCommand(ctx: CliContext): Command {
  return withServerFlags(new Command('leaderboard').description('a challenge leaderboard: every score with n, an interval, and whether it is tied with the leader'))
    .argument('<challenge>', 'challenge name')
    .option('--phase <phase>', 'phase (default: the open one)')
    .addOption(new Option('--split <split>', 'which board').choices(['public', 'private']).default('public'))
    .addOption(new Option('--json', 'print JSON').conflicts('csv'))
    .option('--csv', 'print CSV (the server\'s export)')
    .action(async (challenge: string, o: ServerFlags & { phase?: string; split: string; json?: boolean; csv?: boolean }) => {
      const api = await client(ctx, o);
      const q = `/api/challenges/${encodeURIComponent(challenge)}/leaderboard?split=${o.split}${o.phase ? `&phase=${encodeURIComponent(o.phase)}` : ''}`;
      if (o.csv) return print(ctx, await api.text(`${q}&format=csv`));
      const board = await api.json<{ phase: string; split: string; metric: string; n: number; released: boolean; interval: { method: string; confidence: number }; rows: Array<{ rank: number; team: string; baseline: boolean; value: number; ci: [number, number]; n: number; tiedWithLeader?: boolean }> }>(q);
      if (o.json) return printJson(ctx, board);
      print(ctx, `${challenge} / ${board.phase} / ${board.split}: ${board.metric}, n = ${board.n}, ${Math.round(board.interval.confidence * 100)}% ${board.interval.method}${board.released ? ' (Ladder releases)' : ''}`);
      if (board.rows.length === 0) return print(ctx, 'no scored submissions yet');
      print(ctx, table([['rank', 'team', board.metric, 'n', 'tied with leader'], ...board.rows.map((r) => [
        String(r.rank), r.baseline ? `${r.team} (baseline)` : r.team, withCi(r), String(r.n), r.tiedWithLeader === undefined ? '—' : r.tiedWithLeader ? 'yes' : 'no',
      ])]));
    });
}

/** `heldout team create|join|show|leave CHALLENGE …`: a participant's team in a challenge (one per user). */
export function teamCommand(ctx: CliContext): Command {
  const group = new Command('team').description('your team in a challenge: create one, join with an invite code, show it, leave it');
  withServerFlags(group.command('create').description('create a team (you become its first member); prints the invite code for teammates'))
    .argument('<challenge>', 'challenge name')
    .argument('<team>', 'team name')
    .option('--json', 'print {"name","inviteCode"} as JSON')
    .action(async (challenge: string, team: string, o: ServerFlags & { json?: boolean }) => {
      const t = await (await client(ctx, o)).json<{ name: string; inviteCode: string }>(`/api/challenges/${encodeURIComponent(challenge)}/teams`, { method: 'POST', body: { name: team } });
      if (o.json) return printJson(ctx, t);
      print(ctx, `created team ${t.name} in ${challenge}; teammates join with: heldout team join ${challenge} ${t.inviteCode}`);
    });
  withServerFlags(group.command('join').description('join a team with its invite code'))
    .argument('<challenge>', 'challenge name')
    .argument('<code>', 'invite code')
    .action(async (challenge: string, code: string, o: ServerFlags) => {
      const t = await (await client(ctx, o)).json<{ name: string }>(`/api/challenges/${encodeURIComponent(challenge)}/teams/join`, { method: 'POST', body: { code } });
      print(ctx, `joined team ${t.name} in ${challenge}`);
    });
  withServerFlags(group.command('show').description('your team: name, invite code, members'))
    .argument('<challenge>', 'challenge name')
    .option('--json', 'print JSON')
    .action(async (challenge: string, o: ServerFlags & { json?: boolean }) => {
      const t = await (await client(ctx, o)).json<{ name: string; inviteCode: string; members: Array<{ name?: string }> }>(`/api/challenges/${encodeURIComponent(challenge)}/team`);
      if (o.json) return printJson(ctx, t);
      print(ctx, `team ${t.name} (invite code ${t.inviteCode}): ${t.members.map((m) => m.name ?? '?').join(', ')}`);
    });
  withServerFlags(group.command('leave').description('leave your team (refused once you have uploaded as it)'))
    .argument('<challenge>', 'challenge name')
    .action(async (challenge: string, o: ServerFlags) => {
      const r = await (await client(ctx, o)).json<{ left: string; teamDeleted: boolean }>(`/api/challenges/${encodeURIComponent(challenge)}/team/leave`, { method: 'POST' });
      print(ctx, `left team ${r.left}${r.teamDeleted ? ' (it had no members or submissions left and was deleted)' : ''}`);
    });
  return group;
}
