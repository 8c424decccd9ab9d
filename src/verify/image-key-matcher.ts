import type { ItemRow, Store } from '../store/store.js';

/** A stored item an imported image key names, and whether it lies in the project's controls split. */
export interface KeyMatch {
  readonly item: ItemRow;
  readonly control: boolean;
}

/**
 * Finds the stored item an imported key names: source URL, item name, file stem, or sha256; pool first, then controls
 * (shared by the MTurk and Label Studio imports).
 */
export async function imageKeyMatcher(store: Store, poolSplitId: number, controlsSplitId: number | null): Promise<(key: string) => KeyMatch | undefined> {
  const index = new Map<string, KeyMatch>();
  const stem = (s: string) => s.replace(/[?#].*$/, '').replace(/^.*\//, '').replace(/\.[A-Za-z0-9]+$/, '');
  for (const [splitId, control] of [[controlsSplitId, true], [poolSplitId, false]] as const) {
    if (splitId === null) continue;
    for (const item of await store.listItems(splitId)) {
      for (const k of [item.source_url, item.name, stem(item.name), item.image_sha256]) if (k) index.set(k, { item, control });
    }
  }
  return (key) => index.get(key) ?? index.get(stem(key));
}
