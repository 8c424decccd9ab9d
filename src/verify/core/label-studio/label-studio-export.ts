import { z } from 'zod';

/** What a Label Studio annotation says about its task's one image: `yes` (selected) or `no`. */
export type YesNo = 'yes' | 'no';
export type ImportedStatus = 'submitted' | 'approved' | 'rejected';

/** One annotation of a task, normalised: one vote by one annotator. Times are ISO-8601 UTC. */
export interface LabelStudioVote {
  /** Index in the task's `annotations` array. */
  readonly index: number;
  readonly annotationId: string | null;
  /** `completed_by`: the user id (or the id of the user object older exports write). */
  readonly annotator: string;
  readonly selected: boolean;
  /** `reviews[]` (Enterprise): the last review decides approved/rejected; none: submitted. */
  readonly status: ImportedStatus;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  /** `lead_time`, seconds. */
  readonly leadTimeSeconds: number | null;
}

/** One task of a Label Studio JSON export with its kept (not cancelled) annotations. */
export interface LabelStudioTask {
  /** Index in the exported array. */
  readonly index: number;
  readonly id: string;
  /** `data[imageField]`: the image URL (or id) the annotators saw. */
  readonly image: string;
  /** `data[classField]` when present. */
  readonly wnid: string | null;
  readonly votes: readonly LabelStudioVote[];
  /** Annotations with `was_cancelled` (skipped by the annotator): not votes. */
  readonly cancelled: number;
}

export interface LabelStudioParseOptions {
  /** The `Choices` tag to read (`from_name`); default: the only one the file uses. */
  readonly fromName?: string;
  /** Key of the image URL in `data` (default `image`). */
  readonly imageField?: string;
  /** Key of the class in `data` (default `wnid`). */
  readonly classField?: string;
}

const idSchema = z.union([z.number().int(), z.string().min(1)]);
const resultSchema = z.looseObject({
  type: z.string(),
  from_name: z.string().optional(),
  value: z.looseObject({ choices: z.array(z.string()).optional() }).optional(),
});
const annotationSchema = z.looseObject({
  id: idSchema.optional(),
  completed_by: z.union([idSchema, z.looseObject({ id: idSchema })], { error: 'completed_by must be a user id (or an object with id)' }),
  was_cancelled: z.boolean().optional(),
  result: z.array(resultSchema).default([]),
  lead_time: z.number().min(0).nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  reviews: z.array(z.looseObject({ accepted: z.boolean().nullish() })).optional(),
});
const taskSchema = z.looseObject({
  id: idSchema,
  data: z.record(z.string(), z.unknown()),
  annotations: z.array(z.unknown()).default([]),
});

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/**
 * Parses a Label Studio JSON export (`[{id, data:{image,…}, annotations:[{completed_by, was_cancelled, result:[{type:
 * "choices", from_name, value:{choices:["Yes"]}}], lead_time, created_at, …}]}]`) of single-image yes/no tasks.
 * A `Yes` choice selects the image; `No`, or no choice at all (a config with a single "Yes" checkbox), does not.
 * Cancelled (skipped) annotations are counted, not kept. Throws a RangeError that names the task (`tasks[i] (id …)`)
 * on anything else: not an array, a missing image, an unknown choice, both answers at once, one annotator twice.
 *
 * @example
 * parseLabelStudioExport([{ id: 1, data: { image: 'a.jpg' }, annotations: [{ completed_by: 3, result: [
 *   { type: 'choices', from_name: 'contains', value: { choices: ['Yes'] } }] }] }]).tasks[0].votes[0].selected // → true
 */
