import type { Store, StoreCapabilities } from './store.js';
import { countRows, inTransaction, type Db } from './queries/db.js';
import { DATASET_TABLES, datasetQueries } from './queries/dataset-queries.js';

/** Every table, for `tableCounts` (tests prove failed imports leave these unchanged). */
const ALL_TABLES = [...DATASET_TABLES] as const;

/**
 * The Store every Kysely backend shares: one part per area over the same connection or transaction. Backends differ
 * only in how they build the Kysely instance and the capabilities they declare.
 */
export function kyselyStore(db: Db, capabilities: StoreCapabilities, onClose: () => Promise<void> = async () => {}): Store {
  const store: Store = {
    capabilities,
    ...datasetQueries(db),
    transaction: (work) => inTransaction(db, (trx) => work(trx === db ? store : kyselyStore(trx, capabilities))),
    tableCounts: () => countRows(db, ALL_TABLES),
    close: onClose,
  };
  return store;
}

