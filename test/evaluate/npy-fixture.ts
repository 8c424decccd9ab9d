import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** A gzipped .npy fixture (uint8 or little-endian float32, C order), as written by tools/reference/make_preset_tensors.py. */
export async function readNpyGz(file: string): Promise<{ shape: number[]; data: Uint8Array | Float32Array }> {
  const bytes = gunzipSync(await readFile(file));
  const headerLen = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLen).toString('latin1');
  const descr = /'descr': '([^']+)'/.exec(header)?.[1];
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = bytes.subarray(10 + headerLen);
  if (descr === '|u1') return { shape, data: new Uint8Array(body) };
  if (descr === '<f4') return { shape, data: new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)) };
  throw new Error(`${file}: unexpected dtype ${descr}`);
}
