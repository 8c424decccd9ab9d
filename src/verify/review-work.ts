import { UserError } from '../errors.js';
import type { CrowdWorkerRow, Store } from '../store/store.js';
import type { LoadedProject } from './find-project.js';
import { loadProjectVotes } from './project-votes.js';
import { assignmentControlScores, workerReport } from './worker-report.js';

export type ReviewDecision = 'approved' | 'rejected';

export interface ReviewSummary {
  readonly approved: number;
  readonly rejected: number;
  readonly blocked: readonly string[];
}

/** Approves or rejects assignments by id (submitted work only; a decision may be reversed later). */
export async function reviewAssignmentIds(store: Store, ids: readonly number[], decision: ReviewDecision, feedback: string | null, now: Date): Promise<number> {
  return store.reviewCrowdAssignments(ids, decision, feedback, now);
}

/** Approves or rejects all handed-in work of one worker in a project. */
export async function reviewWorker(store: Store, { project }: LoadedProject, worker: CrowdWorkerRow, decision: ReviewDecision, feedback: string | null, now: Date): Promise<number> {
  const ids = (await store.crowdAssignments(project.id, { workerId: worker.id })).map((a) => a.id);
  return store.reviewCrowdAssignments(ids, decision, feedback, now);
}

export async function setBlocked(store: Store, worker: CrowdWorkerRow, blocked: boolean): Promise<void> {
  await store.setCrowdWorkerBlocked(worker.id, blocked);
}

export interface ThresholdReview {
  /** Reject below this control accuracy (0…1). */
  readonly minAccuracy: number;
  /** `worker`: judge each worker on all their controls; `assignment`: judge each assignment on its own controls. */
  readonly per: 'worker' | 'assignment';
  /** Judge only owners with at least this many controls (default 6: one ImageNetV2 grid). */
  readonly minControls?: number;
  /** Also block workers judged below the threshold (per worker only). */
  readonly block?: boolean;
  /** Approve the submitted work that passes (work rejected earlier stays rejected). */
  readonly approveRest?: boolean;
  readonly now: Date;
}

/**
 * Rejects work by control accuracy (ImageNetV2 only monitored it; rejecting is the usual next step, done before an
 * external panel's auto-approval). One transaction; rejected work drops out of every frequency on recomputation.
 */
export async function reviewByThreshold(store: Store, loaded: LoadedProject, o: ThresholdReview): Promise<ReviewSummary> {
  if (!(o.minAccuracy >= 0 && o.minAccuracy <= 1)) throw new UserError(`--min-accuracy must be between 0 and 1, got ${o.minAccuracy}`);
  const minControls = o.minControls ?? 6;
  const v = await loadProjectVotes(store, loaded.project.id);
  const handedIn = v.assignments.filter((a) => a.status === 'submitted' || a.status === 'approved' || a.status === 'rejected');
  let failing: Set<number>;
  const blocked: string[] = [];
  if (o.per === 'assignment') {
    const scores = assignmentControlScores(v);
    failing = new Set(v.assignments.filter((_, k) => scores[k]!.total >= minControls && scores[k]!.accuracy < o.minAccuracy).map((a) => a.id));
  } else {
    const bad = (await workerReport(store, loaded)).filter((w) => w.controls.total >= minControls && w.controls.accuracy < o.minAccuracy);
    const badIds = new Set(bad.map((w) => w.id));
    failing = new Set(handedIn.filter((a) => badIds.has(a.worker_id)).map((a) => a.id));
    if (o.block) blocked.push(...bad.map((w) => w.name));
  }
  const feedback = `control accuracy below ${o.minAccuracy}`;
  return store.transaction(async (tx) => {
    const rejected = await tx.reviewCrowdAssignments([...failing], 'rejected', feedback, o.now);
    const approved = o.approveRest ? await tx.reviewCrowdAssignments(handedIn.filter((a) => !failing.has(a.id) && a.status === 'submitted').map((a) => a.id), 'approved', null, o.now) : 0;
    for (const name of blocked) {
      const w = await tx.findCrowdWorker({ name });
      if (w) await tx.setCrowdWorkerBlocked(w.id, true);
    }
    return { approved, rejected, blocked };
  });
}
