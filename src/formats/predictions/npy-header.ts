import { UserError } from '../../errors.js';

/** The .npy element types Heldout reads: little-endian, as numpy writes them on every common machine. */
export const NPY_DTYPES = { '<i4': 'int32', '<i8': 'int64', '<f4': 'float32', '<f8': 'float64' } as const;
export type NpyDtype = (typeof NPY_DTYPES)[keyof typeof NPY_DTYPES];

export interface NpyHeader {
  readonly dtype: NpyDtype;
  readonly itemSize: 4 | 8;
  readonly shape: readonly number[];
  /** Byte offset of the first element. */
  readonly dataOffset: number;
}

/** Longest header accepted (numpy's own reader stops at 10,000 bytes by default). */
const MAX_HEADER = 1 << 16;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Reads the .npy preamble (magic, version, header dict) from the start of a file. Returns undefined while more
 * bytes are needed. Fortran order, big-endian and other dtypes are refused with a message saying how to convert.
 *
 * @example parseNpyHeader(bytes, 'top5.npy') // → { dtype: 'int64', itemSize: 8, shape: [50000, 5], dataOffset: 128 }
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader | undefined {
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new UserError(`${file}: not a .npy file (bad magic bytes)`);
  }
  if (bytes.length < 10) return undefined;
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new UserError(`${file}: unsupported .npy format version ${major}.${bytes[7]}`);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) return undefined;
  let len = 0;
  for (let i = lenBytes - 1; i >= 0; i--) len = len * 256 + bytes[8 + i]!;
  if (len > MAX_HEADER) throw new UserError(`${file}: .npy header of ${len} bytes is implausibly long`);
  const dataOffset = 8 + lenBytes + len;
  if (bytes.length < dataOffset) return undefined;
  let text = '';
  for (let i = 8 + lenBytes; i < dataOffset; i++) text += String.fromCharCode(bytes[i]!);
  return { ...parseHeaderDict(text.trim(), file), dataOffset };
}

function parseHeaderDict(text: string, file: string): Omit<NpyHeader, 'dataOffset'> {
  const bad = (why: string) => new UserError(`${file}: malformed .npy header (${why})`);
  if (!text.startsWith('{') || !text.endsWith('}')) throw bad('not a dictionary');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)\b/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined) throw bad('no descr');
  if (fortran === undefined) throw bad('no fortran_order');
  if (shapeText === undefined) throw bad('no shape');
  if (fortran === 'True') throw new UserError(`${file}: Fortran-ordered array; save a C-ordered copy (np.save(f, np.ascontiguousarray(a)))`);
  const dtype = (NPY_DTYPES as Record<string, NpyDtype | undefined>)[descr];
  if (dtype === undefined) {
    const hint = descr.startsWith('>') ? 'big-endian arrays are not supported; save a.astype(a.dtype.newbyteorder("<"))' : 'supported: int32, int64, float32, float64 (little-endian)';
    throw new UserError(`${file}: dtype ${JSON.stringify(descr.slice(0, 20))} is not supported (${hint})`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    if (!/^\d{1,15}L?$/.test(s)) throw bad(`shape entry ${JSON.stringify(s.slice(0, 20))}`);
    return Number(s.replace('L', ''));
  });
  return { dtype, itemSize: dtype === 'int32' || dtype === 'float32' ? 4 : 8, shape };
}
