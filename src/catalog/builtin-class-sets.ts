import { readFileSync } from 'node:fs';
import { ClassSet } from '../classes/class-set.js';
import { parseClassTable } from '../classes/parse-class-table.js';
import { packageDataPath } from '../paths.js';
import { UserError } from '../errors.js';

/** Class sets that ship with Heldout, by name. Loaded lazily and cached. */
export const BUILTIN_CLASS_SETS = {
  ilsvrc2012: 'classes/ilsvrc2012_classes.tsv',
  'fashion-mnist': 'classes/fashion-mnist_classes.tsv',
} as const;
export type BuiltinClassSetName = keyof typeof BUILTIN_CLASS_SETS;

const cache = new Map<string, ClassSet>();

export function isBuiltinClassSet(name: string): name is BuiltinClassSetName {
  return Object.hasOwn(BUILTIN_CLASS_SETS, name);
}

/** Loads a built-in class set, e.g. `loadBuiltinClassSet('ilsvrc2012').byDevkitId(1).wnid === 'n02119789'`. */
export function loadBuiltinClassSet(name: string): ClassSet {
  if (!isBuiltinClassSet(name)) {
    throw new UserError(`unknown class set "${name}" (built-in: ${Object.keys(BUILTIN_CLASS_SETS).join(', ')}; or give a file)`);
  }
  let set = cache.get(name);
  if (!set) {
    const file = packageDataPath(BUILTIN_CLASS_SETS[name]);
    set = parseClassTable(name, readFileSync(file, 'utf8'), file);
    cache.set(name, set);
  }
  return set;
}

/** A built-in name or a path to a class table file (TSV with a wnid column, or one wnid per line). */
export function resolveClassSet(nameOrFile: string): ClassSet {
  if (isBuiltinClassSet(nameOrFile)) return loadBuiltinClassSet(nameOrFile);
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch {
    throw new UserError(`class set "${nameOrFile}" is neither built-in (${Object.keys(BUILTIN_CLASS_SETS).join(', ')}) nor a readable file`);
  }
  return parseClassTable(nameOrFile, text, nameOrFile);
}
