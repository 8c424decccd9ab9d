import type { TableFormat } from './tables.js';

const BY_EXTENSION: Readonly<Record<string, TableFormat>> = { npy: 'npy', csv: 'csv', jsonl: 'jsonl', ndjson: 'jsonl', txt: 'ilsvrc' };

/**
 * Picks a file's format from its extension (.npy, .csv, .jsonl/.ndjson, .txt = ILSVRC), else from its first bytes:
 * the .npy magic, a `{` (JSON Lines), a comma on the first line (CSV), anything else ILSVRC text.
 *
 * @example detectFormat('val_top5.txt', head) // → 'ilsvrc'
 */
export function detectFormat(fileName: string, head: Uint8Array): TableFormat {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const byExt = dot > 0 ? BY_EXTENSION[base.slice(dot + 1).toLowerCase()] : undefined;
  if (byExt !== undefined) return byExt;
  if (head[0] === 0x93 && head[1] === 0x4e && head[2] === 0x55) return 'npy';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (head[i] === 0x7b) return 'jsonl';
  for (; i < head.length && head[i] !== 10; i++) if (head[i] === 0x2c) return 'csv';
  return 'ilsvrc';
}
