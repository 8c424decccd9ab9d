import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { NewCrowdTask, Store } from '../store/store.js';
import type { ImageRole } from './core/index.js';
import { parseLabelStudioExport, type LabelStudioParseOptions, type LabelStudioTask } from './core/label-studio/index.js';
import type { LoadedProject } from './find-project.js';
import { imageKeyMatcher } from './image-key-matcher.js';
import { newPublicId } from './tokens.js';

export interface LabelStudioImportOptions extends LabelStudioParseOptions {
  /** Class of tasks whose `data` has none. */
  readonly wnid?: string;
}

export interface LabelStudioImportSummary {
  /** Tasks imported (each becomes a one-image task); tasks without a kept annotation are skipped. */
  readonly tasks: number;
  readonly skippedTasks: number;
  readonly annotations: Readonly<Record<'submitted' | 'approved' | 'rejected' | 'cancelled', number>>;
  readonly votes: { readonly yes: number; readonly no: number };
  readonly workers: { readonly new: number; readonly known: number };
  readonly images: { readonly matched: number; readonly unmatched: number };
  /** Image URLs or ids that matched no stored image: kept (frequencies are computed for them too) and listed here. */
  readonly unmatchedKeys: readonly string[];
}

/** A task image URL of this (or any) Heldout server: `…/crowd/i/<16 opaque characters>`. */
const OWN_IMAGE_URL = /\/crowd\/i\/([A-Za-z0-9_-]{16})(?:[?#].*)?$/;

/**
 * Imports a Label Studio JSON export of single-image yes/no tasks into a project. Each Label Studio task becomes an
 * `imported` task with one image (external id `label-studio:<task id>`); each kept annotation is one assignment by a
 * `label-studio:<completed_by>` worker that showed the image once and selected it when the answer was Yes. So a
 * yes/no annotation counts as one showing in the selection frequency, exactly as one grid assignment does.
 * Images are matched by this server's opaque task-image URL, then by source URL, name, file stem or sha256 like the
 * MTurk import; unmatched keys are kept and reported. Validated first, written in one transaction; a task imported
 * before is refused.
 */
export async function importLabelStudio(store: Store, { project }: LoadedProject, file: string, o: LabelStudioImportOptions, now: Date): Promise<LabelStudioImportSummary> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UserError(e instanceof SyntaxError ? `${file}: not JSON: ${e.message}` : `cannot read ${file}: ${e.code ?? e.message}`);
  }
  let parsed: LabelStudioTask[];
  try {
    parsed = parseLabelStudioExport(json, o).tasks;
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
  const classes = new Set((await store.crowdProjectClasses(project.id)).map((c) => c.wnid));
  for (const t of parsed) {
    const wnid = t.wnid ?? o.wnid;
    if (!wnid) throw new UserError(`${file}: tasks[${t.index}] (id ${t.id}): no class (data.${o.classField ?? 'wnid'}); give --class WNID`);
    if (!classes.has(wnid)) throw new UserError(`${file}: tasks[${t.index}] (id ${t.id}): class ${wnid} is not in project ${project.name}`);
  }
  const kept = parsed.filter((t) => t.votes.length > 0);
  if (kept.length === 0) throw new UserError(`${file}: no task has an annotation that was not cancelled`);
  const known = new Set(await store.crowdTaskExternalIds(project.id));
  const again = kept.filter((t) => known.has(externalId(t)));
  if (again.length > 0) throw new UserError(`${file}: task ${again[0]!.id} was imported into ${project.name} before (${again.length} tasks of this file were)`);

  const match = await imageKeyMatcher(store, project.pool_split_id, project.controls_split_id);
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  const tasks: NewCrowdTask[] = [];
  for (const t of kept) {
    const wnid = (t.wnid ?? o.wnid)!;
    // This server's own URL names a task image; its stored image then matches like any sha256.
    const own = OWN_IMAGE_URL.exec(t.image)?.[1];
    const served = own ? await store.findCrowdTaskImage(own) : undefined;
    const m = match(served?.image_sha256 ?? t.image);
    (m || served?.image_sha256 ? matched : unmatched).add(t.image);
    const role: ImageRole = m?.control ? (m.item.wnid === wnid ? 'positive' : 'negative') : 'candidate';
    const sha = m?.item.image_sha256 ?? served?.image_sha256 ?? null;
    tasks.push({
      wnid, kind: 'imported', externalId: externalId(t),
      maxAssignments: t.votes.filter((v) => v.status !== 'rejected').length,
      images: [{ publicId: newPublicId(), role, itemId: m?.item.id ?? served?.item_id ?? null, imageSha256: sha, imageKey: sha ?? t.image }],
    });
  }
  const annotations = { submitted: 0, approved: 0, rejected: 0, cancelled: parsed.reduce((s, t) => s + t.cancelled, 0) };
  const votes = { yes: 0, no: 0 };
  const workers = { new: 0, known: 0 };
  await store.transaction(async (tx) => {
    const created = await tx.addCrowdTasks(project.id, tasks, now);
    const workerIds = new Map<string, number>();
    for (const v of kept.flatMap((t) => t.votes)) {
      if (workerIds.has(v.annotator)) continue;
      const name = `label-studio:${v.annotator}`;
      const existing = await tx.findCrowdWorker({ name });
      if (existing) workers.known++;
      else workers.new++;
      workerIds.set(v.annotator, existing?.id ?? (await tx.createCrowdWorker({ name, kind: 'label-studio', externalId: v.annotator, simulated: false }, now)).id);
    }
    await tx.addCrowdAssignments(kept.flatMap((t, i) => t.votes.map((v) => {
      annotations[v.status]++;
      votes[v.selected ? 'yes' : 'no']++;
      const task = created[i]!;
      const submittedAt = v.updatedAt ?? v.createdAt ?? now.toISOString();
      const durationMs = v.leadTimeSeconds === null ? null : Math.round(v.leadTimeSeconds * 1000);
      return {
        taskId: task.id, workerId: workerIds.get(v.annotator)!, status: v.status,
        acceptedAt: v.createdAt ?? submittedAt, submittedAt, reviewedAt: v.status === 'submitted' ? null : submittedAt,
        durationMs, feedback: null, externalId: v.annotationId, selectedImageIds: v.selected ? [task.imageIds[0]!] : [],
      };
    })));
  });
  return {
    tasks: kept.length, skippedTasks: parsed.length - kept.length, annotations, votes, workers,
    images: { matched: matched.size, unmatched: unmatched.size }, unmatchedKeys: [...unmatched],
  };
}

const externalId = (t: LabelStudioTask) => `label-studio:${t.id}`;
