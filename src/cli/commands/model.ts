import { Command, Option } from 'commander';
import { LABEL_SPACES, type LabelSpace } from '../../classes/class-set.js';
import type { TableFormat } from '../../formats/predictions/tables.js';
import { PRESET_NAMES } from '../../evaluate/presets/index.js';
import { OUTPUT_MAPPINGS, type OutputMapping } from '../../evaluate/resolve-classes.js';
import { print, printJson, type CliContext } from '../context.js';
import { withWorkspace } from '../workspace-option.js';

// The heavy testbed modules (ONNX Runtime, sharp, the scoring core) load inside the actions; only the preset and
// mapping registries (plain data) are imported here, so the choices come from one place.

const FORMAT_CHOICES: ReadonlyArray<TableFormat | 'auto'> = ['auto', 'ilsvrc', 'csv', 'jsonl', 'npy'];

/** `heldout model add|list|show|import-predictions|remove`: the models the testbed evaluates. */
export function modelCommand(ctx: CliContext): Command {
  const group = new Command('model')
    .description('register ONNX models (or predictions made elsewhere) for the testbed; list and show them with their accuracies')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  group
    .command('add')
    .description('register an ONNX model: its file, preprocessing preset, class set and output mapping (checked with one dry run)')
    .argument('<name>', 'model name (letters, digits, . _ -)')
    .requiredOption('--onnx <file>', 'ONNX file: one float32 input [N, C, H, W], one output [N, classes]')
    .addOption(new Option('--preset <preset>', 'preprocessing preset (docs/testbed.md)').choices(PRESET_NAMES).makeOptionMandatory())
    .option('--classes <set>', 'class set of the outputs: ilsvrc2012, fashion-mnist, or a class table file', 'ilsvrc2012')
    .addOption(new Option('--mapping <mapping>', 'output j is class index j (sorted wnids, PyTorch order) or devkit ID j+1').choices(OUTPUT_MAPPINGS).default('sorted-index'))
    .option('--card <file>', 'model card JSON (family, parameters, training, notes …)')
    .option('--json', 'print the registered model as JSON')
    .action(async (name: string, o: { onnx: string; preset: string; classes: string; mapping: OutputMapping; card?: string; json?: boolean }, cmd: Command) => {
      const { addModel } = await import('../../evaluate/add-model.js');
      const { modelJson } = await import('../../evaluate/render-testbed.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const row = await addModel(ws, { name, onnx: o.onnx, preset: o.preset, classes: o.classes, mapping: o.mapping, ...(o.card ? { card: o.card } : {}) });
        if (o.json) printJson(ctx, modelJson(row, []));
        else print(ctx, `registered model ${row.name}: ${row.num_classes} classes (${row.class_set}, ${row.mapping}), preset ${row.preset}, ${row.onnx_bytes} bytes`);
      });
    });

  group
    .command('list')
    .description('list models with their evaluations (top-1 accuracy, n and interval per split)')
    .option('--json', 'JSON array')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const { modelJson, modelListText } = await import('../../evaluate/render-testbed.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const models = await ws.store.listModels();
        const evals = await ws.store.listEvaluations();
        if (o.json) printJson(ctx, models.map((m) => modelJson(m, evals.filter((e) => e.model_id === m.id))));
        else print(ctx, modelListText(models, evals));
      });
    });

  group
    .command('show')
    .description('a model\'s registration, card and evaluations')
    .argument('<name>', 'model name')
    .option('--json', 'JSON object')
    .action(async (name: string, o: { json?: boolean }, cmd: Command) => {
      const { findModelOrThrow } = await import('../../evaluate/run-evaluations.js');
      const { modelJson, modelShowText } = await import('../../evaluate/render-testbed.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const m = await findModelOrThrow(ws, name);
        const evals = await ws.store.listEvaluations({ modelId: m.id });
        if (o.json) printJson(ctx, modelJson(m, evals));
        else print(ctx, modelShowText(m, evals));
      });
    });

  group
    .command('import-predictions')
    .description('store predictions computed elsewhere (npy, CSV, JSONL, ILSVRC text) as a model\'s evaluation on a split')
    .argument('<name>', 'model name (created, with the dataset\'s classes, if it does not exist)')
    .requiredOption('--dataset <name>', 'dataset')
    .option('--split <name>', 'split', 'test')
    .requiredOption('--predictions <file>', 'predictions: keyed by image_id = item name (CSV, JSONL) or in position order (npy, ILSVRC text)')
    .addOption(new Option('--format <format>', 'format of the predictions file').choices(FORMAT_CHOICES).default('auto'))
    .addOption(new Option('--label-space <space>', 'how classes are written in the file (index = sorted-wnid index)').choices(LABEL_SPACES).default('index'))
    .option('--card <file>', 'model card JSON for a new model')
    .option('--force', 'replace an existing evaluation of this model on this split')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, o: { dataset: string; split: string; predictions: string; format: TableFormat | 'auto'; labelSpace: LabelSpace; card?: string; force?: boolean; json?: boolean }, cmd: Command) => {
      const { importPredictions } = await import('../../evaluate/import-predictions.js');
      const { outcomeJson, outcomeText } = await import('../../evaluate/render-testbed.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const e = await importPredictions(ws, {
          model: name, dataset: o.dataset, split: o.split, file: o.predictions, format: o.format, labelSpace: o.labelSpace,
          ...(o.card ? { card: o.card } : {}), force: o.force === true,
        });
        const outcome = { model: name, dataset: o.dataset, split: o.split, status: 'done' as const, evaluation: e, imagesRun: 0 };
        if (o.json) printJson(ctx, outcomeJson(outcome));
        else print(ctx, `imported ${o.predictions}\n${outcomeText(outcome)}`);
      });
    });

  group
    .command('export-predictions')
    .description('write a model\'s stored top-k predictions on a split as a file for heldout score / heldout submit')
    .argument('<name>', 'model name')
    .requiredOption('--dataset <name>', 'dataset')
    .option('--split <name>', 'split', 'test')
    .requiredOption('--out <file>', 'output file')
    .addOption(new Option('--format <format>', 'csv: image_id,pred1..predK by item name; ilsvrc: Task-1 lines in split order').choices(['csv', 'ilsvrc']).default('csv'))
    .addOption(new Option('--label-space <space>', 'how classes are written').choices(LABEL_SPACES).default('devkit'))
    .action(async (name: string, o: { dataset: string; split: string; out: string; format: 'csv' | 'ilsvrc'; labelSpace: LabelSpace }, cmd: Command) => {
      const { exportPredictions } = await import('../../evaluate/export-predictions.js');
      const r = await withWorkspace(cmd, ctx, (ws) => exportPredictions(ws, { model: name, ...o }));
      print(ctx, `wrote top-${r.k} predictions of ${name} for ${r.images} images of ${o.dataset}/${o.split} to ${o.out} (${o.format}, ${o.labelSpace})`);
    });

  group
    .command('remove')
    .description('delete a model and its evaluations')
    .argument('<name>', 'model name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const { findModelOrThrow } = await import('../../evaluate/run-evaluations.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const m = await findModelOrThrow(ws, name);
        await ws.store.deleteModel(m.id);
        print(ctx, `removed model ${m.name}`);
      });
    });

  return group;
}
