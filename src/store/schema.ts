import type { DatasetTables } from './areas/dataset-tables.js';
import type { CollectTables } from './areas/collect-tables.js';
import type { ChallengeTables } from './areas/challenge-tables.js';
import type { CrowdTables } from './areas/crowd-tables.js';
import type { TestbedTables } from './areas/testbed-tables.js';
import type { StudyTables } from './areas/study-tables.js';
import type { SampleTables } from './areas/sample-tables.js';
import type { CollectEmbeddingTables } from './areas/collect-embedding-tables.js';

export type { DatasetRow, ImageRow, ItemRow, NewImage, NewItem, SplitRow } from './areas/dataset-tables.js';

/**
 * Every table, as the intersection of each area's tables (`areas/<area>-tables.ts`). Booleans are 0/1 integers and times
 * ISO-8601 text so that SQLite and PostgreSQL rows look the same to shared code.
 */
export type Database = DatasetTables & ChallengeTables & CrowdTables & TestbedTables & CollectTables & StudyTables & SampleTables & CollectEmbeddingTables;
