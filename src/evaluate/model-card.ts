import { z } from 'zod';
import { UserError } from '../errors.js';

/**
 * A model card: free-form JSON with a few fields that, when present, must have these types. Everything else is kept
 * as given (the zoo's cards add training and test details).
 */
export const modelCardSchema = z.looseObject({
  family: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  parameters: z.number().int().nonnegative().optional(),
  training: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  notes: z.string().max(20000).optional(),
  license: z.string().max(2000).optional(),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

/** Parses a card's JSON text; errors name the file and the first bad field. */
export function parseModelCard(text: string, file: string): ModelCard {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const r = modelCardSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${file}: model card ${issue.path.length ? `field "${issue.path.join('.')}"` : 'value'}: ${issue.message}`);
  }
  return r.data;
}
