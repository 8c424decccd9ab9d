import { Argument, Command, Option } from 'commander';
import { UserError } from '../../errors.js';
import { METRIC_NAMES, SEARCH_METRICS, parseSourceDate, type SearchMetric, REJECT_REASONS, type DateWindow, type FilterRules, type NearDuplicateMetric, type ReviewThresholds } from '../../collect/core/index.js';
import { dedupPool } from '../../collect/dedup-pool.js';
import { findPoolOrThrow } from '../../collect/find-pool.js';
import { ingestCandidates, type IngestSummary } from '../../collect/ingest-candidates.js';
import { publishPool } from '../../collect/publish-pool.js';
import { planQueries, queryPlanCsv, readQueryOverrides } from '../../collect/plan-queries.js';
import type { FrequencySource } from '../../collect/pool-frequencies.js';
import { resolvePoolWithFrequencies } from '../../collect/resolve-pool.js';
import { decideByRule, decidePair, reviewQueue, type ReviewPair, type ReviewStatus } from '../../collect/review-queue.js';
import { INGEST_SOURCES, type IngestSource, type IngestSourceName } from '../../collect/sources/ingest-sources.js';
import { print, printJson, type CliContext } from '../context.js';
import { withProgressBar } from '../progress-bar.js';
import { withWorkspace } from '../workspace-option.js';
import { commandGroup } from '../command-group.js';

