import type { CrowdSubmitOutcome, CrowdWorkerRow, Store } from '../store/store.js';
import { TASK_INSTRUCTIONS } from './core/index.js';
import { describeClass } from './describe-class.js';
import type { LoadedProject } from './find-project.js';
import { WorkError } from './work-error.js';
import { qualificationStanding } from './qualification.js';

/** What a worker's page gets for one task: never an image hash, never a role. */
export interface WorkerTask {
  readonly kind: 'task';
  readonly assignment: { readonly id: number; readonly leaseExpiresAt: string | null; readonly resumed: boolean };
  readonly task: {
    readonly id: number; readonly wnid: string; readonly question: string; readonly lemmas: readonly string[];
    readonly definition: string; readonly instructions: readonly string[];
  };
  readonly images: ReadonlyArray<{ readonly id: string; readonly url: string }>;
  /** Panel workers: tasks handed in during this session (what the completion code waits for). */
  readonly submitted?: number;
}

/** No task for now: none open, or a panel session is complete (with its completion code / redirect). */
export interface WorkerDone {
  readonly kind: 'done';
  readonly reason: 'no-tasks' | 'session-complete';
  readonly submitted: number;
  readonly completionCode?: string;
  readonly redirectUrl?: string;
}

/** The project asks for practice first: `required` (go to the practice API) or `failed` (no attempt left). */
export interface WorkerQualify {
  readonly kind: 'qualification';
  readonly state: 'required' | 'failed';
}

export interface PanelSession {
  readonly study: string | null;
  readonly session: string | null;
}

/** URL of a task image for workers: the opaque per-task id only. */
export const taskImageUrl = (publicId: string) => `/crowd/i/${publicId}`;

/** Leases the worker's next task (or resumes the one they hold), or says why there is none. */
export async function nextTask(store: Store, { project, settings }: LoadedProject, worker: CrowdWorkerRow, o: { now: Date; panel?: PanelSession }): Promise<WorkerTask | WorkerDone | WorkerQualify> {
  if (worker.blocked) throw new WorkError('blocked', 'this worker account is blocked');
  // A worker who has not passed the practice gets no real task (and so can submit none).
  if (settings.qualification) {
    const standing = await qualificationStanding(store, { project, settings }, worker);
    if (standing.kind !== 'qualified') return { kind: 'qualification', state: standing.kind === 'failed' ? 'failed' : 'required' };
  }
  const panel = worker.kind === 'panel';
  const session = panel ? o.panel?.session ?? null : null;
  // Only panel sessions need the count (for the completion code); the page counts for everyone else.
  const submitted = panel ? await store.countCrowdHandedIn(project.id, worker.id, session) : 0;
  if (panel && submitted >= settings.panel.tasksPerSession) return done(settings, 'session-complete', submitted, true);
  const claim = await store.claimCrowdTask({
    projectId: project.id, workerId: worker.id, now: o.now, leaseMs: settings.leaseSeconds * 1000,
    panelStudy: o.panel?.study ?? null, panelSession: session,
  });
  if (!claim) return done(settings, 'no-tasks', submitted, panel && submitted > 0);
  const images = await store.crowdTaskPublicIds(claim.task.id);
  const cls = describeClass(claim.task.wnid);
  return {
    kind: 'task',
    assignment: { id: claim.assignment.id, leaseExpiresAt: claim.assignment.lease_expires_at, resumed: claim.resumed },
    task: { id: claim.task.id, wnid: cls.wnid, question: cls.question, lemmas: cls.lemmas, definition: cls.definition, instructions: TASK_INSTRUCTIONS },
    images: images.map((id) => ({ id, url: taskImageUrl(id) })),
    ...(panel ? { submitted } : {}),
  };
}

/** Records a worker's selections for an assignment they hold; throws a {@link WorkError} (nothing written) otherwise. */
export async function submitWork(store: Store, worker: CrowdWorkerRow, assignmentId: number, body: { selected: readonly string[]; durationMs: number | null }, now: Date): Promise<{ assignmentId: number; selected: number }> {
  if (new Set(body.selected).size !== body.selected.length) throw new WorkError('bad-request', 'selected lists an image twice');
  const outcome = await store.submitCrowdAssignment({ assignmentId, workerId: worker.id, workerBlocked: worker.blocked === 1, selected: body.selected, durationMs: body.durationMs, now });
  if (outcome.kind === 'submitted') return { assignmentId, selected: body.selected.length };
  throw refusal(outcome);
}

/** Hands a lease back so another worker can take the task. */
export async function returnWork(store: Store, worker: CrowdWorkerRow, assignmentId: number): Promise<void> {
  if (!(await store.returnCrowdAssignment(assignmentId, worker.id))) throw new WorkError('not-found', `you hold no open assignment ${assignmentId}`);
}

function refusal(o: Exclude<CrowdSubmitOutcome, { kind: 'submitted' }>): WorkError {
  switch (o.kind) {
    case 'not-found': return new WorkError('not-found', 'no such assignment');
    case 'not-yours': return new WorkError('not-yours', 'this assignment belongs to another worker');
    case 'blocked': return new WorkError('blocked', 'this worker account is blocked');
    case 'expired': return new WorkError('expired', 'the lease on this assignment has expired; the task went back to the pool');
    case 'already-submitted': return new WorkError('already-submitted', `this assignment was already submitted (status ${o.status})`);
    case 'unknown-images': return new WorkError('unknown-images', `not images of this task: ${o.ids.slice(0, 5).join(', ')}${o.ids.length > 5 ? ', …' : ''}`);
  }
}

function done(settings: LoadedProject['settings'], reason: WorkerDone['reason'], submitted: number, complete: boolean): WorkerDone {
  const code = complete ? settings.panel.completionCode : undefined;
  const redirect = complete && settings.panel.redirectUrl ? settings.panel.redirectUrl.replace('{code}', encodeURIComponent(code ?? '')) : undefined;
  return { kind: 'done', reason, submitted, ...(code ? { completionCode: code } : {}), ...(redirect ? { redirectUrl: redirect } : {}) };
}
