import { parse } from 'csv-parse/sync';
import { parseMturkTime } from './mturk-time.js';
import { parseQuestionFormAnswers } from './question-form-answers.js';

/** Which columns of a Batch results CSV hold the class, the images and the answer. */
export interface BatchResultsColumns {
  /** E.g. `Input.wnid`. */
  readonly classColumn: string;
  /** A glob over column names, e.g. `Input.img_*`; matching columns are the HIT's images in header order. */
  readonly imageColumns: string;
  /** E.g. `Answer.selected` (values joined by `|`), or a column holding QuestionFormAnswers XML. */
  readonly answerColumn: string;
  /** For XML answers: the QuestionIdentifier to read (default `selected`). */
  readonly answerField?: string;
}

export type ImportedStatus = 'submitted' | 'approved' | 'rejected';

/** One row of a Batch results CSV, normalised. Times are ISO-8601 UTC. */
export interface BatchAssignment {
  readonly line: number;
  readonly hitId: string;
  readonly assignmentId: string;
  readonly workerId: string;
  readonly status: ImportedStatus;
  readonly acceptTime: string | null;
  readonly submitTime: string | null;
  readonly reviewTime: string | null;
  readonly workTimeSeconds: number | null;
  readonly feedback: string | null;
  readonly maxAssignments: number | null;
  readonly wnid: string;
  /** Image keys (URLs or ids) in column order; empty cells are left out. */
  readonly images: readonly string[];
  /** Indices into `images` of the selected ones. */
  readonly selected: readonly number[];
}

const REQUIRED = ['HITId', 'AssignmentId', 'WorkerId', 'AssignmentStatus'] as const;
const STATUS: Readonly<Record<string, ImportedStatus>> = { Submitted: 'submitted', Approved: 'approved', Rejected: 'rejected' };

/**
 * Parses an MTurk Batch results CSV (Manage → Results → Download CSV; all standard columns are understood, extra ones
 * ignored). Answer values may name an image by its key or by its key's file name without extension (checkbox values
 * are often ids while Input columns hold URLs). The re-upload review columns win: `Reject` (with its reason) makes a
 * row rejected, `Approve` approved. Everything is checked; the first problem throws a RangeError naming its line.
 */
export function parseBatchResults(text: string, cols: BatchResultsColumns): { readonly assignments: BatchAssignment[]; readonly imageColumns: readonly string[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new RangeError(`not a valid CSV: ${(err as Error).message}`, { cause: err });
  }
  const header = records[0];
  if (!header) throw new RangeError('the file is empty');
  const at = (name: string) => header.indexOf(name);
  for (const c of [...REQUIRED, cols.classColumn, cols.answerColumn]) {
    if (at(c) < 0) throw new RangeError(`no column "${c}" (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})`);
  }
  const glob = new RegExp(`^${cols.imageColumns.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const imageIdx = header.flatMap((h, i) => (glob.test(h) ? [i] : []));
  if (imageIdx.length === 0) throw new RangeError(`no column matches --image-columns "${cols.imageColumns}"`);
  const seen = new Set<string>();
  const assignments = records.slice(1).map((r, k): BatchAssignment => {
    const line = k + 2;
    const get = (name: string) => (at(name) < 0 ? '' : (r[at(name)] ?? '').trim());
    const fail = (msg: string): never => { throw new RangeError(`line ${line}: ${msg}`); };
    for (const c of REQUIRED) if (get(c) === '') fail(`empty ${c}`);
    const assignmentId = get('AssignmentId');
    if (seen.has(assignmentId)) fail(`AssignmentId ${assignmentId} appears twice`);
    seen.add(assignmentId);
    let status = STATUS[get('AssignmentStatus')] ?? fail(`AssignmentStatus must be Submitted, Approved or Rejected, got "${get('AssignmentStatus')}"`);
    let feedback = get('RequesterFeedback') || null;
    if (get('Reject') !== '') [status, feedback] = ['rejected', get('Reject')];
    else if (get('Approve') !== '') status = 'approved';
    const time = (name: string) => {
      const v = get(name);
      if (v === '') return null;
      try {
        return parseMturkTime(v);
      } catch (err) {
        return fail(`${name}: ${(err as Error).message}`);
      }
    };
    const wnid = get(cols.classColumn);
    if (!/^n\d{8}$/.test(wnid)) fail(`${cols.classColumn} must be a wnid (n + 8 digits), got "${wnid}"`);
    const images = imageIdx.map((i) => (r[i] ?? '').trim()).filter((v) => v !== '');
    if (new Set(images).size !== images.length) fail('an image appears twice in one HIT');
    const selected = answerValues(get(cols.answerColumn), cols.answerField ?? 'selected', fail).map((v) => {
      const i = matchImage(images, v);
      return i >= 0 ? i : fail(`answer "${v}" is none of the HIT's ${images.length} images`);
    });
    const work = get('WorkTimeInSeconds');
    const max = get('MaxAssignments');
    if (work !== '' && !/^\d+$/.test(work)) fail(`WorkTimeInSeconds must be a whole number, got "${work}"`);
    if (max !== '' && !/^\d+$/.test(max)) fail(`MaxAssignments must be a whole number, got "${max}"`);
    return {
      line, hitId: get('HITId'), assignmentId, workerId: get('WorkerId'), status, feedback,
      acceptTime: time('AcceptTime'), submitTime: time('SubmitTime'), reviewTime: time('ApprovalTime') ?? time('RejectionTime'),
      workTimeSeconds: work === '' ? null : Number(work), maxAssignments: max === '' ? null : Number(max),
      wnid, images, selected: [...new Set(selected)],
    };
  });
  return { assignments, imageColumns: imageIdx.map((i) => header[i]!) };
}

/** `a|b|c` (checkbox groups), or the named answer of a QuestionFormAnswers document. */
function answerValues(cell: string, field: string, fail: (msg: string) => never): string[] {
  if (cell.startsWith('<')) {
    let answers: Map<string, string[]>;
    try {
      answers = parseQuestionFormAnswers(cell);
    } catch (err) {
      return fail(`answer XML: ${(err as Error).message}`);
    }
    return (answers.get(field) ?? []).flatMap((v) => v.split('|')).map((v) => v.trim()).filter(Boolean);
  }
  return cell.split('|').map((v) => v.trim()).filter(Boolean);
}

function matchImage(images: readonly string[], value: string): number {
  const exact = images.indexOf(value);
  if (exact >= 0) return exact;
  const stem = (key: string) => key.replace(/[?#].*$/, '').replace(/^.*\//, '').replace(/\.[A-Za-z0-9]+$/, '');
  const hits = images.flatMap((k, i) => (stem(k) === value ? [i] : []));
  return hits.length === 1 ? hits[0]! : -1;
}
