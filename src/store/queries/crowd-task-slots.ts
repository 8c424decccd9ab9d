import { TextColumn, TextColumnBuilder } from '../areas/text-column.js';

/**
 * The packed form of a task's images (`crowd_task_slots.packed`, migration 0011): what selection frequencies need of
 * each image slot, in display order, as one text per task, so reading a project takes one row per task instead of one
 * per task image. Tasks and items never change once written, so the copy never goes stale.
 *
 * Format: `<slots>|`, then per slot a header `<pair>,<item>,<split>,<role>,<key>,<sha>,<ref>:` followed by the strings
 * it announces (custom role, image key, sha256, item ref). Headers are short because most slots repeat their
 * neighbour: `1,1,,c,64,,20:` is "the next pair, the next item, same split, a candidate, a 64-character key that is also
 * its sha256, a 20-character item ref".
 * - pair: the pair id minus the previous slot's (0 before the first slot);
 * - item: empty for none, else the item id minus the previous slot's item id that was not none (0 before any);
 * - split: empty when equal to the previous slot's (0 before the first slot and for slots without item), else the id;
 * - role: `c`, `p` or `n` for candidate, positive, negative; else the length of the role text that follows;
 * - key: its length; sha: empty when equal to the key, `-` for null, else its length; ref: empty for null, else its
 *   length.
 * Lengths are in UTF-16 code units (what JavaScript writes and reads back), so a key or name may hold any character.
 */
export interface TaskSlot {
  readonly pairId: number;
  readonly role: string;
  readonly itemId: number | null;
  readonly itemSplitId: number | null;
  /** `dataset/split/name` of the item (datasets, splits and items are never renamed, so the copy stays true). */
  readonly itemRef: string | null;
  readonly imageKey: string;
  readonly imageSha256: string | null;
}

const ROLE_CODE = new Map([['candidate', 'c'], ['positive', 'p'], ['negative', 'n']]);
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const BAR = 124;
const C = 99;
const P = 112;
const N = 110;

/** Packs a task's slots (in position order). */
export function packTaskSlots(slots: readonly TaskSlot[]): string {
  const parts: string[] = [`${slots.length}|`];
  let pair = 0;
  let item = 0;
  let split = 0;
  for (const s of slots) {
    const code = ROLE_CODE.get(s.role);
    const splitId = s.itemId === null ? 0 : (s.itemSplitId ?? 0);
    const sha = s.imageSha256 === s.imageKey ? '' : s.imageSha256 === null ? '-' : String(s.imageSha256.length);
    parts.push(`${s.pairId - pair},${s.itemId === null ? '' : s.itemId - item},${splitId === split ? '' : splitId},`
      + `${code ?? s.role.length},${s.imageKey.length},${sha},${s.itemRef === null || s.itemId === null ? '' : s.itemRef.length}:`);
    if (code === undefined) parts.push(s.role);
    parts.push(s.imageKey);
    if (s.imageSha256 !== null && s.imageSha256 !== s.imageKey) parts.push(s.imageSha256);
    if (s.itemRef !== null && s.itemId !== null) parts.push(s.itemRef);
    pair = s.pairId;
    if (s.itemId !== null) item = s.itemId;
    split = splitId;
  }
  return parts.join('');
}

// The record being read: a cursor and the decoded header (module state, so the hot loop calls no closure).
let at = 0;
let pairId = 0;
let itemId = 0;
let splitId = 0;
let role: string | null = null;
let roleLength = 0;
let keyLength = 0;
let shaLength = 0;
let refLength = 0;

function bad(what: string): never {
  throw new Error(`packed task slots: ${what}`);
}

/** A signed decimal at the cursor, which must end with `end`; the cursor moves past `end`. */
function int(text: string, end: number): number {
  let c = text.charCodeAt(at);
  let sign = 1;
  if (c === MINUS) {
    sign = -1;
    c = text.charCodeAt(++at);
  }
  const first = at;
  let v = 0;
  while (c >= 48 && c <= 57) {
    v = v * 10 + c - 48;
    c = text.charCodeAt(++at);
  }
  if (at === first || c !== end) bad('bad number');
  at++;
  return sign * v;
}

