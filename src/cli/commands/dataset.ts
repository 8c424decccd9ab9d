import path from 'node:path';
import { Argument, Command, Option } from 'commander';
import { z } from 'zod';
import { LABEL_SPACES } from '../../classes/class-set.js';
import { UserError } from '../../errors.js';
import { describeDataset, type DatasetDescription } from '../../datasets/describe-dataset.js';
import { exportDataset } from '../../datasets/export-dataset.js';
import { EXPORT_FORMATS } from '../../datasets/export-formats.js';
import { setSplitHidden } from '../../datasets/set-split-hidden.js';
import { DEFAULT_SPLIT, importDataset, type ImportRequest } from '../../datasets/import-dataset.js';
import { IMPORT_LAYOUTS, type ImportLayoutName, type LayoutOptions } from '../../datasets/import-layouts.js';
import { print, printJson, type CliContext } from '../context.js';
import { progressBar } from '../progress-bar.js';
import type { ProgressListener } from '../../progress.js';
import { withWorkspace } from '../workspace-option.js';

const labelSpace = z.enum(LABEL_SPACES as ['wnid', 'index', 'devkit']);

const importOptions = z.object({
  name: z.string().min(1),
  split: z.string().min(1).default(DEFAULT_SPLIT),
  classes: z.string().min(1).optional(),
  hidden: z.boolean().default(false),
  description: z.string().optional(),
  allowConflictingDuplicates: z.boolean().optional(),
  groundTruth: z.string().min(1).optional(),
  labels: z.string().min(1).optional(),
  labelSpace: labelSpace.optional(),
  images: z.string().min(1).optional(),
  classMap: z.string().min(1).optional(),
  json: z.boolean().optional(),
});
type ImportOptionValues = z.infer<typeof importOptions>;

/** Layout-specific flags: which a layout accepts, and how they become its options. Other layouts reject them. */
const LAYOUT_FLAGS: { readonly [L in ImportLayoutName]: {
  readonly flags: ReadonlyArray<keyof ImportOptionValues>;
  build(dir: string | undefined, o: ImportOptionValues): LayoutOptions<L>;
} } = {
  imagefolder: { flags: [], build: (dir) => ({ path: required(dir, 'imagefolder') }) },
  imagenetv2: { flags: [], build: (dir) => ({ path: required(dir, 'imagenetv2') }) },
  'ilsvrc-val': {
    flags: ['groundTruth'],
    build: (dir, o) => ({ path: required(dir, 'ilsvrc-val'), ...(o.groundTruth ? { groundTruth: o.groundTruth } : {}) }),
  },
  'labels-csv': {
    flags: ['labels', 'labelSpace'],
    build: (dir, o) => {
      if (!o.labelSpace) throw new UserError('dataset import labels-csv: --label-space wnid|index|devkit is required (how the label column is written)');
      return { path: required(dir, 'labels-csv'), labelSpace: o.labelSpace, ...(o.labels ? { labels: o.labels } : {}) };
    },
  },
  idx: {
    flags: ['images', 'labels', 'classMap'],
    build: (dir, o) => {
      if (!o.images || !o.labels) throw new UserError('dataset import idx: --images FILE and --labels FILE are required');
      const base = dir ?? '.';
      return { images: path.resolve(base, o.images), labels: path.resolve(base, o.labels), ...(o.classMap ? { classMap: o.classMap } : {}) };
    },
  },
};

const FLAG_NAMES: Partial<Record<keyof ImportOptionValues, string>> = {
  groundTruth: '--ground-truth', labels: '--labels', labelSpace: '--label-space', images: '--images', classMap: '--class-map',
};

