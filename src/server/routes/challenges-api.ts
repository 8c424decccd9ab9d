import { Hono } from 'hono';
import { z } from 'zod';
import { waitForScoring, type ChallengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { closePhase } from '../../challenges/host-actions.js';
import { phaseLeaderboard } from '../../challenges/leaderboard.js';
import { findPhase, loadChallenge, loadChallengeRow } from '../../challenges/load-challenge.js';
import { phaseAudit } from '../../challenges/phase-audit.js';
import { canSee, listVisibleSubmissions, selectFinal, submissionView } from '../../challenges/submission-view.js';
import { safeFileName, submitPredictions, teamOfSubmitter } from '../../challenges/submit.js';
import type { ParseSession } from '../../challenges/submission-pool.js';
import { beginParse } from '../../challenges/upload-parsing.js';
import { createChallengeOverHttp } from '../../challenges/create-challenge-http.js';
import { createTeam, joinTeam, leaveTeam } from '../../challenges/teams.js';
import { viewerOf } from '../../challenges/viewer.js';
import { currentUser, requireUser, type AuthEnv } from '../middleware/authenticate.js';
import { readUpload } from '../middleware/read-upload.js';
import { challengeJson, idParam, leaderboardCsv, leaderboardJson, parseBoardQuery } from './challenges-shared.js';

const teamBody = z.object({ name: z.string().max(100) });
const joinBody = z.object({ code: z.string().max(100) });
const selectionBody = z.object({ phase: z.string().max(80).optional(), ids: z.array(z.number().int().positive()).max(100) });

async function jsonBody<T extends z.ZodType>(req: { json(): Promise<unknown> }, schema: T): Promise<z.output<T>> {
  const raw = await req.json().catch(() => {
    throw new ChallengeError('expected a JSON body', 400);
  });
  const r = schema.safeParse(raw);
  if (!r.success) throw new ChallengeError(`bad request body: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 400);
  return r.data;
}

/** The challenges JSON API (see docs/openapi.yaml): reading is public where the page is; writing needs a user. */
export function challengeApiRoutes(env: ChallengeEnv): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const load = (name: string) => loadChallenge(env, name);

  app.get('/api/challenges', async (c) => {
    const rows = await env.ws.store.listChallenges();
    const now = env.now();
    return c.json({ challenges: await Promise.all(rows.map(async (r) => challengeJson(await loadChallengeRow(env, r), now))) });
  });

  // Hosts and admins create challenges with the same validated config as `heldout challenge create` (JSON, or YAML
  // as text/yaml). The hidden labels are the split's own; configs that name files (baselines, a usage CSV) or need a
  // labels file are created on the server with the CLI.
  app.post('/api/challenges', async (c) => {
    const user = requireUser(c);
    const text = await c.req.text();
    if (text.length > 1_000_000) throw new ChallengeError('config: at most 1 MB', 413);
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const created = await createChallengeOverHttp(env, user, text, /yaml/.test(type) ? 'yaml' : 'json');
    return c.json(challengeJson(created, env.now()), 201);
  });

  app.post('/api/challenges/:name/team/leave', async (c) => {
    const ch = await load(c.req.param('name'));
    const { team, deleted } = await leaveTeam(env, ch, requireUser(c));
    return c.json({ left: team.name, teamDeleted: deleted });
  });

  app.get('/api/challenges/:name', async (c) => c.json(challengeJson(await load(c.req.param('name')), env.now())));

  app.get('/api/challenges/:name/leaderboard', async (c) => {
    const ch = await load(c.req.param('name'));
    const q = parseBoardQuery(c);
    const board = await phaseLeaderboard(env, ch, findPhase(ch, q.phase, env.now()), q.split, await viewerOf(env, ch, currentUser(c)));
    if (q.format === 'csv') {
      return c.body(leaderboardCsv(board), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${ch.row.name}-${board.phase}-${board.split}.csv"`,
      });
    }
    return c.json(leaderboardJson(board));
  });

  app.get('/api/challenges/:name/team', async (c) => {
    const ch = await load(c.req.param('name'));
    const user = requireUser(c);
    const team = await env.ws.store.teamOfUser(ch.row.id, user.id);
    if (!team) throw new ChallengeError(`you are not in a team of ${ch.row.name}`, 404);
    return c.json({ name: team.name, inviteCode: team.invite_code, members: await env.ws.store.teamMembers(team.id) });
  });

  app.post('/api/challenges/:name/teams', async (c) => {
    const ch = await load(c.req.param('name'));
    const team = await createTeam(env, ch, requireUser(c), (await jsonBody(c.req, teamBody)).name);
    return c.json({ name: team.name, inviteCode: team.invite_code }, 201);
  });

  app.post('/api/challenges/:name/teams/join', async (c) => {
    const ch = await load(c.req.param('name'));
    const team = await joinTeam(env, ch, requireUser(c), (await jsonBody(c.req, joinBody)).code);
    return c.json({ name: team.name });
  });

  app.get('/api/challenges/:name/submissions', async (c) => {
    const ch = await load(c.req.param('name'));
    const viewer = await viewerOf(env, ch, requireUser(c));
    const phaseName = c.req.query('phase');
    const phase = phaseName === undefined ? undefined : findPhase(ch, phaseName, env.now());
    return c.json({ submissions: await listVisibleSubmissions(env, ch, viewer, phase) });
  });

  app.post('/api/challenges/:name/submissions', async (c) => {
    const ch = await load(c.req.param('name'));
    const user = requireUser(c);
    await teamOfSubmitter(env, ch, user);
    // The file is parsed (on a worker thread) while it streams in; the bytes are kept for the blob store.
    let session: Promise<ParseSession> | undefined;
    let upload: Awaited<ReturnType<typeof readUpload>>;
    try {
      upload = await readUpload(c, ch.config.maxUploadBytes, {
        onChunk: (chunk, name) => {
          session ??= beginParse(env, ch, safeFileName(name));
          void session.then((s) => s.push(chunk), () => {});
        },
      });
    } catch (err) {
      void session?.then((s) => s.abort(), () => {});
      throw err;
    }
    const parsed = session?.then((s) => s.end());
    parsed?.catch(() => {}); // awaited by submitPredictions unless an earlier check refuses the upload
    const r = await submitPredictions(env, ch, {
      user, bytes: upload.bytes, fileName: upload.fileName, ...(parsed ? { parsed } : {}),
      ...(upload.fields.phase ? { phase: upload.fields.phase } : {}), ...(upload.fields.message ? { message: upload.fields.message } : {}),
    });
    const phase = ch.phases.find((p) => p.id === r.submission.phase_id)!;
    return c.json({
      id: r.submission.id, status: r.submission.state, phase: phase.name, duplicate: r.duplicate, charged: r.submission.charged === 1,
      ...(r.submission.duplicate_of !== null ? { duplicateOf: r.submission.duplicate_of } : {}), notes: r.notes,
    }, 202);
  });

  app.get('/api/challenges/:name/submissions/:id', async (c) => {
    const ch = await load(c.req.param('name'));
    const viewer = await viewerOf(env, ch, requireUser(c));
    const id = idParam(c, 'id');
    const { store } = env.ws;
    let sub = await store.findSubmission(id);
    if (!sub || sub.challenge_id !== ch.row.id || !canSee(viewer, sub)) throw new ChallengeError(`no submission ${c.req.param('id')} in ${ch.row.name}`, 404);
    // ?wait=S holds the answer until scoring ends (at most S seconds), so clients need not poll. A duplicate waits
    // for its original. The listener is registered before the state is read again, so an end in between is seen.
    const wait = Math.min(60, Math.max(0, Number(c.req.query('wait') ?? 0) || 0));
    const sourceId = sub.duplicate_of ?? sub.id;
    // Scoring in another process (a queue worker, another server instance) emits nothing here, so the wait also
    // re-reads the state once a second.
    const until = Date.now() + wait * 1000;
    while (wait > 0) {
      const waiting = waitForScoring(env, sourceId, Math.min(1000, until - Date.now()));
      const source = await store.findSubmission(sourceId);
      if (!(source?.state === 'submitted' || source?.state === 'running') || Date.now() >= until) {
        waiting.cancel();
        break;
      }
      await waiting.done;
    }
    if (wait > 0) sub = (await store.findSubmission(id))!;
    return c.json(await submissionView(env, ch, sub, viewer, { perClass: c.req.query('perClass') === '1' }));
  });

  app.put('/api/challenges/:name/selections', async (c) => {
    const ch = await load(c.req.param('name'));
    const viewer = await viewerOf(env, ch, requireUser(c));
    const body = await jsonBody(c.req, selectionBody);
    const phase = findPhase(ch, body.phase, env.now());
    return c.json({ phase: phase.name, selected: await selectFinal(env, ch, viewer, phase, body.ids) });
  });

  app.post('/api/challenges/:name/phases/:phase/close', async (c) => {
    const ch = await load(c.req.param('name'));
    const viewer = await viewerOf(env, ch, requireUser(c));
    if (!viewer.isHost) throw new ChallengeError(`only hosts of ${ch.row.name} close its phases`, 403);
    const phase = await closePhase(env, ch, c.req.param('phase'));
    return c.json({ phase: phase.name, closedAt: phase.closed_at });
  });

  app.get('/api/challenges/:name/phases/:phase/audit', async (c) => {
    const ch = await load(c.req.param('name'));
    const viewer = await viewerOf(env, ch, requireUser(c));
    if (!viewer.isHost) throw new ChallengeError('the audit panel is for the challenge\'s hosts', 403);
    return c.json(await phaseAudit(env, ch, findPhase(ch, c.req.param('phase'), env.now()), viewer));
  });

  return app;
}