/** The slot count of the task text at `pos`; the cursor moves to its first record. */
function beginTask(text: string, pos: number): number {
  at = pos;
  const n = int(text, BAR);
  pairId = 0;
  itemId = 0;
  splitId = 0;
  return n;
}

/** Decodes one header; the cursor is left on the record's strings. `lastItem` is the previous non-none item id. */
function readHeader(text: string, lastItem: number): void {
  pairId += int(text, COMMA);
  if (text.charCodeAt(at) === COMMA) {
    at++;
    itemId = 0;
  } else itemId = lastItem + int(text, COMMA);
  if (text.charCodeAt(at) === COMMA) {
    at++;
    if (itemId === 0) splitId = 0;
  } else splitId = int(text, COMMA);
  const c = text.charCodeAt(at);
  if ((c === C || c === P || c === N) && text.charCodeAt(at + 1) === COMMA) {
    role = c === C ? 'candidate' : c === P ? 'positive' : 'negative';
    roleLength = 0;
    at += 2;
  } else {
    role = null;
    roleLength = int(text, COMMA);
  }
  keyLength = int(text, COMMA);
  const s = text.charCodeAt(at);
  if (s === COMMA) {
    shaLength = -2;
    at++;
  } else if (s === MINUS && text.charCodeAt(at + 1) === COMMA) {
    shaLength = -1;
    at += 2;
  } else shaLength = int(text, COMMA);
  if (text.charCodeAt(at) === COLON) {
    refLength = -1;
    at++;
  } else refLength = int(text, COLON);
  if (pairId < 1 || itemId < 0 || roleLength < 0 || keyLength < 0 || shaLength < -2 || refLength < -1) bad('bad header');
  if (at + roleLength + keyLength + Math.max(shaLength, 0) + Math.max(refLength, 0) > text.length) bad('truncated');
}

/** Unpacks one task's text into slot objects (tests and small reads; {@link TaskSlotReader} reads many tasks). */
export function unpackTaskSlots(text: string): TaskSlot[] {
  const out: TaskSlot[] = [];
  const n = beginTask(text, 0);
  let lastItem = 0;
  for (let k = 0; k < n; k++) {
    readHeader(text, lastItem);
    const r = role ?? text.substring(at, (at += roleLength));
    const imageKey = text.substring(at, (at += keyLength));
    const imageSha256 = shaLength === -2 ? imageKey : shaLength === -1 ? null : text.substring(at, (at += shaLength));
    const itemRef = refLength === -1 ? null : text.substring(at, (at += refLength));
    out.push({ pairId, role: r, itemId: itemId === 0 ? null : itemId, itemSplitId: itemId === 0 ? null : splitId, itemRef, imageKey, imageSha256 });
    if (itemId !== 0) lastItem = itemId;
  }
  if (at !== text.length) bad('trailing text');
  return out;
}

/** Role codes of the task slot columns: 0–2 the standard roles; a custom role text gets the next free code. */
const STANDARD_ROLES = ['candidate', 'positive', 'negative'] as const;

/**
 * Reads the packed texts of many tasks into columns and numbers their (image, class) pairs densely in order of first
 * appearance as it goes: pair ids map to indexes through an `Int32Array` over the ids seen (no Map). A pair's first
 * image is recorded as ranges of the text it was read from ({@link TextColumn}), so reading makes no string per image;
 * only an item that a pair shows besides its first one has its ref cut out of the text.
 */
export class TaskSlotReader {
  /** Slots read so far. */
  length = 0;
  pair = new Int32Array(1024);
  itemId = new Int32Array(1024);
  /** Per slot, an index into `roleNames`. */
  role = new Uint8Array(1024);
  readonly roleNames: string[] = [...STANDARD_ROLES];
  pairs = 0;
  /** The texts read so far: the three columns below are ranges of them. */
  private readonly texts: string[] = [];
  private readonly keys = new TextColumnBuilder(this.texts);
  private readonly shas = new TextColumnBuilder(this.texts);
  private readonly refs = new TextColumnBuilder(this.texts);
  pairItemId = new Int32Array(1024);
  pairItemSplitId = new Int32Array(1024);
  readonly otherItems = new Map<number, { readonly splitId: number; readonly ref: string }>();
  /** Pair index + 1 by pair id - `base` (0: not seen). */
  private index = new Int32Array(0);
  private base = 0;
  /** Index in `texts` of the text being read. */
  private textNumber = -1;