const int = (flag: string, min: number, max: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UserError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`);
  return Number(v);
};
const date = (flag: string) => (v: string) => {
  const d = parseSourceDate(v);
  if (!d.ok || d.iso === null) throw new UserError(`${flag}: ${d.ok ? 'empty' : d.error}`);
  return d.iso;
};
const size = (v: string) => {
  const m = /^(\d+)(?:x(\d+))?$/i.exec(v.trim());
  if (!m) throw new UserError(`--min-size must be N or WxH (pixels), got "${v}"`);
  return { width: Number(m[1]), height: Number(m[2] ?? m[1]) };
};
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const threshold = (v: string, prev: Partial<Record<NearDuplicateMetric, number>> = {}) => {
  const m = /^([a-z0-9]+)=([0-9.eE+]+)$/.exec(v.trim());
  if (!m || !(METRIC_NAMES as string[]).includes(m[1]!) || !(Number(m[2]) >= 0)) {
    throw new UserError(`--threshold must be METRIC=VALUE with METRIC one of ${METRIC_NAMES.join(', ')}, got "${v}"`);
  }
  return { ...prev, [m[1]!]: Number(m[2]) };
};

interface IngestFlags {
  pool: string; description?: string; files?: string; wnid?: string; sourceName?: string;
  uploadedFrom?: string; uploadedTo?: string; takenFrom?: string; takenTo?: string;
  minSize?: { width: number; height: number }; licenses?: string[]; batchSize?: number; json?: boolean;
}

/** `heldout collect plan|ingest|pools|candidates|dedup|review|resolve|publish`: candidate collection and near-duplicate removal. */
export function collectCommand(ctx: CliContext): Command {
  const collect = commandGroup(ctx, 'collect', 'collect candidate images: search plans, ingest, near-duplicate removal and review');

  collect.command('plan')
    .description('search queries per class: each WordNet lemma, lemma + hypernym term from the gloss, hand overrides, quotas')
    .argument('<wnid...>', 'classes (WordNet 3.0 noun ids)')
    .option('--per-class <n>', 'results wanted per class, split over its queries (ImageNetV2: max_images / number of queries)', int('--per-class', 0, 1e9))
    .option('--per-query <n>', 'results wanted per query (instead of --per-class)', int('--per-query', 0, 1e9))
    .option('--no-disambiguate', 'lemmas only, without the hypernym-term variants')
    .option('--overrides <file>', 'JSON { "<wnid>": ["query", …] } (replace) or { "<wnid>": { "replace"?, "add"?, "drop"? } }')
    .addOption(new Option('--json', 'JSON array').conflicts('csv'))
    .option('--csv', 'CSV wnid,query,kind,quota for any search tool')
    .action(async (wnids: string[], o: { perClass?: number; perQuery?: number; disambiguate: boolean; overrides?: string; json?: boolean; csv?: boolean }) => {
      if (o.perClass !== undefined && o.perQuery !== undefined) throw new UserError('collect plan: give --per-class or --per-query, not both');
      const plan = planQueries(wnids, {
        disambiguate: o.disambiguate,
        ...(o.overrides ? { overrides: await readQueryOverrides(o.overrides) } : {}),
        ...(o.perClass !== undefined ? { perClass: o.perClass } : {}),
        ...(o.perQuery !== undefined ? { perQuery: o.perQuery } : {}),
      });
      if (o.json) printJson(ctx, plan);
      else if (o.csv) ctx.stdout.write(queryPlanCsv(plan));
      else print(ctx, plan.map((q) => `${q.wnid}  ${q.kind.padEnd(13)} ${q.quota === null ? '' : String(q.quota).padStart(6) + '  '}${q.query}`).join('\n'));
    });

  collect.command('ingest')
    .description('add candidates to a pool: normalise (EXIF, RGB, 500 px + 256×256 JPEG q90), hash, filter; resumable')
    .addArgument(new Argument('<source>', 'where the candidates come from').choices(Object.keys(INGEST_SOURCES)))
    .argument('<path>', 'folder (folder), metadata .csv/.json (metadata) or search-response .json (flickr)')
    .requiredOption('--pool <name>', 'candidate pool (created if new)')
    .option('--description <text>', 'description of a new pool')
    .option('--files <dir>', 'flickr: folder of downloaded files (<photo id>[_…].<ext>); metadata: folder the file column is relative to')
    .option('--wnid <wnid>', 'class of candidates that name none (no wnid column / folder)')
    .option('--source-name <name>', 'source name in the candidate id sha1(photo id + name); default flickr, web (metadata), folder')
    .option('--uploaded-from <date>', 'keep photos uploaded on or after this date (YYYY-MM-DD or ISO)', date('--uploaded-from'))
    .option('--uploaded-to <date>', 'keep photos uploaded before this date', date('--uploaded-to'))
    .option('--taken-from <date>', 'keep photos taken on or after this date', date('--taken-from'))
    .option('--taken-to <date>', 'keep photos taken before this date', date('--taken-to'))
    .option('--min-size <WxH>', 'minimum width×height after EXIF rotation (N means N×N)', size)
    .option('--licenses <list>', 'comma-separated licence values to accept (e.g. Flickr codes 4,5,9,10)', list)
    .option('--batch-size <n>', 'entries per transaction (a crash loses at most one batch; rerun to resume)', int('--batch-size', 1, 10_000))
    .option('--json', 'print the summary and every outcome as JSON')
    .addHelpText('after', `\nSources:\n${Object.entries(INGEST_SOURCES).map(([n, s]) => `  ${n.padEnd(9)} ${s.description}`).join('\n')}\n\nReject reasons:\n${Object.entries(REJECT_REASONS).map(([n, d]) => `  ${n.padEnd(24)} ${d}`).join('\n')}\n`)
    .action(async (kind: IngestSourceName, file: string, o: IngestFlags, cmd: Command) => {
      const source = sourceOf(kind, file, o);
      const window = (from?: string, to?: string): DateWindow | undefined => (from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : undefined);
      const uploaded = window(o.uploadedFrom, o.uploadedTo);
      const taken = window(o.takenFrom, o.takenTo);
      const filters: FilterRules = {
        ...(uploaded ? { uploaded } : {}), ...(taken ? { taken } : {}),
        ...(o.minSize ? { minWidth: o.minSize.width, minHeight: o.minSize.height } : {}),
        ...(o.licenses ? { licences: o.licenses } : {}),
      };
      const s = await withProgressBar(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => ingestCandidates(ws, {
        pool: o.pool, source, filters, ...(o.description !== undefined ? { description: o.description } : {}),
      }, { onProgress, ...(o.batchSize ? { batchSize: o.batchSize } : {}) })));
      if (o.json) printJson(ctx, { pool: s.pool.name, createdPool: s.createdPool, accepted: s.accepted, rejected: s.rejected, skipped: s.skipped, notStored: s.notStored, newBlobs: s.newBlobs, outcomes: s.outcomes });
      else print(ctx, formatIngest(s));
    });

  collect.command('pools')
    .description('list candidate pools with candidate, pair and review counts')
    .option('--json', 'JSON array')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const pools = await withWorkspace(cmd, ctx, (ws) => ws.store.listPools());
      if (o.json) printJson(ctx, pools.map((p) => ({ name: p.name, description: p.description, accepted: p.accepted, rejected: p.rejected, pairs: p.pairs, reviewed: p.reviewed, createdAt: p.created_at })));
      else if (pools.length === 0) ctx.stderr.write('heldout: no candidate pools yet (heldout collect ingest …)\n');
      else print(ctx, pools.map((p) => `${p.name}  ${p.accepted} accepted, ${p.rejected} rejected of ${p.accepted + p.rejected} candidates; ${p.reviewed} of ${p.pairs} near-duplicate pairs reviewed`).join('\n'));
    });

  collect.command('candidates')
    .description('list the candidates of a pool (rejected ones with their reason)')
    .requiredOption('--pool <name>', 'candidate pool')
    .addOption(new Option('--status <status>', 'only accepted or rejected ones').choices(['accepted', 'rejected']))
    .option('--json', 'JSON array')
    .action(async (o: { pool: string; status?: 'accepted' | 'rejected'; json?: boolean }, cmd: Command) => {
      const rows = await withWorkspace(cmd, ctx, async (ws) => ws.store.listCandidates((await findPoolOrThrow(ws.store, o.pool)).id, o.status ? { status: o.status } : {}));
      if (o.json) printJson(ctx, rows);
      else print(ctx, rows.map((c) => `${c.id}  ${c.wnid || '-'}  ${c.status}${c.reason ? ` ${c.reason}: ${c.detail ?? ''}` : ` ${c.width}×${c.height}`}  ${c.source_path ?? c.source_id ?? ''}`).join('\n') || '(none)');
    });

  collect.command('dedup')
    .description('near-duplicate pairs of a pool against reference datasets and within the pool (pHash, dHash, pixel L2, optional ONNX embeddings)')
    .requiredOption('--pool <name>', 'candidate pool')
    .requiredOption('--against <datasets>', 'reference sets, comma-separated: DATASET (all splits) or DATASET/SPLIT', list)
    .option('--max-hamming <bits>', 'Hamming radius for pHash and dHash (default 8)', int('--max-hamming', 0, 32))
    .option('--threshold <metric=value>', `review threshold, repeatable (${METRIC_NAMES.join(', ')}; default hashes = --max-hamming, l2 = 1.2e8, embedding = 0.04 cosine distance, also the embedding search radius)`, threshold)
    .option('--metrics <list>', `metrics that search for pairs, comma-separated (${SEARCH_METRICS.join(', ')}; default phash,dhash, plus embedding with --embedder); every pair gets all distances`, list)
    .option('--embedder <model>', 'testbed model (heldout model add) whose features give the embedding metric')
    .option('--embedding-output <tensor>', 'graph tensor used as the feature vector (default: the card\'s feature_output, else the input of the last fully connected layer, else the last output)')
    .option('--no-within', 'do not compare the pool\'s candidates with each other')
    .option('--json', 'JSON: summary and pairs [{candidate, reference, referenceKind, metric, distance}]')
    .action(async (o: { pool: string; against: string[]; maxHamming?: number; threshold?: Partial<ReviewThresholds>; metrics?: string[]; embedder?: string; embeddingOutput?: string; within: boolean; json?: boolean }, cmd: Command) => {
      const unknown = (o.metrics ?? []).filter((m) => !(SEARCH_METRICS as readonly string[]).includes(m));
      if (unknown.length > 0) throw new UserError(`--metrics: ${unknown.join(', ')} cannot search (search metrics: ${SEARCH_METRICS.join(', ')})`);
      if (o.embeddingOutput !== undefined && o.embedder === undefined) throw new UserError('--embedding-output needs --embedder MODEL');
      const s = await withProgressBar(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => dedupPool(ws, {
        pool: o.pool, against: o.against, withinPool: o.within, ...(o.metrics ? { metrics: o.metrics as SearchMetric[] } : {}),
        ...(o.embedder ? { embedder: { model: o.embedder, ...(o.embeddingOutput !== undefined ? { output: o.embeddingOutput } : {}) } } : {}),
        ...(o.maxHamming !== undefined ? { maxHamming: o.maxHamming } : {}), ...(o.threshold ? { thresholds: o.threshold } : {}),
      }, { onProgress })));
      if (o.json) {
        printJson(ctx, {
          pool: s.pool.name, references: s.referenceSplits, referenceImages: s.referenceImages, hashedNow: s.hashedNow,
          candidates: s.candidates, thresholds: s.thresholds, pairCount: s.pairCount, newPairs: s.newPairs, pairs: s.pairs,
          ...(s.embedder ? { embedder: s.embedder } : {}),
        });
        return;
      }
      print(ctx, [
        `pool ${s.pool.name}: ${s.candidates} accepted candidates against ${s.referenceImages} reference images (${s.referenceSplits.join(', ')}; ${s.hashedNow} hashed now)`,
        ...(s.embedder ? [`embedder ${s.embedder.model}: tensor "${s.embedder.output}" (${s.embedder.outputFrom}), ${s.embedder.dim} values, ${s.embedder.embeddedNow} images embedded now`] : []),
        `${s.pairCount} pairs within Hamming ${s.thresholds.phash}/${s.thresholds.dhash} (pHash/dHash)${s.embedder ? ` or cosine distance ${s.thresholds.embedding}` : ''}, ${s.newPairs} new; review thresholds ${METRIC_NAMES.map((m) => `${m} ≤ ${s.thresholds[m]}`).join(', ')}`,
        ...s.pairs.map((p) => `  ${p.candidate}  ${p.referenceKind === 'image' ? 'image    ' : 'candidate'} ${p.reference}  ${p.metric.padEnd(5)} ${formatDistance(p.metric, p.distance)}`),
      ].join('\n'));
    });

  collect.command('review')
    .description('list the near-duplicate pairs to review, or record a decision with --decide PAIR same|different')
    .requiredOption('--pool <name>', 'candidate pool')
    .argument('[decision]', 'with --decide: same or different')
    .option('--decide <pair>', 'pair id to decide', int('--decide', 1, Number.MAX_SAFE_INTEGER))
    .option('--reviewer <name>', 'who decided (stored with the decision)')
    .addOption(new Option('--status <status>', 'which pairs to list').choices(['pending', 'decided', 'all']).default('pending'))
    .option('--limit <n>', 'pairs to list (default all)', int('--limit', 1, 1e9))
    .option('--decide-by <metric<=value>', 'decide pending pairs by a distance rule: "same" when METRIC ≤ VALUE (e.g. l2<=2e7); recorded as reviewer rule:…')
    .option('--else-different', 'with --decide-by: mark every other pending pair "different"')
    .option('--json', 'JSON')
    .action(async (decision: string | undefined, o: { pool: string; decide?: number; reviewer?: string; status: ReviewStatus; limit?: number; decideBy?: string; elseDifferent?: boolean; json?: boolean }, cmd: Command) => {
      if (o.decideBy !== undefined) {
        const m = /^([a-z0-9]+)<=([0-9.eE+-]+)$/.exec(o.decideBy.replace(/\s+/g, ''));
        if (!m || !(METRIC_NAMES as string[]).includes(m[1]!) || !Number.isFinite(Number(m[2]))) {
          throw new UserError(`--decide-by must be METRIC<=VALUE with METRIC one of ${METRIC_NAMES.join(', ')}, got "${o.decideBy}"`);
        }
        if (o.decide !== undefined) throw new UserError('collect review: give --decide or --decide-by, not both');
        const r = await withWorkspace(cmd, ctx, (ws) => decideByRule(ws.store, o.pool, { metric: m[1] as NearDuplicateMetric, max: Number(m[2]), elseDifferent: o.elseDifferent === true }));
        if (o.json) printJson(ctx, r);
        else print(ctx, `pool ${o.pool}: ${r.same} pairs marked same, ${r.different} different by ${r.reviewer}; ${r.pending} still pending`);
        return;
      }
      if (o.elseDifferent) throw new UserError('--else-different needs --decide-by');
      if (o.decide !== undefined) {
        if (decision !== 'same' && decision !== 'different') throw new UserError('collect review --decide PAIR needs the decision: same or different');
        const pair = await withWorkspace(cmd, ctx, (ws) => decidePair(ws.store, o.pool, o.decide!, decision, o.reviewer ?? null));
        if (o.json) printJson(ctx, pair);
        else print(ctx, `pair ${pair.id}: ${pair.candidate} ~ ${pair.referenceKind} ${pair.reference} marked ${decision}`);
        return;
      }
      if (decision !== undefined) throw new UserError(`collect review: unexpected argument "${decision}" (to decide a pair: --decide PAIR same|different)`);
      const q = await withWorkspace(cmd, ctx, (ws) => reviewQueue(ws.store, o.pool, { status: o.status, ...(o.limit ? { limit: o.limit } : {}) }));
      if (o.json) {
        printJson(ctx, { pool: q.pool.name, thresholds: q.thresholds, toReview: q.toReview, decided: q.decided, pairs: q.pairs });
        return;
      }
      print(ctx, [
        `pool ${q.pool.name}: ${q.decided} of ${q.toReview} pairs under the review thresholds decided (${METRIC_NAMES.map((m) => `${m} ≤ ${q.thresholds[m]}`).join(', ')})`,
        ...q.pairs.map(formatPair),
        ...(q.pairs.length > 0 && o.status === 'pending' ? ['decide with: heldout collect review --pool ' + q.pool.name + ' --decide PAIR same|different'] : []),
      ].join('\n'));
    });

  collect.command('resolve')
    .description('apply reviewed pairs: exclude near-duplicates of reference images, keep one per group of candidates')
    .requiredOption('--pool <name>', 'candidate pool')
    .option('--frequencies-from <project>', 'crowd project whose selection frequencies choose the candidate kept per group (default: the one project labelling the pool\'s candidates, if any)')
    .option('--no-frequencies', 'ignore crowd data: keep the first candidate id of each group')
    .option('--json', 'JSON')
    .action(async (o: { pool: string; frequenciesFrom?: string; frequencies: boolean; json?: boolean }, cmd: Command) => {
      if (o.frequenciesFrom !== undefined && !o.frequencies) throw new UserError('collect resolve: give --frequencies-from or --no-frequencies, not both');
      const source: FrequencySource = !o.frequencies ? { kind: 'none' } : o.frequenciesFrom !== undefined ? { kind: 'project', project: o.frequenciesFrom } : { kind: 'auto' };
      const r = await withWorkspace(cmd, ctx, (ws) => resolvePoolWithFrequencies(ws.store, o.pool, source));
      if (o.json) {
        printJson(ctx, r);
        return;
      }
      const freq = (c: string) => {
        const f = r.componentFrequencies[c];
        return f ? ` (selection frequency ${f.frequency.toFixed(2)}, n=${f.shown})` : '';
      };
      print(ctx, [
        `pool ${r.pool}: ${r.eligible} of ${r.accepted} accepted candidates eligible; ${r.excluded.length} excluded as near-duplicates (${r.confirmedPairs} confirmed pairs), ${r.unreviewed.length} with pairs still to review`,
        r.frequencies ? `kept per group: highest selection frequency in crowd project ${r.frequencies.project} (${r.frequencies.matched} of ${r.accepted} candidates have one)` : 'kept per group: the first candidate id (no crowd frequencies)',
        ...r.excluded.map((e) => `  excluded ${e.candidate}: ${e.kind === 'near-duplicate-of-reference' ? `same as reference image ${e.references.join(', ')}` : `same as kept candidate ${e.kept}${freq(e.kept)}${freq(e.candidate) ? `; its own${freq(e.candidate)}` : ''}`}`),
        ...r.unreviewed.map((c) => `  unreviewed ${c}`),
      ].join('\n'));
    });

  collect.command('publish')
    .description('publish the usable candidates of a pool as a dataset split for crowd verification (heldout crowd project create --dataset D --split S)')
    .requiredOption('--pool <name>', 'candidate pool')
    .requiredOption('--dataset <name>', 'dataset to add the split to (created if new)')
    .option('--split <split>', 'split name', 'candidates')
    .option('--classes <set>', 'class set of a new dataset: ilsvrc2012, fashion-mnist or a class-table file')
    .option('--include-unreviewed', 'also publish candidates whose close pairs are still undecided')
    .option('--json', 'JSON summary')
    .action(async (o: { pool: string; dataset: string; split: string; classes?: string; includeUnreviewed?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withWorkspace(cmd, ctx, (ws) => publishPool(ws, {
        pool: o.pool, dataset: o.dataset, split: o.split, ...(o.classes ? { classes: o.classes } : {}), includeUnreviewed: o.includeUnreviewed === true,
      }));
      if (o.json) {
        printJson(ctx, r);
        return;
      }
      print(ctx, [
        `published ${r.published} candidates of pool ${r.pool} as ${r.dataset}:${r.split}${r.createdDataset ? ' (new dataset)' : ''}; left out: ${r.excluded} near-duplicates, ${r.unreviewed} with undecided pairs`,
        ...Object.entries(r.perClass).map(([wnid, n]) => `  ${wnid}  ${n}`),
      ].join('\n'));
    });

  return collect;
}

function sourceOf(kind: IngestSourceName, file: string, o: IngestFlags): IngestSource {
  const common = { ...(o.wnid ? { wnid: o.wnid } : {}), ...(o.sourceName ? { sourceName: o.sourceName } : {}) };
  switch (kind) {
    case 'folder':
      if (o.files) throw new UserError('collect ingest folder: --files does not apply (the folder is the files)');
      return { kind, path: file, ...common };
    case 'metadata':
      return { kind, file, ...(o.files ? { filesDir: o.files } : {}), ...common };
    case 'flickr':
      if (!o.files) throw new UserError('collect ingest flickr: --files DIR (the downloaded photos) is required');
      if (!o.wnid) throw new UserError('collect ingest flickr: --wnid is required (search results carry no class)');
      return { kind, file, filesDir: o.files, ...common };
  }
}

function formatIngest(s: IngestSummary): string {
  const problems = s.outcomes.filter((x) => x.status === 'rejected' || x.status === 'not-stored');
  return [
    `pool ${s.pool.name}${s.createdPool ? ' (new)' : ''}: ${s.accepted} accepted, ${s.rejected} rejected, ${s.skipped} already stored, ${s.notStored} not stored (duplicates) of ${s.outcomes.length} entries; ${s.newBlobs} new blobs`,
    ...problems.map((x) => `  ${x.status === 'rejected' ? 'rejected  ' : 'not stored'} ${x.where}: ${x.reason}${x.detail ? ` (${x.detail})` : ''}`),
  ].join('\n');
}

function formatPair(p: ReviewPair): string {
  const d = METRIC_NAMES.filter((m) => p.distances[m] !== undefined).map((m) => `${m} ${formatDistance(m, p.distances[m]!)}`).join(', ');
  const where = p.referenceItem ? ` (${p.referenceItem.dataset}/${p.referenceItem.split}/${p.referenceItem.name})` : '';
  return `  pair ${String(p.id).padStart(5)}  ${p.candidate} ~ ${p.referenceKind} ${p.reference}${where}  ${d}${p.decision ? `  → ${p.decision}` : ''}`;
}

/** Hamming distances as integers, squared L2 in exponent form, cosine distances to 4 decimals. */
function formatDistance(metric: NearDuplicateMetric, d: number): string {
  return metric === 'l2' ? d.toExponential(2) : metric === 'embedding' ? d.toFixed(4) : String(d);
}
