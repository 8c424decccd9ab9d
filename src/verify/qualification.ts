import { seededRng } from '../stats/index.js';
import type { CrowdPracticeImageRow, CrowdQualificationAttemptRow, CrowdWorkerRow, Store } from '../store/store.js';
import { planPracticeGrids, scorePractice, TASK_INSTRUCTIONS, type PracticeClass } from './core/index.js';
import { describeClass } from './describe-class.js';
import type { LoadedProject } from './find-project.js';
import { newPublicId } from './tokens.js';
import { WorkError } from './work-error.js';

/** Where a worker stands with a project's qualification. */
export type QualificationStanding =
  | { readonly kind: 'qualified' }
  | { readonly kind: 'pending'; readonly attemptsLeft: number; readonly open: CrowdQualificationAttemptRow | undefined }
  | { readonly kind: 'failed'; readonly last: CrowdQualificationAttemptRow };

/** One practice grid for the worker's page: like a task, with the attempt instead of an assignment. */
export interface PracticeGridView {
  readonly kind: 'practice';
  readonly attempt: { readonly id: number; readonly number: number; readonly attempts: number; readonly minAccuracy: number };
  readonly grid: { readonly index: number; readonly grids: number };
  readonly task: { readonly wnid: string; readonly question: string; readonly lemmas: readonly string[]; readonly definition: string; readonly instructions: readonly string[] };
  readonly images: ReadonlyArray<{ readonly id: string; readonly url: string }>;
}

export interface QualificationResult {
  readonly passed: boolean;
  readonly correct: number;
  readonly total: number;
  readonly minAccuracy: number;
  readonly attemptsLeft: number;
}

/** No practice needed (none required or passed), or no attempt left. */
export type PracticeOutcome = PracticeGridView | { readonly kind: 'qualified' } | ({ readonly kind: 'failed' } & QualificationResult);

export interface PracticeFeedback {
  readonly grid: { readonly index: number; readonly correct: number; readonly total: number };
  /** The images answered wrongly, with the right answer. */
  readonly mistakes: ReadonlyArray<{ readonly id: string; readonly expected: boolean }>;
  /** Set after the last grid of the attempt. */
  readonly result?: QualificationResult;
}

/** Practice images are served under the same opaque URL shape as task images (work-session.ts `taskImageUrl`). */
export const practiceImageUrl = (publicId: string) => `/crowd/i/${publicId}`;

/** Whether the worker may have real tasks of this project: no qualification, or a passed attempt. */
export async function qualificationStanding(store: Store, { project, settings }: LoadedProject, worker: CrowdWorkerRow): Promise<QualificationStanding> {
  const q = settings.qualification;
  if (!q) return { kind: 'qualified' };
  const attempts = await store.crowdQualificationAttempts(project.id, worker.id);
  if (attempts.some((a) => a.status === 'passed')) return { kind: 'qualified' };
  const open = attempts.find((a) => a.status === 'open');
  const used = attempts.length;
  if (!open && used >= q.attempts) return { kind: 'failed', last: attempts.at(-1)! };
  return { kind: 'pending', attemptsLeft: q.attempts - used + (open ? 1 : 0), open };
}

/**
 * The worker's current practice grid: resumes the open attempt, or starts the next one (seeded by the project seed,
 * the worker and the attempt number) while attempts are left. Practice grids are built from the controls split:
 * for each grid, verified images of one project class (select) and of its most similar class (leave).
 */
export async function nextPractice(store: Store, loaded: LoadedProject, worker: CrowdWorkerRow, now: Date): Promise<PracticeOutcome> {
  if (worker.blocked) throw new WorkError('blocked', 'this worker account is blocked');
  const standing = await qualificationStanding(store, loaded, worker);
  if (standing.kind === 'qualified') return { kind: 'qualified' };
  const q = loaded.settings.qualification!;
  if (standing.kind === 'failed') return { kind: 'failed', ...resultOf(standing.last, 0) };
  let attempt = standing.open;
  if (!attempt) {
    const number = q.attempts - standing.attemptsLeft + 1;
    const grids = planPracticeGrids(await practiceClasses(store, loaded), q, seededRng(((loaded.settings.seed * 7919 + worker.id * 104_729 + number) % 4_294_967_294) + 1));
    if (grids.length === 0) throw new WorkError('not-found', 'this project has no practice images (its controls split has none for its classes)');
    try {
      attempt = await store.startCrowdQualification({
        projectId: loaded.project.id, workerId: worker.id, attempt: number, minAccuracy: q.minAccuracy, now,
        images: grids.flatMap((g, grid) => g.images.map((img, position) => ({ grid, position, wnid: g.wnid, publicId: newPublicId(), itemId: img.itemId, imageSha256: img.sha256, expected: img.expected }))),
      });
    } catch {
      // Another tab started this attempt first (unique key): resume theirs.
      attempt = (await store.crowdQualificationAttempts(loaded.project.id, worker.id)).find((a) => a.status === 'open');
      if (!attempt) throw new WorkError('bad-request', 'could not start a practice attempt; reload the page');
    }
  }
  const images = await store.crowdPracticeImages(attempt.id);
  const grids = new Set(images.map((i) => i.grid)).size;
  const current = images.find((i) => i.answer === null)!.grid;
  const shown = images.filter((i) => i.grid === current);
  const cls = describeClass(shown[0]!.wnid);
  return {
    kind: 'practice',
    attempt: { id: attempt.id, number: attempt.attempt, attempts: q.attempts, minAccuracy: attempt.min_accuracy },
    grid: { index: current, grids },
    task: { wnid: cls.wnid, question: cls.question, lemmas: cls.lemmas, definition: cls.definition, instructions: TASK_INSTRUCTIONS },
    images: shown.map((i) => ({ id: i.public_id, url: practiceImageUrl(i.public_id) })),
  };
}

