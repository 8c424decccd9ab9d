import type { DatasetStore } from './areas/dataset-store.js';
import type { CollectStore } from './areas/collect-store.js';
import type { ChallengeStore } from './areas/challenge-store.js';
import type { CrowdStore } from './areas/crowd-store.js';
import type { TestbedStore } from './areas/testbed-store.js';
import type { StudyStore } from './areas/study-store.js';
import type { SampleStore } from './areas/sample-store.js';
import type { CollectEmbeddingStore } from './areas/collect-embedding-store.js';

export type { DatasetRow, ImageRow, ItemRow, NewImage, NewItem, SplitRow } from './schema.js';
export type * from './areas/dataset-store.js';
export type * from './areas/collect-store.js';
export type * from './areas/challenge-store.js';
export type * from './areas/challenge-tables.js';
export type * from './areas/crowd-store.js';
export type * from './areas/crowd-tables.js';
export type * from './areas/testbed-store.js';
export type * from './areas/testbed-tables.js';
export type * from './areas/study-store.js';
export type * from './areas/study-tables.js';
export type * from './areas/sample-store.js';
export type * from './areas/sample-tables.js';
export type * from './areas/collect-embedding-store.js';

/** What a backend can do, so shared code asks for a capability instead of a dialect's name. */
export interface StoreCapabilities {
  /** `SELECT … FOR UPDATE SKIP LOCKED` exists (PostgreSQL); SQLite serialises writers instead. */
  readonly supportsSkipLocked: boolean;
  /** Several processes may share this store (a server, not one file). */
  readonly multiProcess: boolean;
}

/** Row counts per table, for tests and `heldout status`: a failed import must leave them unchanged. */
export type TableCounts = Readonly<Record<string, number>>;

/**
 * Persistence for everything Heldout knows: one interface made of one part per area (`areas/<area>-store.ts`), one
 * folder per backend (sqlite/, postgres/); all methods are async so a networked backend fits. `transaction` hands a
 * Store bound to one transaction: everything written through it commits together or not at all.
 */
export interface Store extends DatasetStore, ChallengeStore, CrowdStore, TestbedStore, CollectStore, StudyStore, SampleStore, CollectEmbeddingStore {
  readonly capabilities: StoreCapabilities;
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  tableCounts(): Promise<TableCounts>;
  close(): Promise<void>;
}
export { TextColumn } from './areas/text-column.js';