  /** Reads the task packed at `pos` of `text` (texts of several tasks may follow each other); returns where it ends. */
  read(text: string, pos: number): number {
    const n = beginTask(text, pos);
    if (text !== this.texts[this.textNumber]) this.textNumber = this.texts.push(text) - 1;
    if (this.length + n > this.pair.length) {
      const size = Math.max(this.length + n, this.pair.length * 2);
      this.pair = grown(this.pair, size);
      this.itemId = grown(this.itemId, size);
      const role = new Uint8Array(size);
      role.set(this.role);
      this.role = role;
    }
    let lastItem = 0;
    for (let k = 0; k < n; k++) {
      readHeader(text, lastItem);
      const j = this.length++;
      this.role[j] = role === null ? this.roleCode(text.substring(at, at + roleLength)) : role === 'candidate' ? 0 : role === 'positive' ? 1 : 2;
      at += roleLength;
      let p = this.indexOf(pairId);
      if (p < 0) p = this.addPair();
      else if (itemId !== 0 && itemId !== this.pairItemId[p] && !this.otherItems.has(itemId)) {
        const ref = at + keyLength + Math.max(shaLength, 0);
        this.otherItems.set(itemId, { splitId, ref: refLength < 0 ? '' : text.substring(ref, ref + refLength) });
      }
      at += keyLength + Math.max(shaLength, 0) + Math.max(refLength, 0);
      this.pair[j] = p;
      this.itemId[j] = itemId;
      if (itemId !== 0) lastItem = itemId;
    }
    return at;
  }

  /** Per pair, as its first task image has it. */
  columns(): { readonly pairImageKey: TextColumn; readonly pairImageSha256: TextColumn; readonly pairItemRef: TextColumn } {
    return { pairImageKey: this.keys.build(), pairImageSha256: this.shas.build(), pairItemRef: this.refs.build() };
  }

  private roleCode(name: string): number {
    let code = this.roleNames.indexOf(name);
    if (code < 0) code = this.roleNames.push(name) - 1;
    if (code > 255) bad('more than 256 roles');
    return code;
  }

  private indexOf(id: number): number {
    const i = id - this.base;
    if (i >= 0 && i < this.index.length) return this.index[i]! - 1;
    // Ids outside the range seen so far: widen it (to twice the span, so a project's ascending ids rarely copy).
    const low = this.index.length === 0 ? id : Math.min(this.base, id);
    const high = this.index.length === 0 ? id : Math.max(this.base + this.index.length - 1, id);
    const span = high - low + 1;
    const base = id < this.base ? Math.max(1, high - 2 * span + 1) : low;
    const index = new Int32Array(Math.max(2 * span, 1024));
    if (this.index.length > 0) index.set(this.index, this.base - base);
    this.index = index;
    this.base = base;
    return -1;
  }

  private addPair(): number {
    const p = this.pairs++;
    this.index[pairId - this.base] = p + 1;
    if (p === this.pairItemId.length) {
      this.pairItemId = grown(this.pairItemId, 2 * p);
      this.pairItemSplitId = grown(this.pairItemSplitId, 2 * p);
    }
    const t = this.textNumber;
    const sha = at + keyLength;
    this.keys.push(t, at, keyLength);
    if (shaLength === -2) this.shas.push(t, at, keyLength);
    else this.shas.push(t, sha, shaLength);
    this.refs.push(t, sha + Math.max(shaLength, 0), refLength);
    this.pairItemId[p] = itemId;
    this.pairItemSplitId[p] = itemId === 0 ? 0 : splitId;
    return p;
  }
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * An assignment's selections as `crowd_assignments.selections` holds them: the selected images' positions in the task,
 * ascending, comma-separated ('' for none). Migration 0011 writes the same text from `crowd_votes` with `string_agg`.
 */
export function selectionsText(positions: readonly number[]): string {
  return [...positions].sort((a, b) => a - b).join(',');
}
