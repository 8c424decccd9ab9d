import { UserError } from '../errors.js';

/** One class of a class set. `index` is the position of the wnid in the sorted wnid list (PyTorch / ImageNetV2 order). */
export interface ClassEntry {
  readonly wnid: string;
  /** Devkit-style ID, 1-based, in the set's own order (ILSVRC2012_ID for ilsvrc2012). */
  readonly devkitId: number;
  readonly index: number;
  readonly name: string;
}

export type LabelSpace = 'wnid' | 'index' | 'devkit';
export const LABEL_SPACES: readonly LabelSpace[] = ['wnid', 'index', 'devkit'];

/**
 * An ordered set of WordNet classes with explicit conversions between the three label spaces.
 * Devkit IDs follow the order the classes were given in; indices follow sorted wnids.
 *
 * @example
 * const cs = ClassSet.fromWnids('demo', ['n2', 'n1']); cs.byDevkitId(1).index // → 1
 */
export class ClassSet {
  readonly entries: readonly ClassEntry[];
  private readonly byWnidMap = new Map<string, ClassEntry>();
  private readonly byIndexArr: ClassEntry[] = [];

  private constructor(readonly name: string, entries: ClassEntry[]) {
    this.entries = entries;
    for (const e of entries) {
      this.byWnidMap.set(e.wnid, e);
      this.byIndexArr[e.index] = e;
    }
  }

  /** Builds a set from wnids in devkit order; indices are assigned by sorting the wnids. */
  static fromWnids(name: string, wnids: readonly string[], names?: readonly string[]): ClassSet {
    const seen = new Set<string>();
    for (const w of wnids) {
      if (!/^n\d{8}$/.test(w)) throw new UserError(`class set ${name}: "${w}" is not a WordNet noun id (n + 8 digits)`);
      if (seen.has(w)) throw new UserError(`class set ${name}: wnid ${w} appears twice`);
      seen.add(w);
    }
    const sorted = [...wnids].sort();
    const indexOf = new Map(sorted.map((w, i) => [w, i]));
    const entries = wnids.map((wnid, i) => ({ wnid, devkitId: i + 1, index: indexOf.get(wnid)!, name: names?.[i] ?? wnid }));
    return new ClassSet(name, entries);
  }

  get size(): number {
    return this.entries.length;
  }

  hasWnid(wnid: string): boolean {
    return this.byWnidMap.has(wnid);
  }

  byWnid(wnid: string): ClassEntry {
    const e = this.byWnidMap.get(wnid);
    if (!e) throw new UserError(`wnid ${wnid} is not in class set ${this.name}`);
    return e;
  }

  byIndex(index: number): ClassEntry {
    const e = Number.isInteger(index) ? this.byIndexArr[index] : undefined;
    if (!e) throw new UserError(`index ${index} is out of range for class set ${this.name} (0..${this.size - 1})`);
    return e;
  }

  byDevkitId(id: number): ClassEntry {
    const e = Number.isInteger(id) ? this.entries[id - 1] : undefined;
    if (!e) throw new UserError(`devkit ID ${id} is out of range for class set ${this.name} (1..${this.size})`);
    return e;
  }

  /** Parses a label token in the given space and returns its class; throws a UserError naming the token. */
  parse(token: string, space: LabelSpace): ClassEntry {
    if (space === 'wnid') return this.byWnid(token);
    if (!/^\d+$/.test(token)) throw new UserError(`"${token}" is not a ${space === 'index' ? 'class index' : 'devkit ID'}`);
    const n = Number(token);
    return space === 'index' ? this.byIndex(n) : this.byDevkitId(n);
  }

  /** Converts a label between spaces, e.g. devkit → index. */
  convert(token: string, from: LabelSpace, to: LabelSpace): string {
    const e = this.parse(token, from);
    return to === 'wnid' ? e.wnid : String(to === 'index' ? e.index : e.devkitId);
  }
}
