import { UserError } from '../errors.js';
import { seededRng } from '../stats/index.js';
import type { NewCrowdTask, Store } from '../store/store.js';
import { CONTROL_TOP_UP_GRID, openSlots, planControlTopUp, REFERENCE_TARGET } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { newPublicId } from './tokens.js';

export interface TopUpOptions {
  readonly classes?: readonly string[];
  /** Reference images per class that need `annotations` each (default 20 and 10, MatchedFrequency's requirement). */
  readonly references?: number;
  readonly annotations?: number;
  readonly seed?: number;
  readonly now: Date;
}

export interface ClassTopUp {
  readonly wnid: string;
  /** Verified images of the class in the controls split. */
  readonly references: number;
  /** Of those, already covered (valid annotations + open slots ≥ the target) before this run. */
  readonly covered: number;
  readonly toppedUp: number;
  readonly tasks: number;
  /** References still missing for lack of verified images. */
  readonly shortfall: number;
}

/**
 * Creates "special" control top-up tasks (kind `top-up`, 16 + 16 + 16 as ImageNetV2's) so every class has ≥ 20
 * reference images (its verified images in the controls split) with ≥ 10 annotations. A reference's coverage counts
 * valid annotations plus open slots of tasks that already show it, so reruns add only what is missing. One transaction.
 */
export async function topUpControls(store: Store, { project, settings }: LoadedProject, o: TopUpOptions): Promise<ClassTopUp[]> {
  if (project.controls_split_id === null) throw new UserError(`project ${project.name} has no controls split (create it with --controls-from)`);
  const target = { references: o.references ?? REFERENCE_TARGET.references, annotations: o.annotations ?? REFERENCE_TARGET.annotations };
  const classes = await store.crowdProjectClasses(project.id);
  const wanted = o.classes ? [...new Set(o.classes)] : classes.map((c) => c.wnid);
  const unknown = wanted.filter((w) => !classes.some((c) => c.wnid === w));
  if (unknown.length > 0) throw new UserError(`classes not in project ${project.name}: ${unknown.join(', ')}`);

  const slots = await store.crowdTaskSlots(project.id, o.now);
  const coverageOfTask = new Map(slots.map((s) => [s.taskId, s.valid + openSlots(s)]));
  // Coverage per (class, item): a positive control of class c is annotated by the tasks of class c that show it.
  const coverage = new Map<string, number>();
  const poolCoverage = new Map<number, number>();
  for (const img of await store.crowdTaskImages(project.id)) {
    if (img.item_id === null) continue;
    const c = coverageOfTask.get(img.task_id) ?? 0;
    if (img.role === 'positive') coverage.set(`${img.wnid} ${img.item_id}`, (coverage.get(`${img.wnid} ${img.item_id}`) ?? 0) + c);
    if (img.role === 'candidate') poolCoverage.set(img.item_id, (poolCoverage.get(img.item_id) ?? 0) + c);
  }
  const byClass = async (splitId: number) => {
    const out = new Map<string, number[]>();
    const items = await store.listItems(splitId);
    for (const i of items) {
      let list = out.get(i.wnid);
      if (!list) out.set(i.wnid, (list = []));
      list.push(i.id);
    }
    return { out, shaOf: new Map(items.map((i) => [i.id, i.image_sha256])) };
  };
  const controls = await byClass(project.controls_split_id);
  const pool = await byClass(project.pool_split_id);
  const rng = seededRng(o.seed ?? settings.seed + slots.length);
  const tasks: NewCrowdTask[] = [];
  const out: ClassTopUp[] = [];
  for (const wnid of wanted) {
    const cls = classes.find((c) => c.wnid === wnid)!;
    const refs = controls.out.get(wnid) ?? [];
    // Filler candidates: the pool's least-covered candidates of the class first (they need annotations most).
    const fillers = [...(pool.out.get(wnid) ?? [])].sort((a, b) => (poolCoverage.get(a) ?? 0) - (poolCoverage.get(b) ?? 0) || a - b);
    const plan = planControlTopUp({
      wnid, rng, target, composition: CONTROL_TOP_UP_GRID, assignmentsPerTask: settings.assignmentsPerTask,
      references: refs.map((key) => ({ key, coverage: coverage.get(`${wnid} ${key}`) ?? 0 })),
      negatives: cls.negative_wnid ? (controls.out.get(cls.negative_wnid) ?? []) : [],
      candidates: fillers.slice(0, Math.max(CONTROL_TOP_UP_GRID.candidates, 1) * 4),
    });
    for (const t of plan.tasks) {
      tasks.push({
        wnid, kind: 'top-up', maxAssignments: settings.assignmentsPerTask,
        images: t.images.map(({ key, role }) => {
          const sha = (role === 'candidate' ? pool : controls).shaOf.get(key)!;
          return { publicId: newPublicId(), role, itemId: key, imageSha256: sha, imageKey: sha };
        }),
      });
    }
    out.push({ wnid, references: refs.length, covered: plan.covered, toppedUp: plan.toppedUp.length, tasks: plan.tasks.length, shortfall: plan.shortfall });
  }
  await store.addCrowdTasks(project.id, tasks, o.now);
  return out;
}
