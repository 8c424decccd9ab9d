import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { LABEL_SPACES } from '../../classes/class-set.js';
import { TABLE_FORMATS } from '../../formats/predictions/tables.js';
import { INTERVAL_METHODS, type IntervalMethod } from '../../stats/binomial-interval.js';
import { METRIC_NAMES } from '../core/metrics.js';
import { parseModeText, type LeaderboardMode } from '../core/leaderboard-mode.js';

/** The config schema version this build reads (`version:` in the file). */
export const CONFIG_VERSION = 1;
/** Default upload cap: 200 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200_000_000;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, starting with a letter or digit (at most 63)');
const instant = z.iso.datetime({ offset: true });
const positiveInt = z.number().int().min(1);

const quota = z.object({
  perDay: positiveInt.optional(),
  total: positiveInt.optional(),
  concurrent: positiveInt.optional(),
}).strict();

const seed = z.number().int().min(1).max(4294967295).default(1);
/** How a phase's images are divided between the public and the private leaderboard. */
const splits = z.union([
  z.object({ public: z.number().gt(0).lt(1), seed }).strict(),
  z.object({ publicSize: positiveInt, seed }).strict(),
  z.object({ usage: z.string().min(1) }).strict(),
]);

const leaderboard = z.union([
  z.string().transform((text, ctx) => {
    const mode = parseModeText(text);
    if (!mode) ctx.addIssue({ code: 'custom', message: 'expected standard, ladder-free, ladder(ETA) or { mode, eta }' });
    return mode ?? { kind: 'standard' as const };
  }),
  z.object({ mode: z.enum(['standard', 'ladder', 'ladder-free']), eta: z.union([z.number().positive(), z.string().regex(/^\d*\.?\d+$/)]).optional() }).strict()
    .refine((m) => (m.mode === 'ladder') === (m.eta !== undefined), 'eta is required for mode ladder and only allowed there')
    .transform((m): LeaderboardMode => (m.mode === 'ladder' ? { kind: 'ladder', eta: String(m.eta) } : { kind: m.mode })),
]);

const phase = z.object({
  name: slug,
  start: instant,
  end: instant,
  quota: quota.default({}),
  splits: splits.default({ public: 0.3, seed: 1 }),
  leaderboard: leaderboard.default({ kind: 'standard' }),
}).strict().refine((p) => Date.parse(p.end) > Date.parse(p.start), { message: 'end must be after start', path: ['end'] });

const baseline = z.object({ name: z.string().min(1).max(80), file: z.string().min(1), phase: slug.optional() }).strict();

const schema = z.object({
  version: z.literal(CONFIG_VERSION),
  name: slug,
  title: z.string().min(1).max(200),
  description: z.string().default(''),
  rules: z.string().default(''),
  dataset: z.string().min(1),
  split: z.string().min(1),
  labelSpace: z.enum(LABEL_SPACES as ['wnid', 'index', 'devkit']).default('devkit'),
  formats: z.array(z.enum(TABLE_FORMATS)).min(1).default([...TABLE_FORMATS]),
  metric: z.enum(METRIC_NAMES),
  interval: z.object({
    method: z.enum(Object.keys(INTERVAL_METHODS) as [IntervalMethod, ...IntervalMethod[]]).default('clopper-pearson'),
    confidence: z.number().gt(0).lt(1).default(0.95),
  }).strict().default({ method: 'clopper-pearson', confidence: 0.95 }),
  /** Family-wise α of the Holm-corrected tests against the leader that form the tie group. */
  tieAlpha: z.number().gt(0).lt(1).default(0.05),
  teamSizeLimit: positiveInt.max(1000).default(5),
  finalSelections: positiveInt.max(100).default(2),
  maxUploadBytes: positiveInt.max(2_000_000_000).default(DEFAULT_MAX_UPLOAD_BYTES),
  hosts: z.array(z.string().min(1)).default([]),
  phases: z.array(phase).min(1),
  baselines: z.array(baseline).default([]),
}).strict().superRefine((c, ctx) => {
  const names = new Set<string>();
  c.phases.forEach((p, i) => {
    if (names.has(p.name)) ctx.addIssue({ code: 'custom', message: `phase name "${p.name}" is used twice`, path: ['phases', i, 'name'] });
    names.add(p.name);
  });
  c.baselines.forEach((b, i) => {
    if (b.phase !== undefined && !names.has(b.phase)) ctx.addIssue({ code: 'custom', message: `no phase named "${b.phase}"`, path: ['baselines', i, 'phase'] });
  });
});

/** A validated challenge config (see docs/challenges.md for every field). */
export type ChallengeConfig = z.output<typeof schema>;
export type PhaseConfig = ChallengeConfig['phases'][number];

/**
 * Parses and validates a challenge config written in YAML or JSON (JSON is YAML). Errors name the first bad field,
 * e.g. `challenge.yaml: phases.0.end: end must be after start`.
 */
export function parseChallengeConfig(text: string, file: string): ChallengeConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new UserError(`${file}: not valid YAML or JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return validateChallengeConfig(raw, file);
}

/** Validates an already-parsed config object (the stored JSON, or a test's literal). */
export function validateChallengeConfig(raw: unknown, file: string): ChallengeConfig {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${file}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return r.data;
}