/** `heldout dataset import|list|show|export|hide`: bring benchmark splits in and out of the workspace. */
export function datasetCommand(ctx: CliContext): Command {
  // addCommand() does not pass the program's output and exit settings down; command() copies them from this group.
  const group = new Command('dataset')
    .description('import, list, show, export and hide dataset splits (images + labels)')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  group
    .command('import')
    .description('import one split of images and labels from a folder or IDX files')
    .addArgument(new Argument('<layout>', 'on-disk layout').choices(Object.keys(IMPORT_LAYOUTS)))
    .argument('[path]', 'folder to import (idx: folder that relative --images/--labels are in)')
    .requiredOption('--name <name>', 'dataset name (created if new, else a split is added)')
    .option('--split <split>', 'split name', DEFAULT_SPLIT)
    .option('--classes <set>', 'class set: ilsvrc2012, fashion-mnist or a class-table file (default: per layout)')
    .option('--hidden', 'hide the labels of this split')
    .option('--description <text>', 'description of a new dataset')
    .option('--ground-truth <file>', 'ilsvrc-val: ground-truth file (default ILSVRC2012_validation_ground_truth.txt in or next to the folder)')
    .option('--labels <file>', 'labels-csv: CSV image,label (default labels.csv in or next to the folder); idx: IDX labels file')
    .addOption(new Option('--label-space <space>', 'labels-csv: how labels are written (required)').choices(LABEL_SPACES))
    .option('--images <file>', 'idx: IDX images file (gzipped or not)')
    .option('--class-map <map>', 'idx: label value → wnid file, or fashion-mnist (default: value v = devkit ID v+1)')
    .option('--allow-conflicting-duplicates', 'keep byte-identical images labelled as different classes instead of failing')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `\nLayouts:\n${Object.entries(IMPORT_LAYOUTS).map(([n, l]) => `  ${n.padEnd(12)} ${l.description}\n  ${''.padEnd(12)} classes default: ${l.defaultClasses}`).join('\n')}\n`)
    .action(async (layout: ImportLayoutName, dir: string | undefined, raw: unknown, cmd: Command) => {
      const o = parseOptions(importOptions, raw, 'dataset import');
      const spec = LAYOUT_FLAGS[layout];
      for (const [key, flag] of Object.entries(FLAG_NAMES) as Array<[keyof ImportOptionValues, string]>) {
        if (o[key] !== undefined && !spec.flags.includes(key)) throw new UserError(`dataset import: ${flag} does not apply to the ${layout} layout`);
      }
      const request = {
        layout, dataset: o.name, split: o.split, hidden: o.hidden,
        ...(o.classes ? { classes: o.classes } : {}),
        ...(o.description !== undefined ? { description: o.description } : {}),
        ...(o.allowConflictingDuplicates ? { allowConflictingDuplicates: true } : {}),
        ...(spec.build as (d: string | undefined, v: ImportOptionValues) => object)(dir, o),
      } as ImportRequest;
      const summary = await withProgress(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => importDataset(ws, request, { onProgress })));
      if (summary.skipped.length > 0) {
        ctx.stderr.write(`heldout: skipped ${summary.skipped.length} non-image file(s), e.g. ${summary.skipped.slice(0, 3).join(', ')}\n`);
      }
      if (o.json) {
        printJson(ctx, { dataset: summary.dataset.name, split: summary.split.name, createdDataset: summary.createdDataset, items: summary.items, newImages: summary.newImages, newBlobs: summary.newBlobs, labelsHidden: summary.split.labels_hidden === 1, skipped: summary.skipped.length });
      } else {
        print(ctx, `imported ${summary.items} images into ${summary.dataset.name}/${summary.split.name}${summary.split.labels_hidden ? ' (labels hidden)' : ''}: ${summary.newImages} new images, ${summary.newBlobs} new blobs${summary.createdDataset ? `; created dataset with class set ${summary.dataset.class_set}` : ''}`);
      }
    });

  group
    .command('list')
    .description('list datasets with their splits and item counts')
    .option('--json', 'JSON array')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const datasets = await withWorkspace(cmd, ctx, (ws) => ws.store.listDatasets());
      if (opts.json) {
        printJson(ctx, datasets.map((d) => ({
          name: d.name, description: d.description, classSet: d.class_set, classes: d.classCount, createdAt: d.created_at,
          splits: d.splits.map((s) => ({ name: s.name, items: s.itemCount, labelsHidden: s.labels_hidden === 1, sourceLayout: s.source_layout })),
        })));
      } else if (datasets.length === 0) {
        ctx.stderr.write('heldout: no datasets yet (heldout dataset import …)\n');
      } else {
        print(ctx, datasets.map((d) => `${d.name}  ${d.classCount} classes (${d.class_set})  ${d.splits.map((s) => `${s.name}: ${s.itemCount}${s.labels_hidden ? ' hidden' : ''}`).join(', ') || 'no splits'}`).join('\n'));
      }
    });

  group
    .command('show')
    .description('show a dataset: classes, splits, item counts per class, hidden flags')
    .argument('<name>', 'dataset name')
    .option('--json', 'JSON object')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const d = await withWorkspace(cmd, ctx, (ws) => describeDataset(ws.store, name));
      if (opts.json) printJson(ctx, d);
      else print(ctx, formatDescription(d));
    });

  group
    .command('export')
    .description('write a split to a folder (round-trips through the import layout of the same name)')
    .argument('<name>', 'dataset name')
    .requiredOption('--split <split>', 'split to export')
    .addOption(new Option('--format <format>', 'output layout').choices(Object.keys(EXPORT_FORMATS)).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder (must not exist or be empty)')
    .addOption(new Option('--label-space <space>', 'labels-csv: how labels are written (default wnid)').choices(LABEL_SPACES))
    .option('--per-class <n>', 'only the first n items of each class, in split order')
    .addHelpText('after', `\nFormats:\n${Object.entries(EXPORT_FORMATS).map(([n, f]) => `  ${n.padEnd(12)} ${f.description}`).join('\n')}\n`)
    .action(async (name: string, raw: unknown, cmd: Command) => {
      const o = parseOptions(z.object({
        split: z.string().min(1),
        format: z.enum(Object.keys(EXPORT_FORMATS) as [keyof typeof EXPORT_FORMATS]),
        out: z.string().min(1),
        labelSpace: labelSpace.optional(),
        perClass: z.coerce.number().int().min(1).optional(),
      }), raw, 'dataset export');
      const summary = await withProgress(ctx, (onProgress) => withWorkspace(cmd, ctx, (ws) => exportDataset(ws, {
        dataset: name, split: o.split, format: o.format, out: o.out, ...(o.labelSpace ? { labelSpace: o.labelSpace } : {}),
        ...(o.perClass !== undefined ? { perClass: o.perClass } : {}),
      }, { onProgress })));
      if (summary.labelsHidden) {
        ctx.stderr.write(`heldout: warning: split ${summary.split} of ${summary.dataset} has hidden labels; this export contains them, so keep it with the host\n`);
      }
      print(ctx, `exported ${summary.dataset}/${summary.split} as ${summary.format} to ${summary.out} (${summary.files} files)`);
    });

  group
    .command('hide')
    .description('hide the labels of a split (or reveal them with --unhide)')
    .argument('<name>', 'dataset name')
    .requiredOption('--split <split>', 'split whose labels to hide')
    .option('--unhide', 'reveal the labels again')
    .action(async (name: string, opts: { split: string; unhide?: boolean }, cmd: Command) => {
      const hidden = !opts.unhide;
      await withWorkspace(cmd, ctx, (ws) => setSplitHidden(ws.store, name, opts.split, hidden));
      print(ctx, `labels of ${name}/${opts.split} are now ${hidden ? 'hidden' : 'visible'}`);
    });

  return group;
}