/**
 * Checks one practice grid: feedback on every mistake, and after the last grid the attempt's result (passed when the
 * share of right answers over all its grids reaches the threshold). Writes nothing on a refusal; never a vote.
 */
export async function answerPractice(store: Store, loaded: LoadedProject, worker: CrowdWorkerRow, body: { attempt: number; grid: number; selected: readonly string[] }, now: Date): Promise<PracticeFeedback> {
  if (worker.blocked) throw new WorkError('blocked', 'this worker account is blocked');
  if (new Set(body.selected).size !== body.selected.length) throw new WorkError('bad-request', 'selected lists an image twice');
  const attempt = (await store.crowdQualificationAttempts(loaded.project.id, worker.id)).find((a) => a.id === body.attempt);
  if (!attempt) throw new WorkError('not-found', `you have no practice attempt ${body.attempt} in this project`);
  if (attempt.status !== 'open') throw new WorkError('already-submitted', `this practice attempt has ended (${attempt.status})`);
  const images = await store.crowdPracticeImages(attempt.id);
  const current = images.find((i) => i.answer === null)?.grid;
  if (body.grid !== current) throw new WorkError(body.grid < (current ?? Infinity) ? 'already-submitted' : 'bad-request', `practice grid ${body.grid} is not the one to answer now (${current})`);
  const shown = images.filter((i) => i.grid === current);
  const byPublic = new Map(shown.map((i) => [i.public_id, i]));
  const unknown = body.selected.filter((p) => !byPublic.has(p));
  if (unknown.length > 0) throw new WorkError('unknown-images', `not images of this practice grid: ${unknown.slice(0, 5).join(', ')}`);
  const chosen = new Set(body.selected);
  const judged = shown.map((i) => ({ img: i, expected: i.expected === 1, selected: chosen.has(i.public_id) }));
  const score = scorePractice(judged);
  const last = !images.some((i) => i.answer === null && i.grid !== current);
  let finish: { status: 'passed' | 'failed'; correct: number; total: number } | undefined;
  if (last) {
    const before = scorePractice(images.filter((i) => i.answer !== null).map(asJudged));
    const correct = before.correct + score.correct;
    const total = before.total + score.total;
    finish = { status: correct >= attempt.min_accuracy * total - 1e-9 ? 'passed' : 'failed', correct, total };
  }
  const ok = await store.answerCrowdPracticeGrid({ attemptId: attempt.id, grid: current, selectedIds: judged.filter((j) => j.selected).map((j) => j.img.id), now, ...(finish ? { finish } : {}) });
  if (!ok) throw new WorkError('already-submitted', 'this practice grid was already answered');
  const q = loaded.settings.qualification;
  return {
    grid: { index: current, ...score },
    mistakes: judged.filter((j) => j.expected !== j.selected).map((j) => ({ id: j.img.public_id, expected: j.expected })),
    ...(finish ? { result: resultOf({ ...attempt, ...finish }, Math.max(0, (q?.attempts ?? attempt.attempt) - attempt.attempt)) } : {}),
  };
}

/** The controls split's verified images per project class, and its most similar class's as negatives. */
async function practiceClasses(store: Store, { project }: LoadedProject): Promise<PracticeClass[]> {
  if (project.controls_split_id === null) return [];
  const byClass = new Map<string, Array<{ itemId: number; sha256: string }>>();
  for (const it of await store.listItems(project.controls_split_id)) {
    if (!it.wnid) continue;
    (byClass.get(it.wnid) ?? byClass.set(it.wnid, []).get(it.wnid)!).push({ itemId: it.id, sha256: it.image_sha256 });
  }
  return (await store.crowdProjectClasses(project.id)).map((c) => ({
    wnid: c.wnid, positives: byClass.get(c.wnid) ?? [], negatives: c.negative_wnid ? byClass.get(c.negative_wnid) ?? [] : [],
  }));
}

const asJudged = (i: CrowdPracticeImageRow) => ({ expected: i.expected === 1, selected: i.answer === 1 });

function resultOf(a: Pick<CrowdQualificationAttemptRow, 'status' | 'correct' | 'total' | 'min_accuracy'>, attemptsLeft: number): QualificationResult {
  return { passed: a.status === 'passed', correct: a.correct, total: a.total, minAccuracy: a.min_accuracy, attemptsLeft };
}
