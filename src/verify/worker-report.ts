import { binomialInterval, type Interval } from '../stats/index.js';
import type { CrowdWorkerRow, Store } from '../store/store.js';
import { controlAccuracy, type ControlScore } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { expandJudgments, loadProjectVotes, type ProjectVotes } from './project-votes.js';

/** Statuses of work a worker handed in (reviewed or not): what control accuracy is computed over. */
const HANDED_IN: ReadonlySet<string> = new Set(['submitted', 'approved', 'rejected']);

export interface WorkerRow {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
  readonly simulated: boolean;
  readonly blocked: boolean;
  readonly assignments: Readonly<Record<'accepted' | 'submitted' | 'approved' | 'rejected' | 'abandoned', number>>;
  /** Median time on task of handed-in work, seconds. */
  readonly medianSeconds: number | null;
  /** Accuracy on controls with its n (`total`) and a 95% Wilson interval. */
  readonly controls: ControlScore & { readonly interval: Interval | null };
}

/** Per-worker table over one project, or over every project when `loaded` is undefined. */
export async function workerReport(store: Store, loaded?: LoadedProject): Promise<WorkerRow[]> {
  const projects = loaded ? [loaded.project] : await store.listCrowdProjects();
  const workers = await store.listCrowdWorkers();
  const index = new Map(workers.map((w, i) => [w.id, i]));
  const status = workers.map(() => ({ accepted: 0, submitted: 0, approved: 0, rejected: 0, abandoned: 0 }));
  const durations: number[][] = workers.map(() => []);
  const owner: number[] = [];
  const role: number[] = [];
  const selected: number[] = [];
  const seen = new Set<number>();
  for (const p of projects) {
    const v = await loadProjectVotes(store, p.id);
    addJudgments(v, index, owner, role, selected);
    for (const a of v.assignments) {
      const w = index.get(a.worker_id)!;
      seen.add(w);
      const s = status[w]! as Record<string, number>;
      s[a.status] = (s[a.status] ?? 0) + 1;
      if (HANDED_IN.has(a.status) && a.duration_ms !== null) durations[w]!.push(a.duration_ms / 1000);
    }
  }
  const scores = controlAccuracy({ owners: workers.length, owner: Int32Array.from(owner), role: Uint8Array.from(role), selected: Uint8Array.from(selected) });
  return workers.flatMap((w: CrowdWorkerRow, i) => {
    if (loaded && !seen.has(i)) return [];
    const c = scores[i]!;
    return [{
      id: w.id, name: w.name, kind: w.kind, simulated: w.simulated === 1, blocked: w.blocked === 1,
      assignments: status[i]!, medianSeconds: median(durations[i]!),
      controls: { ...c, interval: c.total > 0 ? binomialInterval(c.correct, c.total, { method: 'wilson' }) : null },
    }];
  });
}

/** Control accuracy of each handed-in assignment of a project (for per-assignment review). */
export function assignmentControlScores(v: ProjectVotes): ControlScore[] {
  const j = expandJudgments(v, (k) => HANDED_IN.has(v.assignments[k]!.status));
  const role = new Uint8Array(j.taskImage.length);
  for (let o = 0; o < role.length; o++) role[o] = v.taskImageRole[j.taskImage[o]!]!;
  return controlAccuracy({ owners: v.assignments.length, owner: j.assignment, role, selected: j.selected });
}

function addJudgments(v: ProjectVotes, index: Map<number, number>, owner: number[], role: number[], selected: number[]): void {
  const j = expandJudgments(v, (k) => HANDED_IN.has(v.assignments[k]!.status));
  for (let o = 0; o < j.assignment.length; o++) {
    owner.push(index.get(v.assignments[j.assignment[o]!]!.worker_id)!);
    role.push(v.taskImageRole[j.taskImage[o]!]!);
    selected.push(j.selected[o]!);
  }
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
