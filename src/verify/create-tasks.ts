import { UserError } from '../errors.js';
import { seededRng } from '../stats/index.js';
import type { ItemRow, NewCrowdTask, Store } from '../store/store.js';
import { buildGridTasks, candidatesNeedingTasks, openSlots } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { newPublicId } from './tokens.js';

export interface CreateTasksOptions {
  /** Only these classes (default: all of the project's). */
  readonly classes?: readonly string[];
  /** Shuffle seed (default: the project's seed + the number of tasks so far, so reruns are reproducible). */
  readonly seed?: number;
  /** Use only the first n pool items of each class (by position), e.g. a small demo project. */
  readonly limitPerClass?: number;
  readonly now: Date;
}

export interface ClassTaskSummary {
  readonly wnid: string;
  readonly tasks: number;
  /** Candidates placed in the new tasks. */
  readonly candidates: number;
  /** Candidates already covered by existing tasks (valid assignments + open slots ≥ assignments per task). */
  readonly covered: number;
  readonly missingPositives: number;
  readonly missingNegatives: number;
}

/**
 * Creates grid tasks for every candidate of the pool that is not yet covered: a candidate counts as covered when its
 * valid assignments plus the open slots of tasks holding it reach the project's assignments per task, so rerunning
 * after rejections only tops up what was lost. Controls come from the project's controls split. One transaction.
 */
export async function createTasks(store: Store, { project, settings }: LoadedProject, o: CreateTasksOptions): Promise<ClassTaskSummary[]> {
  const projectClasses = await store.crowdProjectClasses(project.id);
  const byWnid = new Map(projectClasses.map((c) => [c.wnid, c]));
  const wanted = o.classes ? [...new Set(o.classes)] : projectClasses.map((c) => c.wnid);
  const missing = wanted.filter((w) => !byWnid.has(w));
  if (missing.length > 0) throw new UserError(`classes not in project ${project.name}: ${missing.join(', ')}`);

  const slots = await store.crowdTaskSlots(project.id, o.now);
  const coverageOfTask = new Map(slots.map((s) => [s.taskId, s.valid + openSlots(s)]));
  const coverage = new Map<number, number>();
  for (const img of await store.crowdTaskImages(project.id)) {
    if (img.role !== 'candidate' || img.item_id === null) continue;
    coverage.set(img.item_id, (coverage.get(img.item_id) ?? 0) + (coverageOfTask.get(img.task_id) ?? 0));
  }
  const rng = seededRng(o.seed ?? settings.seed + slots.length);
  const pool = await itemsByClass(store, project.pool_split_id);
  const controls = project.controls_split_id === null ? new Map<string, ItemRow[]>() : await itemsByClass(store, project.controls_split_id);
  const itemById = new Map<number, ItemRow>([...pool.values(), ...controls.values()].flat().map((i) => [i.id, i]));

  const summaries: ClassTaskSummary[] = [];
  const tasks: NewCrowdTask[] = [];
  for (const wnid of wanted) {
    const cls = byWnid.get(wnid)!;
    const candidates = (pool.get(wnid) ?? []).slice(0, o.limitPerClass ?? Infinity).map((i) => i.id);
    const needed = candidatesNeedingTasks(candidates, coverage, settings.assignmentsPerTask);
    const plan = buildGridTasks({
      wnid, candidates: needed, composition: settings.composition, rng,
      positives: (controls.get(wnid) ?? []).map((i) => i.id),
      negatives: cls.negative_wnid ? (controls.get(cls.negative_wnid) ?? []).map((i) => i.id) : [],
    });
    for (const t of plan.tasks) {
      tasks.push({
        wnid, kind: 'grid', maxAssignments: settings.assignmentsPerTask,
        images: t.images.map(({ key, role }) => {
          const item = itemById.get(key)!;
          return { publicId: newPublicId(), role, itemId: item.id, imageSha256: item.image_sha256, imageKey: item.image_sha256 };
        }),
      });
    }
    summaries.push({
      wnid, tasks: plan.tasks.length, candidates: needed.length, covered: candidates.length - needed.length,
      missingPositives: plan.missingPositives, missingNegatives: plan.missingNegatives,
    });
  }
  await store.addCrowdTasks(project.id, tasks, o.now);
  return summaries;
}

async function itemsByClass(store: Store, splitId: number): Promise<Map<string, ItemRow[]>> {
  const out = new Map<string, ItemRow[]>();
  for (const item of await store.listItems(splitId)) {
    let list = out.get(item.wnid);
    if (!list) out.set(item.wnid, (list = []));
    list.push(item);
  }
  return out;
}
