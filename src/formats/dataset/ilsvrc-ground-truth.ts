import { UserError } from '../../errors.js';
import { textLines } from './text-lines.js';

/**
 * Parses an ILSVRC ground-truth file (`ILSVRC2012_validation_ground_truth.txt`): one devkit class ID per line, line i
 * belonging to the i-th image in sorted file-name order. Returns the IDs in line order. Tolerates BOM, CRLF and
 * surrounding spaces; a blank or non-numeric line is an error naming `file:line`.
 */
export function parseGroundTruth(text: string, file: string): number[] {
  return textLines(text).map(({ line, text: t }) => {
    const token = t.trim();
    if (!/^\d+$/.test(token)) {
      throw new UserError(`${file}:${line}: ${token === '' ? 'empty line' : `"${token}"`} is not a devkit class ID (one positive integer per line)`);
    }
    return Number(token);
  });
}
