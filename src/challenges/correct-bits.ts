/** Packs a 0/1 vector into bits (8 images per byte), base64: 50,000 images take 8.4 kB in a text column. */
export function packBits(v: Uint8Array): string {
  const out = Buffer.alloc(Math.ceil(v.length / 8));
  for (let i = 0; i < v.length; i++) if (v[i]) out[i >> 3]! |= 1 << (i & 7);
  return out.toString('base64');
}

/** The inverse of {@link packBits}. */
export function unpackBits(text: string, n: number): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (bytes[i >> 3]! >> (i & 7)) & 1;
  return out;
}
