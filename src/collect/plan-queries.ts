import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { readInputText } from '../datasets/read-input.js';
import { loadWordNet } from '../wordnet/load-wordnet.js';
import { buildQueryPlan, type PlannedQuery, type QueryOverride, type QueryPlanOptions } from './core/index.js';

const overrideSchema = z.record(
  z.string().regex(/^n\d{8}$/, 'keys must be wnids like n02085782'),
  z.union([
    z.array(z.string().min(1)).transform((replace): QueryOverride => ({ replace })),
    z.strictObject({ replace: z.array(z.string().min(1)).optional(), add: z.array(z.string().min(1)).optional(), drop: z.array(z.string().min(1)).optional() }),
  ]),
);

/** Reads a hand-override file: `{ "<wnid>": ["query", …] }` (replace) or `{ "<wnid>": { replace?, add?, drop? } }`. */
export async function readQueryOverrides(file: string): Promise<Record<string, QueryOverride>> {
  let data: unknown;
  try {
    data = JSON.parse(await readInputText(file, 'query override file'));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  // zod reports a bad record key only as "Invalid key in record": name it here.
  const badKey = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data).find((k) => !/^n\d{8}$/.test(k)) : undefined;
  if (badKey !== undefined) throw new UserError(`${file}: "${badKey}" is not a wnid (keys must be wnids like n02085782)`);
  const parsed = overrideSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue?.path.join('.') || 'overrides'}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * The search plan for WordNet classes (`WordNet.queries`: each lemma, then lemma + hypernym term found in the gloss),
 * with overrides and quotas. Unknown wnids fail with WordNet's one-line explanation.
 */
export function planQueries(wnids: readonly string[], options: QueryPlanOptions = {}): PlannedQuery[] {
  if (wnids.length === 0) throw new UserError('give at least one wnid');
  const wn = loadWordNet();
  const classes = [...new Set(wnids)].map((wnid) => ({ wnid, lemmas: wn.lemmas(wnid), queries: wn.queries(wnid) }));
  return buildQueryPlan(classes, options);
}

/** CSV export for any search tool: wnid,query,kind,quota (quota empty when none was set). */
export function queryPlanCsv(plan: readonly PlannedQuery[]): string {
  return stringify(plan.map((q) => [q.wnid, q.query, q.kind, q.quota ?? '']), { header: true, columns: ['wnid', 'query', 'kind', 'quota'] });
}
