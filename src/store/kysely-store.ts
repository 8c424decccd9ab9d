import type { Store, StoreCapabilities } from './store.js';
import { countRows, inTransaction, type Db } from './queries/db.js';
import { DATASET_TABLES, datasetQueries } from './queries/dataset-queries.js';
import { COLLECT_TABLES, collectQueries } from './queries/collect-queries.js';
import { CHALLENGE_TABLES, challengeQueries } from './queries/challenge-queries.js';
import { CROWD_TABLES, crowdQueries } from './queries/crowd-queries.js';
import { TESTBED_TABLES, testbedQueries } from './queries/testbed-queries.js';
import { STUDY_TABLES, studyQueries } from './queries/study-queries.js';
import { SAMPLE_TABLES, sampleQueries } from './queries/sample-queries.js';
import { COLLECT_EMBEDDING_TABLES, collectEmbeddingQueries } from './queries/collect-embedding-queries.js';

/** Every table, for `tableCounts` (tests prove failed imports leave these unchanged). */
const ALL_TABLES = [...DATASET_TABLES, ...CHALLENGE_TABLES, ...CROWD_TABLES, ...TESTBED_TABLES, ...COLLECT_TABLES, ...STUDY_TABLES, ...SAMPLE_TABLES, ...COLLECT_EMBEDDING_TABLES] as const;

/**
 * The Store every Kysely backend shares: one part per area over the same connection or transaction. Backends differ
 * only in how they build the Kysely instance and the capabilities they declare.
 */
export function kyselyStore(db: Db, capabilities: StoreCapabilities, onClose: () => Promise<void> = async () => {}): Store {
  const store: Store = {
    capabilities,
    ...datasetQueries(db),
    ...collectQueries(db),
    ...challengeQueries(db, capabilities),
    ...crowdQueries(db, capabilities),
    ...testbedQueries(db),
    ...studyQueries(db),
    ...sampleQueries(db),
    ...collectEmbeddingQueries(db),
    transaction: (work) => inTransaction(db, (trx) => work(trx === db ? store : kyselyStore(trx, capabilities))),
    tableCounts: () => countRows(db, ALL_TABLES),
    close: onClose,
  };
  return store;
}

