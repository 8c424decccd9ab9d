import type { Progress } from '../../progress.js';

/** A BullMQ job's progress field as our Progress, when a handler reported one (BullMQ also allows plain numbers). */
export function progressOf(raw: unknown): Progress | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  if (typeof p.phase !== 'string' || typeof p.done !== 'number' || typeof p.total !== 'number') return undefined;
  return { phase: p.phase, done: p.done, total: p.total };
}
