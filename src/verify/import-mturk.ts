import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { NewCrowdTask, Store } from '../store/store.js';
import type { ImageRole } from './core/index.js';
import { parseBatchResults, type BatchAssignment, type BatchResultsColumns } from './core/mturk/index.js';
import type { LoadedProject } from './find-project.js';
import { imageKeyMatcher } from './image-key-matcher.js';
import { newPublicId } from './tokens.js';

export interface MturkImportSummary {
  readonly hits: number;
  readonly assignments: Readonly<Record<'submitted' | 'approved' | 'rejected', number>>;
  readonly workers: { readonly new: number; readonly known: number };
  readonly images: { readonly matched: number; readonly unmatched: number };
  /** Image keys that matched no stored image: kept (frequencies are computed for them too) and listed here. */
  readonly unmatchedKeys: readonly string[];
}

/**
 * Imports an MTurk Batch results CSV into a project: one `imported` task per HITId, one `mturk:<WorkerId>` worker per
 * worker, assignments with their statuses, times and selections. Image keys are matched to the project's pool and
 * controls items by source URL, item name, file stem or sha256; a match in the controls split makes the image a
 * positive (same class) or negative control. Unmatched keys are kept, so an archived study is analysable without its
 * image files. Validated first, written in one transaction; a HIT imported before is refused.
 */
export async function importMturkResults(store: Store, { project }: LoadedProject, file: string, cols: BatchResultsColumns, now: Date): Promise<MturkImportSummary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let rows: BatchAssignment[];
  try {
    rows = parseBatchResults(text, cols).assignments;
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
  if (rows.length === 0) throw new UserError(`${file}: no assignments`);
  const classes = new Set((await store.crowdProjectClasses(project.id)).map((c) => c.wnid));
  const hits = new Map<string, BatchAssignment[]>();
  for (const r of rows) {
    if (!classes.has(r.wnid)) throw new UserError(`${file}:${r.line}: class ${r.wnid} is not in project ${project.name}`);
    const group = hits.get(r.hitId);
    if (group && (group[0]!.wnid !== r.wnid || group[0]!.images.join('\n') !== r.images.join('\n'))) {
      throw new UserError(`${file}:${r.line}: HIT ${r.hitId} has other images or another class than on line ${group[0]!.line}`);
    }
    if (group?.some((g) => g.workerId === r.workerId)) throw new UserError(`${file}:${r.line}: worker ${r.workerId} appears twice in HIT ${r.hitId}`);
    if (group) group.push(r);
    else hits.set(r.hitId, [r]);
  }
  const known = new Set(await store.crowdTaskExternalIds(project.id));
  const again = [...hits.keys()].filter((h) => known.has(h));
  if (again.length > 0) throw new UserError(`${file}: HIT ${again[0]} was imported into ${project.name} before (${again.length} HITs of this file were)`);

  const match = await imageKeyMatcher(store, project.pool_split_id, project.controls_split_id);
  const unmatched = new Set<string>();
  const matched = new Set<string>();
  const tasks: NewCrowdTask[] = [...hits.entries()].map(([hitId, group]) => {
    const first = group[0]!;
    return {
      wnid: first.wnid, kind: 'imported', externalId: hitId,
      maxAssignments: Math.max(group.length, ...group.map((g) => g.maxAssignments ?? 0)),
      images: first.images.map((key) => {
        const m = match(key);
        (m ? matched : unmatched).add(key);
        const role: ImageRole = m?.control ? (m.item.wnid === first.wnid ? 'positive' : 'negative') : 'candidate';
        return { publicId: newPublicId(), role, itemId: m?.item.id ?? null, imageSha256: m?.item.image_sha256 ?? null, imageKey: m?.item.image_sha256 ?? key };
      }),
    };
  });
  const counts = { submitted: 0, approved: 0, rejected: 0 };
  const workers = { new: 0, known: 0 };
  await store.transaction(async (tx) => {
    const created = await tx.addCrowdTasks(project.id, tasks, now);
    const workerIds = new Map<string, number>();
    for (const r of rows) {
      if (workerIds.has(r.workerId)) continue;
      const name = `mturk:${r.workerId}`;
      const existing = await tx.findCrowdWorker({ name });
      if (existing) workers.known++;
      else workers.new++;
      workerIds.set(r.workerId, existing?.id ?? (await tx.createCrowdWorker({ name, kind: 'mturk', externalId: r.workerId, simulated: false }, now)).id);
    }
    const taskOf = new Map([...hits.keys()].map((h, i) => [h, created[i]!]));
    await tx.addCrowdAssignments(rows.map((r) => {
      counts[r.status]++;
      const task = taskOf.get(r.hitId)!;
      return {
        taskId: task.id, workerId: workerIds.get(r.workerId)!, status: r.status,
        acceptedAt: r.acceptTime ?? r.submitTime ?? now.toISOString(), submittedAt: r.submitTime, reviewedAt: r.reviewTime,
        durationMs: r.workTimeSeconds === null ? null : r.workTimeSeconds * 1000, feedback: r.feedback, externalId: r.assignmentId,
        selectedImageIds: r.selected.map((i) => task.imageIds[i]!),
      };
    }));
  });
  return { hits: hits.size, assignments: counts, workers, images: { matched: matched.size, unmatched: unmatched.size }, unmatchedKeys: [...unmatched] };
}