/**
 * Runs a job with a progress bar. On failure a terminal's bar is still stopped (to restore the cursor), but in logs
 * the "phase: done/total" line is left out, so the error stays the one line printed.
 */
async function withProgress<T>(ctx: CliContext, work: (onProgress: ProgressListener) => Promise<T>): Promise<T> {
  const bar = progressBar(ctx);
  try {
    const result = await work(bar);
    bar.stop();
    return result;
  } catch (err) {
    if (ctx.interactive) bar.stop();
    throw err;
  }
}

function required(dir: string | undefined, layout: string): string {
  if (dir === undefined) throw new UserError(`dataset import ${layout}: give the folder to import`);
  return dir;
}

function parseOptions<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${what}: --${String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue?.message}`);
  }
  return parsed.data;
}

function formatDescription(d: DatasetDescription): string {
  const lines = [
    `${d.name}${d.description ? ` — ${d.description}` : ''}`,
    `  class set  ${d.classSet} (${d.classes.length} classes)`,
    `  created    ${d.createdAt}`,
  ];
  for (const s of d.splits) {
    lines.push(`  split ${s.name}: ${s.items} items${s.labelsHidden ? ', labels hidden' : ''} (${s.sourceLayout} from ${s.sourcePath})`);
  }
  const header = ['devkit', 'index', 'wnid', 'name', ...d.splits.map((s) => s.name)];
  const rows = d.classes.map((c) => [String(c.devkitId), String(c.index), c.wnid, c.name, ...d.splits.map((s) => String(s.classCounts[c.wnid] ?? 0))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  lines.push('', ...[header, ...rows].map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd()));
  return lines.join('\n');
}
