import { Command, Option } from 'commander';
import { UserError } from '../../errors.js';
import { createInProcessQueue } from '../../jobs/in-process-queue.js';
import { createApp } from '../../server/app.js';
import { listen } from '../../server/node.js';
import type { Workspace } from '../../store/workspace.js';
import { classPosterior } from '../../verify/class-posterior.js';
import { classSummaries } from '../../verify/class-summary.js';
import { createProject } from '../../verify/create-project.js';
import { createTasks } from '../../verify/create-tasks.js';
import { topUpControls } from '../../verify/top-up-controls.js';
import { frequencyCsvChunks } from '../../verify/frequency-csv.js';
import { frequencyOrder, frequencyRowsOfVotes, frequencyTable, sortedRows, type FrequencyRow } from '../../verify/frequency-rows.js';
import { loadProjectVotes } from '../../verify/project-votes.js';
import type { ProjectSettingsInput } from '../../verify/project-settings.js';
import { projectOfPool, resolveProject } from '../../verify/resolve-project.js';
import { reviewAssignmentIds, reviewByThreshold, reviewWorker, setBlocked } from '../../verify/review-work.js';
import { simulateCrowdWork, type CrowdFetch } from '../../verify/simulate-crowd.js';
import { workerReport } from '../../verify/worker-report.js';
import { importMturkResults } from '../../verify/import-mturk.js';
import { exportMturkBatch } from '../../verify/export-mturk.js';
import { importLabelStudio } from '../../verify/import-label-studio.js';
import { DEFAULT_BASE_URL, exportLabelStudio } from '../../verify/export-label-studio.js';
import { addAccountWorker, findWorkerOrThrow } from '../../verify/workers.js';
import { setQualification } from '../../verify/set-qualification.js';
import { findProjectOrThrow } from '../../verify/find-project.js';
import { jsonArrayChunks } from '../../formats/json-array.js';
import { print, printJson, writeChunks, type CliContext } from '../context.js';
import { progressBar } from '../progress-bar.js';
import { withWorkspace } from '../workspace-option.js';
import { commandGroup } from '../command-group.js';

