import { z } from 'zod';
import { UserError } from '../errors.js';

/** Panel (Prolific-style) recruiting: which URL parameters carry the ids, and how a session ends. */
const panelSchema = z.object({
  /** Prefix of panel workers' names, e.g. `prolific:5f…`. */
  name: z.string().regex(/^[a-z0-9-]{1,32}$/).default('prolific'),
  workerParam: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).default('PROLIFIC_PID'),
  studyParam: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).default('STUDY_ID'),
  sessionParam: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).default('SESSION_ID'),
  /** Shown to the worker at the end of a session, and put into `redirectUrl` for `{code}`. */
  completionCode: z.string().min(1).max(64).optional(),
  /** Where to send the worker at the end, e.g. `https://app.prolific.com/submissions/complete?cc={code}`. */
  redirectUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Tasks per panel session before the completion code (or fewer, when no task is left). */
  tasksPerSession: z.number().int().min(1).max(1000).default(3),
});

/** Optional qualification: practice grids of controls with known answers that a worker must pass first. */
const qualificationSchema = z.object({
  /** Practice grids per attempt. */
  grids: z.number().int().min(1).max(20),
  /** Images per practice grid (half positives, half negatives of the most similar class). */
  imagesPerGrid: z.number().int().min(2).max(48).default(12),
  /** Share of practice images answered right needed to pass. */
  minAccuracy: z.number().min(0).max(1).default(0.8),
  /** Attempts a worker gets (a failed attempt may be retried until they are used up). */
  attempts: z.number().int().min(1).max(10).default(2),
});

/** A labeling project's settings, stored as JSON in `crowd_projects.settings`. Defaults follow ImageNetV2. */
export const projectSettingsSchema = z.object({
  composition: z.object({
    candidates: z.number().int().min(1).max(194).default(42),
    positives: z.number().int().min(0).max(64).default(3),
    negatives: z.number().int().min(0).max(64).default(3),
  }).default({ candidates: 42, positives: 3, negatives: 3 }),
  /** ImageNetV2: MaxAssignments 10; a candidate stops being scheduled at this many valid assignments. */
  assignmentsPerTask: z.number().int().min(1).max(100).default(10),
  /** ImageNetV2: AssignmentDurationInSeconds 600. */
  leaseSeconds: z.number().int().min(30).max(86_400).default(600),
  /** Seed for grid shuffles (task creation n uses seed + n, so reruns differ but stay reproducible). */
  seed: z.number().int().min(1).max(2 ** 31).default(1),
  /** Anyone opening the worker page gets an anonymous worker id by cookie (the demo's open grid). */
  allowVisitors: z.boolean().default(false),
  panel: panelSchema.default(panelSchema.parse({})),
  /** Practice before real tasks (null: none): grids of known answers built from the controls split. */
  qualification: qualificationSchema.nullable().default(null),
});

export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

/** Validates settings given by a user (CLI flags, API) and fills defaults. */
export function parseProjectSettings(input: unknown): ProjectSettings {
  const r = projectSettingsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserError(`project settings: ${i?.path.join('.') || '(root)'}: ${i?.message}`);
  }
  return r.data;
}

const parsed = new Map<string, ProjectSettings>();

/**
 * Reads stored settings (written by {@link parseProjectSettings}, so they parse; defaults fill fields added later).
 * Memoised by the JSON text: the worker API reads them on every request.
 */
export function readProjectSettings(json: string): ProjectSettings {
  let s = parsed.get(json);
  if (!s) {
    s = parseProjectSettings(JSON.parse(json));
    if (parsed.size > 1000) parsed.clear();
    parsed.set(json, s);
  }
  return s;
}
