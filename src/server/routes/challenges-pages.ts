import { Hono, type Context } from 'hono';
import type { ChallengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { closePhase } from '../../challenges/host-actions.js';
import { phaseLeaderboard } from '../../challenges/leaderboard.js';
import { findPhase, loadChallenge, loadChallengeRow } from '../../challenges/load-challenge.js';
import { phaseAudit } from '../../challenges/phase-audit.js';
import { listVisibleSubmissions, selectFinal, submissionView } from '../../challenges/submission-view.js';
import { createTeam, joinTeam } from '../../challenges/teams.js';
import { viewerOf } from '../../challenges/viewer.js';
import { currentUser, requireUser, type AuthEnv } from '../middleware/authenticate.js';
import { adminPage } from '../views/challenge-admin.js';
import { leaderboardPage } from '../views/challenge-leaderboard.js';
import { challengeListPage } from '../views/challenge-list.js';
import { challengePage } from '../views/challenge-page.js';
import { submissionPage, submissionsPage } from '../views/challenge-submissions.js';
import { teamPage } from '../views/challenge-team.js';
import { idParam, pageUser, parseBoardQuery } from './challenges-shared.js';

/** The challenge pages: list, challenge (rules + submit form), leaderboard, team, submissions, host admin. */
export function challengePageRoutes(env: ChallengeEnv): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const load = (c: Context) => loadChallenge(env, c.req.param('name') ?? '');
  const signIn = (c: Context<AuthEnv>) => c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  const form = async (c: Context) => c.req.parseBody({ all: true });

  app.get('/challenges', async (c) => {
    const rows = await env.ws.store.listChallenges();
    return c.html(challengeListPage(pageUser(c), await Promise.all(rows.map((r) => loadChallengeRow(env, r))), env.now()));
  });

  app.get('/challenges/:name', async (c) => {
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, currentUser(c));
    const team = viewer.teamId !== undefined ? await env.ws.store.findTeam({ id: viewer.teamId }) : undefined;
    return c.html(challengePage(ch, { ...pageUser(c), isHost: viewer.isHost, ...(team ? { team } : {}) }, env.now()));
  });

  app.get('/challenges/:name/leaderboard', async (c) => {
    const ch = await load(c);
    const q = parseBoardQuery(c);
    const viewer = await viewerOf(env, ch, currentUser(c));
    const phase = findPhase(ch, q.phase, env.now());
    const board = await phaseLeaderboard(env, ch, phase, q.split, viewer);
    return c.html(leaderboardPage(ch, board, pageUser(c), phase.closed_at !== null || viewer.isHost));
  });

  const renderTeam = async (c: Context<AuthEnv>, message?: { kind: 'error' | 'ok'; text: string }, status: 200 | 201 | 400 | 403 | 404 | 409 = 200) => {
    const ch = await load(c);
    const user = currentUser(c);
    const team = user ? await env.ws.store.teamOfUser(ch.row.id, user.id) : undefined;
    const members = team ? await env.ws.store.teamMembers(team.id) : [];
    return c.html(teamPage(ch, pageUser(c), team, members, message), status);
  };
  // Team actions re-render the page with the error in place, so a wrong invite code is explained, not a dead end.
  const teamAction = (act: (ch: Awaited<ReturnType<typeof load>>, c: Context<AuthEnv>) => Promise<string>) => async (c: Context<AuthEnv>) => {
    if (c.get('auth').kind === 'anonymous') return signIn(c);
    const ch = await load(c);
    try {
      const text = await act(ch, c);
      return renderTeam(c, { kind: 'ok', text }, 201);
    } catch (err) {
      if (err instanceof ChallengeError) return renderTeam(c, { kind: 'error', text: err.message }, err.status as 400 | 403 | 404 | 409);
      throw err;
    }
  };
  app.get('/challenges/:name/team', (c) => renderTeam(c));
  app.post('/challenges/:name/team', teamAction(async (ch, c) => {
    const f = await form(c);
    const team = await createTeam(env, ch, requireUser(c), typeof f.name === 'string' ? f.name : '');
    return `Team ${team.name} created.`;
  }));
  app.post('/challenges/:name/team/join', teamAction(async (ch, c) => {
    const f = await form(c);
    const team = await joinTeam(env, ch, requireUser(c), typeof f.code === 'string' ? f.code : '');
    return `You joined team ${team.name}.`;
  }));

  app.get('/challenges/:name/submissions', async (c) => {
    if (c.get('auth').kind === 'anonymous') return signIn(c);
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, requireUser(c));
    const subs = await listVisibleSubmissions(env, ch, viewer);
    return c.html(submissionsPage(ch, pageUser(c), subs, viewer.teamId !== undefined && ch.phases.some((p) => p.closed_at === null)));
  });

  app.get('/challenges/:name/submissions/:id', async (c) => {
    if (c.get('auth').kind === 'anonymous') return signIn(c);
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, requireUser(c));
    const sub = await env.ws.store.findSubmission(idParam(c, 'id'));
    if (!sub || sub.challenge_id !== ch.row.id) throw new ChallengeError(`no submission ${c.req.param('id')} in ${ch.row.name}`, 404);
    return c.html(submissionPage(ch, pageUser(c), await submissionView(env, ch, sub, viewer, { perClass: true })));
  });

  app.post('/challenges/:name/selections', async (c) => {
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, requireUser(c));
    const f = await form(c);
    const ids = [f.ids ?? []].flat().map((x) => Number(x)).filter((x) => Number.isInteger(x) && x > 0);
    const own = viewer.teamId === undefined ? [] : await env.ws.store.listSubmissions({ challengeId: ch.row.id, teamId: viewer.teamId });
    // One form covers every phase: each open phase gets the ticked submissions that belong to it.
    for (const phase of ch.phases.filter((p) => p.closed_at === null)) {
      await selectFinal(env, ch, viewer, phase, ids.filter((id) => own.some((s) => s.id === id && s.phase_id === phase.id)));
    }
    return c.redirect(`/challenges/${ch.row.name}/submissions`, 303);
  });

  const renderAdmin = async (c: Context<AuthEnv>, message?: string) => {
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, requireUser(c));
    if (!viewer.isHost) throw new ChallengeError(`only hosts of ${ch.row.name} see its admin page`, 403);
    const audits = await Promise.all(ch.phases.filter((p) => p.closed_at !== null).map((p) => phaseAudit(env, ch, p, viewer)));
    return c.html(adminPage(ch, pageUser(c), audits, message));
  };
  app.get('/challenges/:name/admin', async (c) => (c.get('auth').kind === 'anonymous' ? signIn(c) : renderAdmin(c)));
  app.post('/challenges/:name/admin/close', async (c) => {
    const ch = await load(c);
    const viewer = await viewerOf(env, ch, requireUser(c));
    if (!viewer.isHost) throw new ChallengeError(`only hosts of ${ch.row.name} close its phases`, 403);
    const f = await form(c);
    const phase = await closePhase(env, ch, typeof f.phase === 'string' ? f.phase : undefined);
    return renderAdmin(c, `Phase ${phase.name} closed; its private leaderboard is now public.`);
  });

  return app;
}