export function parseLabelStudioExport(json: unknown, o: LabelStudioParseOptions = {}): { tasks: LabelStudioTask[] } {
  const imageField = o.imageField ?? 'image';
  const classField = o.classField ?? 'wnid';
  if (!Array.isArray(json)) throw new RangeError('a Label Studio JSON export is an array of tasks');
  if (json.length === 0) throw new RangeError('the export holds no tasks');
  const fromNames = new Set<string>();
  const tasks: LabelStudioTask[] = [];
  const seenIds = new Map<string, number>();
  json.forEach((raw, index) => {
    const where = (id?: unknown) => `tasks[${index}]${id !== undefined ? ` (id ${String(id)})` : ''}`;
    const t = taskSchema.safeParse(raw);
    if (!t.success) throw new RangeError(`${where((raw as { id?: unknown } | null)?.id)}: ${issue(t.error)}`);
    const id = String(t.data.id);
    const at = where(id);
    const dup = seenIds.get(id);
    if (dup !== undefined) throw new RangeError(`${at}: task id ${id} appears twice (also tasks[${dup}])`);
    seenIds.set(id, index);
    const image = t.data.data[imageField];
    if (typeof image !== 'string' || image.trim() === '') throw new RangeError(`${at}: data.${imageField} must be the image URL (a non-empty string)`);
    const wnidRaw = t.data.data[classField];
    if (wnidRaw !== undefined && wnidRaw !== null && (typeof wnidRaw !== 'string' || !/^n\d{8}$/.test(wnidRaw))) {
      throw new RangeError(`${at}: data.${classField} must be a wnid (n + 8 digits), got ${JSON.stringify(wnidRaw)}`);
    }
    const votes: LabelStudioVote[] = [];
    const byAnnotator = new Map<string, number>();
    let cancelled = 0;
    t.data.annotations.forEach((rawA, ai) => {
      const a = annotationSchema.safeParse(rawA);
      if (!a.success) throw new RangeError(`${at}: annotations[${ai}]: ${issue(a.error)}`);
      if (a.data.was_cancelled) {
        cancelled++;
        return;
      }
      const cb = a.data.completed_by;
      const annotator = String(typeof cb === 'object' ? cb.id : cb);
      const before = byAnnotator.get(annotator);
      if (before !== undefined) throw new RangeError(`${at}: annotator ${annotator} has two annotations (annotations[${before}] and [${ai}]); keep one per annotator`);
      byAnnotator.set(annotator, ai);
      const answers = new Set<YesNo>();
      for (const r of a.data.result) {
        if (r.type !== 'choices') continue;
        if (o.fromName !== undefined && r.from_name !== o.fromName) continue;
        fromNames.add(r.from_name ?? '');
        if (fromNames.size > 1) throw new RangeError(`${at}: annotations[${ai}]: the export answers several Choices tags (${[...fromNames].join(', ')}); name the yes/no one (--from-name)`);
        for (const c of r.value?.choices ?? []) {
          const v = c.trim().toLowerCase();
          if (YES.has(v)) answers.add('yes');
          else if (NO.has(v)) answers.add('no');
          else throw new RangeError(`${at}: annotations[${ai}]: choice ${JSON.stringify(c)} is neither Yes nor No`);
        }
      }
      if (answers.size > 1) throw new RangeError(`${at}: annotations[${ai}] chose both Yes and No`);
      const last = a.data.reviews?.filter((r) => r.accepted === true || r.accepted === false).at(-1);
      votes.push({
        index: ai, annotationId: a.data.id === undefined ? null : String(a.data.id), annotator, selected: answers.has('yes'),
        status: last ? (last.accepted ? 'approved' : 'rejected') : 'submitted',
        createdAt: time(a.data.created_at, `${at}: annotations[${ai}].created_at`),
        updatedAt: time(a.data.updated_at, `${at}: annotations[${ai}].updated_at`),
        leadTimeSeconds: a.data.lead_time ?? null,
      });
    });
    tasks.push({ index, id, image: image.trim(), wnid: typeof wnidRaw === 'string' ? wnidRaw : null, votes, cancelled });
  });
  return { tasks };
}

function issue(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i?.path.join('.') || '(task)'}: ${i?.message}`;
}

function time(s: string | null | undefined, where: string): string | null {
  if (s === null || s === undefined || s === '') return null;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new RangeError(`${where}: not an ISO-8601 time: ${JSON.stringify(s)}`);
  return new Date(ms).toISOString();
}
