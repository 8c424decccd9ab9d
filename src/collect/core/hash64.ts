/**
 * A 64-bit perceptual hash. Held as a bigint at the edges (parsing, storage, display) and as two unsigned 32-bit
 * halves inside indexes, because bigint arithmetic is about 20× slower than int32 arithmetic in V8.
 */
export type Hash64 = bigint;

const MASK64 = (1n << 64n) - 1n;
const HEX16 = /^[0-9a-f]{16}$/;

/** 16 lower-case hex digits, most significant first: the form hashes are stored and shown in. */
export function hashToHex(h: Hash64): string {
  return (h & MASK64).toString(16).padStart(16, '0');
}

/** Inverse of {@link hashToHex}; throws a RangeError for anything but 16 hex digits. */
export function hashFromHex(hex: string): Hash64 {
  const s = hex.toLowerCase();
  if (!HEX16.test(s)) throw new RangeError(`"${hex}" is not a 64-bit hash (16 hex digits)`);
  return BigInt(`0x${s}`);
}

/** The high and low unsigned 32-bit halves of a hash. */
export function hashHalves(h: Hash64): [hi: number, lo: number] {
  const v = h & MASK64;
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}

/** Inverse of {@link hashHalves}. */
export function hashFromHalves(hi: number, lo: number): Hash64 {
  // `>>> 0` reads signed (Int32Array) and unsigned halves alike.
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Builds a hash from 64 bits, first bit = most significant (the order dHash and pHash produce them in). */
export function hashFromBits(bits: ArrayLike<boolean | number>): Hash64 {
  if (bits.length !== 64) throw new RangeError(`a 64-bit hash needs 64 bits, got ${bits.length}`);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) hi = ((hi << 1) | (bits[i] ? 1 : 0)) >>> 0;
  for (let i = 32; i < 64; i++) lo = ((lo << 1) | (bits[i] ? 1 : 0)) >>> 0;
  return hashFromHalves(hi, lo);
}

/**
 * Many hashes as two parallel Int32Arrays (the same bits as the unsigned halves): 8 bytes per hash and no per-hash
 * objects, so 1.28 million reference hashes take 10 MB. Signed storage because V8 keeps int32 values unboxed, while
 * Uint32Array elements above 2^31 are read as doubles and make Hamming loops ~1.5× slower.
 */
export interface PackedHashes {
  readonly hi: Int32Array;
  readonly lo: Int32Array;
}

/** Packs bigint hashes into {@link PackedHashes}, keeping their order (index i of the result is hashes[i]). */
export function packHashes(hashes: readonly Hash64[]): PackedHashes {
  const hi = new Int32Array(hashes.length);
  const lo = new Int32Array(hashes.length);
  hashes.forEach((h, i) => {
    const [a, b] = hashHalves(h);
    hi[i] = a;
    lo[i] = b;
  });
  return { hi, lo };
}
