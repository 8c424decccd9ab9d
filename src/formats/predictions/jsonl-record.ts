import { UserError } from '../../errors.js';
import type { LabelDecoder } from './label-decoder.js';
import { showToken } from './label-decoder.js';

/** Parses one JSONL line into an object; anything else is a UserError naming `file:line`. */
export function jsonObject(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}:${line}: not valid JSON (${err instanceof Error ? err.message.slice(0, 80) : 'parse error'})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`${file}:${line}: expected a JSON object per line`);
  return value as Record<string, unknown>;
}

/** The record's `image_id`: a non-empty string, or an integer (read as its decimal string). */
export function jsonImageId(rec: Record<string, unknown>, file: string, line: number): string {
  const id = rec.image_id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  throw new UserError(`${file}:${line}: "image_id" must be a non-empty string or an integer`);
}

/** A JSON label value: integers for devkit/index spaces (numeric strings accepted), strings for wnids. */
/** `where` prefixes error messages, e.g. `p.jsonl:3: top[1]`. */
export function jsonLabel(value: unknown, decoder: LabelDecoder, where: string): number {
  if (typeof value === 'number') {
    const cls = decoder.int(value);
    if (cls < 0) {
      const why = decoder.space === 'wnid' ? `${value} is not a wnid (wnids are strings like "n01440764")` : decoder.explain(String(value));
      throw new UserError(`${where}: ${why}`);
    }
    return cls;
  }
  if (typeof value === 'string') {
    const cls = decoder.token(value, 0, value.length);
    if (cls < 0) throw new UserError(`${where}: ${decoder.explain(value)}`);
    return cls;
  }
  throw new UserError(`${where}: ${showToken(JSON.stringify(value) ?? String(value))} is not a label (expected ${decoder.space === 'wnid' ? 'a wnid string' : 'an integer'})`);
}