const int = (flag: string, min: number, max: number) => (v: string) => {
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UserError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`);
  return Number(v);
};
const fraction = (flag: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !(x >= 0 && x <= 1)) throw new UserError(`${flag} must be a number from 0 to 1, got "${v}"`);
  return x;
};
const splitRef = (flag: string) => (v: string) => {
  const m = /^([^:]+):([^:]+)$/.exec(v);
  if (!m) throw new UserError(`${flag} must be DATASET:SPLIT, got "${v}"`);
  return { dataset: m[1]!, split: m[2]! };
};
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const ids = (flag: string) => (v: string) => list(v).map((x) => int(flag, 1, Number.MAX_SAFE_INTEGER)(x));
const f2 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(2));

interface SettingsFlags {
  candidates?: number; positives?: number; negatives?: number; assignments?: number; lease?: number; seed?: number;
  allowVisitors?: boolean; completionCode?: string; redirectUrl?: string; tasksPerSession?: number; panelParams?: string[];
  qualification?: number; qualificationImages?: number; qualificationMinAccuracy?: number; qualificationAttempts?: number;
}

function settingsOf(o: SettingsFlags): ProjectSettingsInput {
  const [workerParam, studyParam, sessionParam] = o.panelParams ?? [];
  if (o.panelParams && o.panelParams.length !== 3) throw new UserError('--panel-params takes three names: WORKER,STUDY,SESSION');
  return {
    composition: { candidates: o.candidates ?? 42, positives: o.positives ?? 3, negatives: o.negatives ?? 3 },
    ...(o.assignments !== undefined ? { assignmentsPerTask: o.assignments } : {}),
    ...(o.lease !== undefined ? { leaseSeconds: o.lease } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.allowVisitors ? { allowVisitors: true } : {}),
    panel: {
      ...(workerParam ? { workerParam, studyParam, sessionParam } : {}),
      ...(o.completionCode ? { completionCode: o.completionCode } : {}),
      ...(o.redirectUrl ? { redirectUrl: o.redirectUrl } : {}),
      ...(o.tasksPerSession ? { tasksPerSession: o.tasksPerSession } : {}),
    },
    ...qualificationOf(o),
  };
}

function qualificationOf(o: SettingsFlags): Pick<ProjectSettingsInput, 'qualification'> {
  const rest = [o.qualificationImages, o.qualificationMinAccuracy, o.qualificationAttempts].some((x) => x !== undefined);
  if (o.qualification === undefined) {
    if (rest) throw new UserError('--qualification-images/-min-accuracy/-attempts need --qualification N');
    return {};
  }
  return {
    qualification: {
      grids: o.qualification,
      ...(o.qualificationImages !== undefined ? { imagesPerGrid: o.qualificationImages } : {}),
      ...(o.qualificationMinAccuracy !== undefined ? { minAccuracy: o.qualificationMinAccuracy } : {}),
      ...(o.qualificationAttempts !== undefined ? { attempts: o.qualificationAttempts } : {}),
    },
  };
}

function withSettingsFlags(cmd: Command): Command {
  return cmd
    .option('--candidates <n>', 'candidates per grid (default 42)', int('--candidates', 1, 194))
    .option('--positives <n>', 'positive controls per grid (default 3)', int('--positives', 0, 64))
    .option('--negatives <n>', 'negative controls per grid (default 3)', int('--negatives', 0, 64))
    .option('--assignments <n>', 'valid assignments per task (default 10)', int('--assignments', 1, 100))
    .option('--lease <seconds>', 'how long a worker may hold a task (default 600)', int('--lease', 30, 86_400))
    .option('--seed <n>', 'grid shuffle seed (default 1)', int('--seed', 1, 2 ** 31))
    .option('--allow-visitors', 'anyone opening the work page gets an anonymous worker id (demo)')
    .option('--completion-code <code>', 'panel workers get this code at the end of a session')
    .option('--redirect-url <url>', 'and are sent here ({code} is replaced), e.g. https://app.prolific.com/submissions/complete?cc={code}')
    .option('--tasks-per-session <n>', 'tasks per panel session (default 3)', int('--tasks-per-session', 1, 1000))
    .option('--panel-params <names>', 'URL parameters for panel worker, study, session ids (default PROLIFIC_PID,STUDY_ID,SESSION_ID)', list)
    .option('--qualification <grids>', 'workers first pass N practice grids of controls with known answers (needs --controls-from)', int('--qualification', 1, 20))
    .option('--qualification-images <n>', 'images per practice grid, half of the class, half of its most similar class (default 12)', int('--qualification-images', 2, 48))
    .option('--qualification-min-accuracy <x>', 'share of practice images answered right needed to pass (default 0.8)', fraction('--qualification-min-accuracy'))
    .option('--qualification-attempts <n>', 'practice attempts a worker gets (default 2)', int('--qualification-attempts', 1, 10));
}

/** `heldout crowd …`: grid labeling projects, tasks, workers, selection frequencies and review. */
export function crowdCommand(ctx: CliContext): Command {
  const crowd = commandGroup(ctx, 'crowd', 'crowd verification: grid labeling tasks with controls, workers, selection frequency, review');
  const ws = <T>(cmd: Command, work: (w: Workspace) => Promise<T>) => withWorkspace(cmd, ctx, work);

  const project = crowd.command('project').description('create and list labeling projects');
  withSettingsFlags(project.command('create')
    .description('create a labeling project over a candidate pool split')
    .argument('<name>', 'project name (letters, digits, . _ -)')
    .requiredOption('--dataset <name>', 'dataset of the candidate pool')
    .requiredOption('--split <split>', 'candidate pool split')
    .option('--classes <wnids>', 'comma-separated wnids to label (default: every class with pool items)', list)
    .option('--controls-from <dataset:split>', 'split with verified labels for positive/negative controls (e.g. the original test set)', splitRef('--controls-from'))
    .option('--json', 'print the project as JSON'))
    .action(async (name: string, o: SettingsFlags & { dataset: string; split: string; classes?: string[]; controlsFrom?: { dataset: string; split: string }; json?: boolean }, cmd: Command) => {
      const r = await ws(cmd, (w) => createProject(w.store, {
        name, dataset: o.dataset, split: o.split, settings: settingsOf(o),
        ...(o.classes ? { classes: o.classes } : {}), ...(o.controlsFrom ? { controlsFrom: o.controlsFrom } : {}),
      }, new Date()));
      if (o.json) return printJson(ctx, { name: r.project.name, settings: r.settings, classes: r.classes });
      print(ctx, [`created labeling project ${r.project.name} (${r.classes.length} classes; ${r.settings.composition.candidates}+${r.settings.composition.positives}+${r.settings.composition.negatives} per grid, ${r.settings.assignmentsPerTask} assignments per task)`,
        ...r.classes.map((c) => `  ${c.wnid}  ${c.candidates} candidates, ${c.positives} positive controls, negatives from ${c.negativeWnid ?? '–'} (${c.negatives})`)].join('\n'));
    });
  project.command('set').description('change a project\'s qualification (practice before real tasks)')
    .argument('<name>', 'project name')
    .option('--qualification <grids>', 'workers first pass N practice grids of controls with known answers', int('--qualification', 1, 20))
    .option('--no-qualification', 'no practice (workers who passed stay qualified if it is turned on again)')
    .option('--qualification-images <n>', 'images per practice grid (default 12)', int('--qualification-images', 2, 48))
    .option('--qualification-min-accuracy <x>', 'share of practice images answered right needed to pass (default 0.8)', fraction('--qualification-min-accuracy'))
    .option('--qualification-attempts <n>', 'practice attempts a worker gets (default 2)', int('--qualification-attempts', 1, 10))
    .option('--json', 'print the settings as JSON')
    .action(async (name: string, o: Omit<SettingsFlags, 'qualification'> & { qualification?: number | false; json?: boolean }, cmd: Command) => {
      if (o.qualification === undefined) throw new UserError('crowd project set: give --qualification N (with its options) or --no-qualification');
      const q = o.qualification === false ? null : qualificationOf({ ...o, qualification: o.qualification }).qualification!;
      const settings = await ws(cmd, async (w) => setQualification(w.store, await findProjectOrThrow(w.store, name), q));
      if (o.json) return printJson(ctx, settings);
      const s = settings.qualification;
      print(ctx, s ? `project ${name}: workers first pass ${s.grids} practice grids of ${s.imagesPerGrid} images (≥ ${s.minAccuracy} right, ${s.attempts} attempts)` : `project ${name}: no qualification`);
    });
  project.command('list').description('list labeling projects').option('--json', 'JSON array')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const rows = await ws(cmd, async (w) => Promise.all((await w.store.listCrowdProjects()).map(async (p) => {
        const slots = await w.store.crowdTaskSlots(p.id, new Date());
        return { name: p.name, tasks: slots.length, validAssignments: slots.reduce((s, t) => s + t.valid, 0), createdAt: p.created_at };
      })));
      if (o.json) printJson(ctx, rows);
      else print(ctx, rows.map((r) => `${r.name}  ${r.tasks} tasks, ${r.validAssignments} valid assignments`).join('\n') || 'no labeling projects');
    });

  crowd.command('tasks').description('create grid tasks and control top-up tasks').addCommand(commandGroup(ctx, 'create', 'create grid tasks for candidates that are not yet covered (reruns top up after rejections)')
    .option('--project <name>', 'labeling project')
    .option('--pool <dataset:split>', 'or: the project of this pool (created with default settings if there is none)', splitRef('--pool'))
    .option('--classes <wnids>', 'comma-separated wnids (default: all of the project\'s)', list)
    .option('--controls-from <dataset:split>', 'with --pool, for a new project: where controls come from', splitRef('--controls-from'))
    .option('--seed <n>', 'shuffle seed (default: project seed + number of existing tasks)', int('--seed', 1, 2 ** 31))
    .option('--json', 'JSON summary per class')
    .action(async (o: { project?: string; pool?: { dataset: string; split: string }; classes?: string[]; controlsFrom?: { dataset: string; split: string }; seed?: number; json?: boolean }, cmd: Command) => {
      if (o.project && o.pool) throw new UserError('crowd tasks create: give --project or --pool, not both');
      const summary = await ws(cmd, async (w) => {
        let loaded = o.pool ? await projectOfPool(w.store, o.pool.dataset, o.pool.split) : await resolveProject(w.store, o.project);
        if (!loaded && o.pool) {
          await createProject(w.store, { name: `${o.pool.dataset}-${o.pool.split}`.replace(/[^A-Za-z0-9._-]/g, '_'), dataset: o.pool.dataset, split: o.pool.split, ...(o.controlsFrom ? { controlsFrom: o.controlsFrom } : {}) }, new Date());
          loaded = await projectOfPool(w.store, o.pool.dataset, o.pool.split);
        }
        const classes = await createTasks(w.store, loaded!, { now: new Date(), ...(o.classes ? { classes: o.classes } : {}), ...(o.seed ? { seed: o.seed } : {}) });
        return { project: loaded!.project.name, classes };
      });
      if (o.json) return printJson(ctx, summary);
      const tasks = summary.classes.reduce((s, c) => s + c.tasks, 0);
      print(ctx, [`created ${tasks} tasks in ${summary.project}`, ...summary.classes.map((c) => `  ${c.wnid}  ${c.tasks} tasks, ${c.candidates} candidates (${c.covered} already covered)${c.missingPositives + c.missingNegatives > 0 ? `; control slots left empty: ${c.missingPositives} positive, ${c.missingNegatives} negative` : ''}`)].join('\n'));
    })).addCommand(commandGroup(ctx, 'top-up', 'create control top-up tasks (16+16+16) until every class has enough annotated reference images (MatchedFrequency)')
    .option('--project <name>', 'labeling project (default: the only one)')
    .option('--classes <wnids>', 'comma-separated wnids (default: all of the project\'s)', list)
    .option('--references <n>', 'reference images per class (default 20)', int('--references', 1, 10_000))
    .option('--annotations <n>', 'annotations each reference needs (default 10)', int('--annotations', 1, 1000))
    .option('--seed <n>', 'shuffle seed (default: project seed + number of existing tasks)', int('--seed', 1, 2 ** 31))
    .option('--json', 'JSON summary per class')
    .action(async (o: { project?: string; classes?: string[]; references?: number; annotations?: number; seed?: number; json?: boolean }, cmd: Command) => {
      const rows = await ws(cmd, async (w) => topUpControls(w.store, await resolveProject(w.store, o.project), {
        now: new Date(), ...(o.classes ? { classes: o.classes } : {}), ...(o.references ? { references: o.references } : {}),
        ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.seed ? { seed: o.seed } : {}),
      }));
      if (o.json) return printJson(ctx, rows);
      print(ctx, [`created ${rows.reduce((s, r) => s + r.tasks, 0)} control top-up tasks`, ...rows.map((r) => `  ${r.wnid}  ${r.covered}/${r.references} references covered, ${r.toppedUp} topped up in ${r.tasks} tasks${r.shortfall > 0 ? `; ${r.shortfall} short (too few verified images)` : ''}`)].join('\n'));
    }));

  crowd.command('progress').description('per-class progress: tasks, annotations, candidates done, frequency histogram, agreement')
    .option('--project <name>', 'labeling project (default: the only one)')
    .option('--json', 'JSON array')
    .action(async (o: { project?: string; json?: boolean }, cmd: Command) => {
      const rows = await ws(cmd, async (w) => {
        const loaded = await resolveProject(w.store, o.project);
        const freq = await frequencyTable(w.store, loaded);
        const classes = (await w.store.crowdProjectClasses(loaded.project.id)).map((c) => c.wnid);
        return classSummaries(freq, await w.store.crowdTaskSlots(loaded.project.id, new Date()), classes, loaded.settings.assignmentsPerTask, loaded.settings.seed);
      });
      if (o.json) return printJson(ctx, rows);
      print(ctx, ['class      tasks  open  valid/rej  annotations  done/cand  histogram(<.2 .2 .4 .6 ≥.8)  Fleiss κ [95% CI] (n)  Krippendorff α [95% CI] (n)',
        ...rows.map((r) => `${r.wnid}  ${String(r.tasks).padStart(5)} ${String(r.openSlots).padStart(5)}  ${`${r.validAssignments}/${r.rejectedAssignments}`.padStart(9)}  ${String(r.annotations).padStart(11)}  ${`${r.candidatesDone}/${r.candidates}`.padStart(9)}  ${r.histogram.join(' ').padEnd(27)}  ${f2(r.fleiss.value)} [${f2(r.fleiss.interval?.lower)}, ${f2(r.fleiss.interval?.upper)}] (${r.fleiss.units})  ${f2(r.krippendorff.value)} [${f2(r.krippendorff.interval?.lower)}, ${f2(r.krippendorff.interval?.upper)}] (${r.krippendorff.units})`)].join('\n'));
    });

  crowd.command('frequencies').description('selection frequency per (image, class): selected / shown over valid assignments (ImageNetV2)')
    .option('--project <name>', 'labeling project (default: the only one)')
    .option('--class <wnid>', 'only this class')
    .option('--posterior', 'add the Dawid–Skene posterior P(class) per image')
    .addOption(new Option('--csv', 'CSV (default): image,wnid,selected,shown,frequency,lower,upper,roles,items').conflicts('json'))
    .option('--json', 'JSON array with the same fields')
    .action(async (o: { project?: string; class?: string; posterior?: boolean; csv?: boolean; json?: boolean }, cmd: Command) => {
      if (o.class !== undefined && !/^n\d{8}$/.test(o.class)) throw new UserError(`--class must be a wnid (n + 8 digits), got "${o.class}"`);
      const out = await ws(cmd, async (w): Promise<{ count: number; rowAt: (k: number) => FrequencyRow & { posterior?: number } }> => {
        const loaded = await resolveProject(w.store, o.project);
        const classes = (await w.store.crowdProjectClasses(loaded.project.id)).map((c) => c.wnid);
        if (o.class && !classes.includes(o.class)) throw new UserError(`class ${o.class} is not in project ${loaded.project.name}`);
        if (!o.posterior) {
          // Columns, sorted by typed keys, with each row made as it is printed: a million rows never live at once.
          const table = await frequencyTable(w.store, loaded, o.class ? { wnid: o.class } : {});
          const order = frequencyOrder(table, classes);
          return { count: order.length, rowAt: (k) => table.row(order[k]!) };
        }
        // Dawid–Skene needs every judgment, so this path loads the votes themselves.
        const votes = await loadProjectVotes(w.store, loaded.project.id, o.class);
        const posterior = new Float64Array(votes.pairs.length).fill(Number.NaN);
        for (const wnid of o.class ? [o.class] : classes) classPosterior(votes, wnid).posterior.forEach((p, i) => { if (!Number.isNaN(p)) posterior[i] = p; });
        const rows = sortedRows(frequencyRowsOfVotes(votes).map((r, i) => ({ ...r, posterior: posterior[i]! })), classes);
        return { count: rows.length, rowAt: (k) => rows[k]! };
      });
      if (o.json) {
        // As printJson prints the array, newline included, without making it one string.
        await writeChunks(ctx, jsonArrayChunks(out.count, (k) => withoutHidden(out.rowAt(k)), { indent: 2 }));
        ctx.stdout.write('\n');
      } else {
        await writeChunks(ctx, frequencyCsvChunks(out.count, out.rowAt, { posterior: Boolean(o.posterior) }));
      }
    });

  crowd.command('workers').description('workers with their work and control accuracy (95% Wilson interval, n = controls seen)')
    .option('--project <name>', 'only work in this project')
    .option('--json', 'JSON array')
    .action(async (o: { project?: string; json?: boolean }, cmd: Command) => {
      const rows = await ws(cmd, async (w) => workerReport(w.store, o.project ? await resolveProject(w.store, o.project) : undefined));
      if (o.json) return printJson(ctx, rows);
      print(ctx, ['worker                         kind       sub  appr  rej  aband  median s  control accuracy [95% CI] (n)',
        ...rows.map((r) => `${`${r.name}${r.blocked ? ' (blocked)' : ''}`.padEnd(30)} ${`${r.kind}`.padEnd(10)} ${String(r.assignments.submitted).padStart(4)} ${String(r.assignments.approved).padStart(5)} ${String(r.assignments.rejected).padStart(4)} ${String(r.assignments.abandoned).padStart(6)}  ${(r.medianSeconds === null ? '–' : r.medianSeconds.toFixed(1)).padStart(8)}  ${f2(r.controls.accuracy)} [${f2(r.controls.interval?.lower)}, ${f2(r.controls.interval?.upper)}] (${r.controls.total})`)].join('\n'));
    });

  const worker = crowd.command('worker').description('named worker accounts');
  worker.command('add').description('add a named worker; prints its token once (only a hash is kept)')
    .argument('<name>', 'worker name').option('--json', 'JSON {name, token}')
    .action(async (name: string, o: { json?: boolean }, cmd: Command) => {
      const { worker: w, token } = await ws(cmd, (x) => addAccountWorker(x.store, name, new Date()));
      if (o.json) return printJson(ctx, { name: w.name, token });
      print(ctx, `added worker ${w.name}\ntoken (shown once): ${token}\nwork page: /crowd/projects/PROJECT/work?token=${token}`);
    });
  worker.command('block').description('block a worker (no more tasks; their submits are refused)')
    .argument('<name>', 'worker name').option('--unblock', 'lift the block')
    .action(async (name: string, o: { unblock?: boolean }, cmd: Command) => {
      await ws(cmd, async (w) => setBlocked(w.store, await findWorkerOrThrow(w.store, name), !o.unblock));
      print(ctx, `${o.unblock ? 'unblocked' : 'blocked'} ${name}`);
    });

  crowd.command('review').description('approve or reject work by hand or by control accuracy; rejected work drops out of frequencies')
    .option('--project <name>', 'labeling project (default: the only one)')
    .option('--approve <ids>', 'approve these assignment ids', ids('--approve'))
    .option('--reject <ids>', 'reject these assignment ids', ids('--reject'))
    .option('--worker <name>', 'with --decision: all handed-in work of this worker')
    .addOption(new Option('--decision <d>', 'for --worker').choices(['approve', 'reject']))
    .option('--min-accuracy <x>', 'reject work whose control accuracy is below x (0…1)', fraction('--min-accuracy'))
    .addOption(new Option('--per <unit>', 'judge each worker or each assignment on its controls').choices(['worker', 'assignment']).default('worker'))
    .option('--min-controls <n>', 'judge only with at least n controls (default 6)', int('--min-controls', 1, 1_000_000))
    .option('--block', 'with --per worker: also block the workers below the threshold')
    .option('--approve-rest', 'approve the submitted work that passes')
    .option('--feedback <text>', 'reason stored with a manual decision')
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; approve?: number[]; reject?: number[]; worker?: string; decision?: 'approve' | 'reject'; minAccuracy?: number; per: 'worker' | 'assignment'; minControls?: number; block?: boolean; approveRest?: boolean; feedback?: string; json?: boolean }, cmd: Command) => {
      const modes = [o.approve || o.reject, o.worker, o.minAccuracy !== undefined].filter(Boolean).length;
      if (modes !== 1) throw new UserError('crowd review: give --approve/--reject IDS, or --worker NAME --decision approve|reject, or --min-accuracy X');
      const now = new Date();
      const summary = await ws(cmd, async (w) => {
        const loaded = await resolveProject(w.store, o.project);
        if (o.minAccuracy !== undefined) {
          return reviewByThreshold(w.store, loaded, { minAccuracy: o.minAccuracy, per: o.per, now, ...(o.minControls ? { minControls: o.minControls } : {}), ...(o.block ? { block: true } : {}), ...(o.approveRest ? { approveRest: true } : {}) });
        }
        if (o.worker) {
          if (!o.decision) throw new UserError('crowd review --worker: give --decision approve|reject');
          const n = await reviewWorker(w.store, loaded, await findWorkerOrThrow(w.store, o.worker), o.decision === 'approve' ? 'approved' : 'rejected', o.feedback ?? null, now);
          return { approved: o.decision === 'approve' ? n : 0, rejected: o.decision === 'reject' ? n : 0, blocked: [] };
        }
        return {
          approved: o.approve ? await reviewAssignmentIds(w.store, o.approve, 'approved', o.feedback ?? null, now) : 0,
          rejected: o.reject ? await reviewAssignmentIds(w.store, o.reject, 'rejected', o.feedback ?? null, now) : 0,
          blocked: [],
        };
      });
      if (o.json) return printJson(ctx, summary);
      print(ctx, `approved ${summary.approved}, rejected ${summary.rejected} assignments${summary.blocked.length ? `; blocked ${summary.blocked.join(', ')}` : ''}`);
    });

  crowd.command('simulate').description('simulated workers label through the HTTP API (in-process, or on a real port with --listen); all marked simulated')
    .option('--project <name>', 'labeling project (default: the only one)')
    .requiredOption('--workers <n>', 'number of simulated workers', int('--workers', 1, 10_000))
    .requiredOption('--seed <n>', 'seed for the crowd and its answers', int('--seed', 1, 2 ** 31))
    .option('--spam-rate <x>', 'share of spammers (default 0.2)', fraction('--spam-rate'))
    .option('--max-submits <n>', 'stop after n submits', int('--max-submits', 1, 100_000_000))
    .option('--no-ambiguity', 'every image clear (pure two-coin model)')
    .option('--listen', 'go through a real HTTP server on 127.0.0.1 (port 0) instead of in-process requests')
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; workers: number; seed: number; spamRate?: number; maxSubmits?: number; ambiguity: boolean; listen?: boolean; json?: boolean }, cmd: Command) => {
      const bar = progressBar(ctx);
      const summary = await ws(cmd, async (w) => {
        const loaded = await resolveProject(w.store, o.project);
        const jobs = createInProcessQueue();
        const app = createApp({ ws: w, jobs });
        const server = o.listen ? await listen(app, { port: 0 }) : undefined;
        const fetchFn: CrowdFetch = server ? (path, init) => fetch(`${server.url}${path}`, init) : async (path, init) => app.request(path, init);
        try {
          return await simulateCrowdWork(w.store, loaded, {
            workers: o.workers, seed: o.seed, fetch: fetchFn, now: new Date(), ambiguity: o.ambiguity, onProgress: bar,
            ...(o.spamRate !== undefined ? { spamRate: o.spamRate } : {}), ...(o.maxSubmits ? { maxSubmits: o.maxSubmits } : {}),
          });
        } finally {
          bar.stop();
          await server?.close();
          await jobs.close();
        }
      });
      if (o.json) return printJson(ctx, summary);
      const spammers = summary.workers.filter((x) => x.spammer).length;
      print(ctx, `${summary.workers.length} simulated workers (${spammers} spammers) submitted ${summary.submitted} assignments${summary.errors ? `; ${summary.errors} refused` : ''}`);
    });

  crowd.command('import').description('import crowd work from other systems').addCommand(commandGroup(ctx, 'mturk', 'import an MTurk Batch results CSV (answers joined by |, or QuestionFormAnswers XML) into a project')
    .option('--project <name>', 'labeling project (default: the only one)')
    .requiredOption('--results <file>', 'Batch results CSV (Manage → Results → Download CSV)')
    .requiredOption('--class-column <col>', 'column with the wnid, e.g. Input.wnid')
    .requiredOption('--image-columns <glob>', 'columns with the image URLs or ids, e.g. "Input.img_*"')
    .requiredOption('--answer-column <col>', 'column with the selected images, e.g. Answer.selected')
    .option('--answer-field <id>', 'for QuestionFormAnswers XML in the answer column: the QuestionIdentifier (default selected)')
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; results: string; classColumn: string; imageColumns: string; answerColumn: string; answerField?: string; json?: boolean }, cmd: Command) => {
      const s = await ws(cmd, async (w) => importMturkResults(w.store, await resolveProject(w.store, o.project), o.results, {
        classColumn: o.classColumn, imageColumns: o.imageColumns, answerColumn: o.answerColumn, ...(o.answerField ? { answerField: o.answerField } : {}),
      }, new Date()));
      if (o.json) return printJson(ctx, s);
      print(ctx, `imported ${s.hits} HITs: ${s.assignments.submitted} submitted, ${s.assignments.approved} approved, ${s.assignments.rejected} rejected assignments from ${s.workers.new + s.workers.known} workers (${s.workers.new} new); images: ${s.images.matched} matched, ${s.images.unmatched} unmatched${s.unmatchedKeys.length ? ` (e.g. ${s.unmatchedKeys.slice(0, 3).join(', ')})` : ''}`);
    })).addCommand(commandGroup(ctx, 'label-studio', 'import a Label Studio JSON export of single-image yes/no tasks (each annotation one vote; Yes = selected)')
    .option('--project <name>', 'labeling project (default: the only one)')
    .requiredOption('--file <file>', 'Label Studio JSON export (Export → JSON)')
    .option('--class <wnid>', 'class of tasks whose data has no wnid')
    .option('--from-name <name>', 'the Choices tag with the yes/no answer (default: the only one used)')
    .option('--image-field <key>', 'key of the image URL in task data (default image)')
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; file: string; class?: string; fromName?: string; imageField?: string; json?: boolean }, cmd: Command) => {
      if (o.class !== undefined && !/^n\d{8}$/.test(o.class)) throw new UserError(`--class must be a wnid (n + 8 digits), got "${o.class}"`);
      const s = await ws(cmd, async (w) => importLabelStudio(w.store, await resolveProject(w.store, o.project), o.file, {
        ...(o.class ? { wnid: o.class } : {}), ...(o.fromName ? { fromName: o.fromName } : {}), ...(o.imageField ? { imageField: o.imageField } : {}),
      }, new Date()));
      if (o.json) return printJson(ctx, s);
      const a = s.annotations;
      print(ctx, `imported ${s.tasks} tasks (${s.skippedTasks} without annotations skipped): ${a.submitted} submitted, ${a.approved} approved, ${a.rejected} rejected annotations (${a.cancelled} cancelled skipped), ${s.votes.yes} yes / ${s.votes.no} no, from ${s.workers.new + s.workers.known} annotators (${s.workers.new} new); images: ${s.images.matched} matched, ${s.images.unmatched} unmatched${s.unmatchedKeys.length ? ` (e.g. ${s.unmatchedKeys.slice(0, 3).join(', ')})` : ''}`);
    }));

  crowd.command('export').description('export tasks for other systems').addCommand(commandGroup(ctx, 'mturk', 'write a project\'s tasks as an MTurk batch: batch-input.csv + question.xml (HTMLQuestion)')
    .option('--project <name>', 'labeling project (default: the only one)')
    .requiredOption('--out <dir>', 'output folder')
    .requiredOption('--base-url <url>', 'public URL of this server (image URLs are its opaque /crowd/i/… URLs)')
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; out: string; baseUrl: string; json?: boolean }, cmd: Command) => {
      const r = await ws(cmd, async (w) => exportMturkBatch(w.store, await resolveProject(w.store, o.project), o.out, o.baseUrl));
      if (o.json) return printJson(ctx, r);
      print(ctx, `wrote ${r.tasks} HITs: ${r.files.join(', ')}`);
    })).addCommand(commandGroup(ctx, 'label-studio', 'write a project\'s (image, class) pairs as Label Studio yes/no tasks: tasks.json + label-config.xml')
    .option('--project <name>', 'labeling project (default: the only one)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--base-url <url>', `public URL of this server (image URLs are its opaque /crowd/i/… URLs; default ${DEFAULT_BASE_URL})`)
    .option('--json', 'JSON summary')
    .action(async (o: { project?: string; out: string; baseUrl?: string; json?: boolean }, cmd: Command) => {
      const r = await ws(cmd, async (w) => exportLabelStudio(w.store, await resolveProject(w.store, o.project), o.out, o.baseUrl));
      if (o.json) return printJson(ctx, r);
      print(ctx, `wrote ${r.tasks} Label Studio tasks: ${r.files.join(', ')}`);
    }));

  return crowd;
}

/** A row as printed: `hidden` is for the server's public pages, not an output field. */
function withoutHidden<R extends FrequencyRow>({ hidden: _hidden, ...rest }: R): Omit<R, 'hidden'> {
  return rest;
}
