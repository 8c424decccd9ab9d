/**
 * Scheduling rule (ImageNetV2: "candidates stop being posted once they have ≥ 10 assignments"). Every image of a task
 * is shown to every assignment of it, so capping a task at N valid assignments caps each of its candidates; a
 * candidate needs a new task only when its valid assignments plus the open slots of tasks that hold it fall short.
 */

/** How a task's assignments stand, for {@link isTaskOpen}. */
export interface TaskSlots {
  readonly maxAssignments: number;
  /** Submitted or approved (rejected ones free their slot again). */
  readonly valid: number;
  /** Accepted and not yet expired. */
  readonly leased: number;
}

/** Whether a worker may still be given this task. */
export function isTaskOpen(t: TaskSlots): boolean {
  return t.valid + t.leased < t.maxAssignments;
}

/** Slots a task can still fill (never negative). */
export function openSlots(t: TaskSlots): number {
  return Math.max(0, t.maxAssignments - t.valid - t.leased);
}

/**
 * Candidates that must go into new tasks: those whose coverage (valid assignments + open slots of their current
 * tasks) is below `target`. Order is kept.
 */
export function candidatesNeedingTasks<K>(candidates: readonly K[], coverage: ReadonlyMap<K, number>, target: number): K[] {
  return candidates.filter((k) => (coverage.get(k) ?? 0) < target);
}
