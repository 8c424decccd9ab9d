import type { PhaseRow } from '../store/areas/challenge-tables.js';
import { UserError } from '../errors.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { encodeLabels, labelsFromFile, labelsOfItems } from './challenge-labels.js';
import { challengeImages, loadChallenge, type LoadedChallenge } from './load-challenge.js';
import { replayLadders, type LadderReplay } from './ladder-replay.js';
import { computeScores, scoreRows } from './score-submission.js';

/**
 * Closes a phase: no more submissions, and its private leaderboard becomes visible to everyone. Without a name,
 * closes the one phase that has started and is not closed yet (it is an error when that is ambiguous).
 */
export async function closePhase(env: ChallengeEnv, c: LoadedChallenge, phaseName?: string): Promise<PhaseRow> {
  const now = env.now();
  let phase: PhaseRow | undefined;
  if (phaseName !== undefined) {
    phase = c.phases.find((p) => p.name === phaseName);
    if (!phase) throw new ChallengeError(`challenge ${c.row.name} has no phase "${phaseName.slice(0, 80)}"`, 404);
  } else {
    const candidates = c.phases.filter((p) => p.closed_at === null && Date.parse(p.starts_at) <= now.getTime());
    if (candidates.length !== 1) {
      throw new ChallengeError(candidates.length === 0 ? `challenge ${c.row.name} has no started phase left to close` : `several phases could be closed (${candidates.map((p) => p.name).join(', ')}); name one with --phase`, 409);
    }
    phase = candidates[0]!;
  }
  if (phase.closed_at !== null) throw new ChallengeError(`phase ${phase.name} was already closed at ${phase.closed_at}`, 409);
  await env.ws.store.closePhase(phase.id, now);
  return (await env.ws.store.findPhase(phase.id))!;
}

/**
 * Rescores every finished submission of a challenge after a label fix: the fixed labels (a file, or the split's
 * current labels) become a new label-set revision, each submission gets new score rows at that revision, and the
 * old rows stay for provenance. Without a file the split's own labels are used (after a fix in the dataset). Then the
 * Ladder of every Ladder-mode phase is replayed in submission order under the new revision (`replayLadders`).
 */
export async function rescoreChallenge(env: ChallengeEnv, name: string, labelsFile?: string): Promise<{ revision: number; rescored: number; failed: number; ladders: LadderReplay[] }> {
  const { store, blobs } = env.ws;
  const c = await loadChallenge(env, name);
  const { imageIds, classes } = await challengeImages(env, c);
  const labels = labelsFile
    ? await labelsFromFile(labelsFile, classes, c.config.labelSpace, imageIds)
    : labelsOfItems(await store.listItems(c.row.split_id), classes);
  const encoded = encodeLabels(labels);
  const current = await store.labelSet(c.row.id, c.row.revision);
  if (current?.label_hash === encoded.hash) throw new UserError(`the labels are unchanged (label set ${encoded.hash.slice(0, 12)}…); nothing to rescore`);
  const revision = c.row.revision + 1;
  const now = env.now();
  const put = await blobs.put(encoded.bytes);
  const subs = await store.listSubmissions({ challengeId: c.row.id, states: ['finished'] });
  const fresh = { ...c, row: { ...c.row, revision } };
  try {
    await store.addLabelSet({ challenge_id: c.row.id, revision, label_hash: encoded.hash, n: labels.length, source: labelsFile ? labelsFile.split(/[\\/]/).pop()! : 'dataset', created_at: now.toISOString() });
  } catch (err) {
    if (put.created) await blobs.delete(encoded.hash);
    throw err;
  }
  let rescored = 0;
  let failed = 0;
  for (const sub of subs) {
    if (sub.duplicate_of !== null) continue;
    const phase = c.phases.find((p) => p.id === sub.phase_id)!;
    try {
      const scores = await computeScores(env, fresh, phase, sub, revision);
      await store.insertScores(scoreRows(fresh, sub, scores.labelHash, scores.splits, revision, now));
      rescored++;
    } catch {
      failed++;
    }
  }
  const ladders = await replayLadders(env, fresh, revision, now);
  return { revision, rescored, failed, ladders };
}
