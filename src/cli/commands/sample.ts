import { randomInt } from 'node:crypto';
import { Command, Option } from 'commander';
import { UserError } from '../../errors.js';
import { INELIGIBLE_REASONS, SAMPLING_STRATEGIES, type SamplingStrategy } from '../../sample/core/index.js';
import { addToBlacklist, listBlacklist, removeFromBlacklist } from '../../sample/blacklist.js';
import { createRevision, eligibilitySummary, type CreatedRevision } from '../../sample/create-revision.js';
import { REVISION_EXPORT_FORMATS, exportRevision, type RevisionExportFormat } from '../../sample/export-revision.js';
import { revisionReport } from '../../sample/revision-report.js';
import { deficitText, meanSdText, revisionReportText } from '../../sample/report-text.js';
import { frequencySummary } from '../../sample/core/index.js';
import { print, printJson, type CliContext } from '../context.js';
import { withProgressBar } from '../progress-bar.js';
import { withWorkspace } from '../workspace-option.js';
import { commandGroup } from '../command-group.js';

const int = (flag: string, min: number, max: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UserError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`);
  return Number(v);
};
const unit = (flag: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new UserError(`${flag} must be a number from 0 to 1, got "${v}"`);
  return x;
};
const override = (v: string, prev: Record<string, number> = {}) => {
  const m = /^(n\d{8})=([0-9.]+)$/.exec(v.trim());
  if (!m || !(Number(m[2]) >= 0 && Number(m[2]) <= 1)) throw new UserError(`--threshold-override must be WNID=τ with τ from 0 to 1, e.g. n03014705=0.6, got "${v}"`);
  return { ...prev, [m[1]!]: Number(m[2]) };
};
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

interface CreateFlags {
  pool?: string; reference?: string; strategy?: SamplingStrategy; perClass?: number; threshold?: number; thresholdOverride?: Record<string, number>;
  seed?: number; from?: string; name?: string; minAnnotations?: number; minReference?: number; upward: boolean;
  skipNearDuplicateCheck?: boolean; collectPool?: string[]; json?: boolean;
}

/** The options of `heldout sample` and `heldout sample create` (one list, so both forms stay the same). */
function createOptions(cmd: Command): Command {
  return cmd
    .option('--pool <project>', 'crowd project whose selection frequencies are used (required unless --from)')
    .option('--reference <dataset[:split]>', 'the original test set; split default: the project\'s controls split. Its positive-control votes give MatchedFrequency\'s targets')
    .addOption(new Option('--strategy <name>', 'sampling strategy (required unless --from)').choices(Object.keys(SAMPLING_STRATEGIES)))
    .option('--per-class <k>', 'images per class (default 10)', int('--per-class', 1, 10_000))
    .option('--threshold <tau>', 'threshold strategy: minimum selection frequency (default 0.7)', unit('--threshold'))
    .option('--threshold-override <wnid=tau>', 'per-class threshold, repeatable (ImageNetV2: n03014705=0.6)', override)
    .option('--seed <s>', 'seed of every random draw (default: a random one, printed and stored)', int('--seed', 1, 4_294_967_295))
    .option('--from <revision>', 'start from this revision: keep its still-eligible images, resample the rest; unspecified options are inherited')
    .option('--name <name>', 'revision (and dataset) name; default <pool>-<strategy>-r<n>')
    .option('--min-annotations <n>', 'annotations an image needs (default 10)', int('--min-annotations', 1, 10_000))
    .option('--min-reference <n>', 'matched-frequency: reference images with enough annotations needed per class (default 20)', int('--min-reference', 1, 100_000))
    .option('--no-upward', 'matched-frequency: leave a short bin short instead of filling it from higher bins')
    .option('--skip-near-duplicate-check', 'treat images never checked for near-duplicates as clear (recorded in the revision and its report)')
    .option('--collect-pool <names>', 'comma-separated collect pools whose near-duplicate reviews count (default: every deduplicated pool)', list)
    .option('--json', 'print the revision as JSON');
}

async function runCreate(ctx: CliContext, o: CreateFlags, cmd: Command): Promise<void> {
  const seed = o.seed ?? randomInt(1, 2 ** 31);
  const created = await withProgressBar(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => createRevision(ws, {
    seed,
    ...(o.pool !== undefined ? { pool: o.pool } : {}), ...(o.reference !== undefined ? { reference: o.reference } : {}),
    ...(o.strategy !== undefined ? { strategy: o.strategy } : {}), ...(o.perClass !== undefined ? { perClass: o.perClass } : {}),
    ...(o.threshold !== undefined ? { threshold: o.threshold } : {}), ...(o.thresholdOverride ? { thresholdOverrides: o.thresholdOverride } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}), ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.minAnnotations !== undefined ? { minAnnotations: o.minAnnotations } : {}), ...(o.minReference !== undefined ? { minReference: o.minReference } : {}),
    ...(o.upward === false ? { upward: false } : {}), ...(o.skipNearDuplicateCheck ? { skipNearDuplicateCheck: true } : {}),
    ...(o.collectPool ? { collectPools: o.collectPool } : {}),
  }, { onProgress })));
  if (o.json) printJson(ctx, createdJson(created));
  else print(ctx, createdText(created));
}

function createdJson(c: CreatedRevision) {
  return {
    name: c.revision.name, dataset: `${c.revision.name}/test`, strategy: c.params.strategy, seed: c.params.seed, parent: c.params.from,
    params: c.params, images: c.sampled.images.length, carried: c.sampled.images.filter((i) => i.carried).length,
    frequency: frequencySummary(c.sampled.images), classes: c.sampled.classes, nearDuplicatePools: c.notes.collectPools,
  };
}

function createdText(c: CreatedRevision): string {
  const s = frequencySummary(c.sampled.images);
  const short = c.sampled.classes.filter((x) => x.short > 0 || (x.deficits ?? []).length > 0);
  const lines = [
    `created revision ${c.revision.name}: ${c.sampled.images.length} images in ${c.sampled.classes.length} classes (${c.params.strategy}, seed ${c.params.seed}${c.params.from ? `, from ${c.params.from}` : ''})`,
    `  selection frequency ${meanSdText(s.frequency)}; ${eligibilitySummary(c.sampled)}`,
    `  dataset ${c.revision.name}/test (labels hidden); near-duplicates from ${c.notes.collectPools.join(', ') || 'no pool'}${c.params.skipNearDuplicateCheck ? ' (unchecked images allowed: --skip-near-duplicate-check)' : ''}`,
  ];
  for (const x of short) lines.push(`  short: ${x.wnid} ${x.chosen} of ${c.params.perClass}${(x.deficits ?? []).length ? `; ${x.deficits!.map(deficitText).join('; ')}` : ''}`);
  lines.push(`  report: heldout sample report ${c.revision.name}`);
  return lines.join('\n');
}

/** `heldout sample [create] …`, `sample report|export|list|blacklist`: new test sets from verified candidates. */
export function sampleCommand(ctx: CliContext): Command {
  const sample = createOptions(commandGroup(ctx, 'sample', 'new test sets from verified candidates: MatchedFrequency, Threshold, TopImages; revisions, reports, export')
    .addHelpText('after', `\nStrategies:\n${Object.entries(SAMPLING_STRATEGIES).map(([n, s]) => `  ${n.padEnd(18)} ${s.description}`).join('\n')}\n\nIneligible when (checked in this order):\n${Object.entries(INELIGIBLE_REASONS).map(([n, d]) => `  ${n.padEnd(18)} ${d}`).join('\n')}\n`))
    .action((o: CreateFlags, cmd: Command) => runCreate(ctx, o, cmd));

  // Commander lets the parent's options (the bare form's --pool, --json, …) take their values wherever they appear
  // unless the root program enables positional options, so subcommands read their flags merged with the parent's.
  createOptions(sample.command('create').description('sample a new revision (same as bare `heldout sample …`)'))
    .action((_o: CreateFlags, cmd: Command) => runCreate(ctx, cmd.optsWithGlobals<CreateFlags>(), cmd));

  sample.command('list')
    .description('list sampled revisions')
    .option('--json', 'JSON array')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ json?: boolean }>();
      const rows = await withWorkspace(cmd, ctx, (ws) => ws.store.listSampleRevisions());
      if (o.json) printJson(ctx, rows.map((r) => ({ name: r.name, pool: r.project_name, strategy: r.strategy, seed: r.seed, parent: r.parent_name, images: r.images, createdAt: r.created_at })));
      else if (rows.length === 0) ctx.stderr.write('heldout: no sampled revisions yet (heldout sample create …)\n');
      else print(ctx, rows.map((r) => `${r.name}  ${r.strategy}, ${r.images} images, pool ${r.project_name}, seed ${r.seed}${r.parent_name ? `, from ${r.parent_name}` : ''}`).join('\n'));
    });

  sample.command('report')
    .description('per-bin counts vs the reference, mean frequency ± sd, short classes, overlaps, split-vote diagnostic')
    .argument('<name>', 'revision')
    .option('--no-diagnostic', 'skip the split-vote diagnostic')
    .option('--json', 'JSON')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ json?: boolean; diagnostic: boolean }>();
      const r = await withWorkspace(cmd, ctx, (ws) => revisionReport(ws.store, name, { diagnostic: o.diagnostic }));
      if (o.json) printJson(ctx, r);
      else print(ctx, revisionReportText(r));
    });

  sample.command('export')
    .description('write a revision as files')
    .argument('<name>', 'revision')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REVISION_EXPORT_FORMATS)).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder (must not exist or be empty)')
    .addHelpText('after', `\nFormats:\n${Object.entries(REVISION_EXPORT_FORMATS).map(([n, d]) => `  ${n.padEnd(12)} ${d}`).join('\n')}\n\nThe revision is also the dataset NAME (split test, labels hidden): a challenge can use it as its hidden-label test set.\n`)
    .action(async (name: string, o: { format: RevisionExportFormat; out: string }, cmd: Command) => {
      const s = await withProgressBar(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => exportRevision(ws, { name, format: o.format, out: o.out }, { onProgress })));
      print(ctx, `exported ${s.revision} as ${s.format}: ${s.files} files in ${s.out}`);
    });

  const blacklist = sample.command('blacklist').description('images that must never be sampled, with reasons (per crowd project)');
  blacklist.command('add')
    .description('blacklist a candidate image')
    .argument('<pool-or-revision>', 'crowd project, or a revision of it')
    .argument('<image>', 'image sha256 (or a unique prefix of ≥ 8 hex digits)')
    .requiredOption('--reason <text>', 'why (shown in reports and kept with the entry)')
    .action(async (target: string, image: string, o: { reason: string }, cmd: Command) => {
      const r = await withWorkspace(cmd, ctx, (ws) => addToBlacklist(ws.store, target, image, o.reason, new Date()));
      print(ctx, `blacklisted ${r.image} in ${r.project}: ${o.reason.trim()}`);
    });
  blacklist.command('remove')
    .description('take an image off the blacklist')
    .argument('<pool-or-revision>', 'crowd project, or a revision of it')
    .argument('<image>', 'image sha256 (or a unique prefix)')
    .action(async (target: string, image: string, _o: unknown, cmd: Command) => {
      const r = await withWorkspace(cmd, ctx, (ws) => removeFromBlacklist(ws.store, target, image));
      if (!r.removed) throw new UserError(`${r.image} is not on the blacklist of ${r.project}`, 1);
      print(ctx, `removed ${r.image} from the blacklist of ${r.project}`);
    });
  blacklist.command('list')
    .description('list a project\'s blacklist')
    .argument('<pool-or-revision>', 'crowd project, or a revision of it')
    .option('--json', 'JSON array')
    .action(async (target: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ json?: boolean }>();
      const r = await withWorkspace(cmd, ctx, (ws) => listBlacklist(ws.store, target));
      if (o.json) printJson(ctx, r.entries.map((e) => ({ image: e.image_sha256, reason: e.reason, createdAt: e.created_at })));
      else if (r.entries.length === 0) print(ctx, `the blacklist of ${r.project} is empty`);
      else print(ctx, r.entries.map((e) => `${e.image_sha256}  ${e.reason}`).join('\n'));
    });
  return sample;
}
