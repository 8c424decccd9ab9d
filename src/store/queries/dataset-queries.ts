import type { Db } from './db.js';
import { inTransaction, insertChunked } from './db.js';
import type { DatasetStore, DatasetSummary, ItemQuery, NewDataset, NewSplit } from '../areas/dataset-store.js';
import type { DatasetRow, ImageRow, ItemRow, NewImage, NewItem, SplitRow } from '../areas/dataset-tables.js';
import type { ClassEntry } from '../../classes/class-set.js';

/** Tables of this area, for `Store.tableCounts`. */
export const DATASET_TABLES = ['datasets', 'dataset_classes', 'splits', 'images', 'items'] as const;

/** The datasets area over any Kysely connection; every backend shares it. */
export function datasetQueries(db: Db): DatasetStore {
  return {
    async createDataset(d: NewDataset, now: Date): Promise<DatasetRow> {
      return inTransaction(db, async (db) => {
        const row = await db
          .insertInto('datasets')
          .values({ name: d.name, description: d.description, class_set: d.classSet, created_at: now.toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertChunked(d.classes, (chunk) =>
          db.insertInto('dataset_classes')
            .values(chunk.map((c) => ({ dataset_id: row.id, wnid: c.wnid, devkit_id: c.devkitId, idx: c.index, name: c.name })))
            .execute(),
        );
        return row;
      });
    },

    findDataset(name: string): Promise<DatasetRow | undefined> {
      return db.selectFrom('datasets').selectAll().where('name', '=', name).executeTakeFirst();
    },

    async listDatasets(): Promise<DatasetSummary[]> {
      const datasets = await db.selectFrom('datasets').selectAll().orderBy('name').execute();
      const classCounts = await db
        .selectFrom('dataset_classes').select(['dataset_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('dataset_id').execute();
      const splits = await db
        .selectFrom('splits')
        .leftJoin('items', 'items.split_id', 'splits.id')
        .selectAll('splits')
        .select((eb) => eb.fn.count<number>('items.id').as('itemCount'))
        .groupBy('splits.id')
        .orderBy('splits.id')
        .execute();
      return datasets.map((d) => ({
        ...d,
        classCount: Number(classCounts.find((c) => c.dataset_id === d.id)?.n ?? 0),
        splits: splits.filter((s) => s.dataset_id === d.id).map((s) => ({ ...s, itemCount: Number(s.itemCount) })),
      }));
    },

    async datasetClasses(datasetId: number): Promise<ClassEntry[]> {
      const rows = await db.selectFrom('dataset_classes').selectAll().where('dataset_id', '=', datasetId).orderBy('devkit_id').execute();
      return rows.map((r) => ({ wnid: r.wnid, devkitId: r.devkit_id, index: r.idx, name: r.name }));
    },

    async deleteDataset(datasetId: number): Promise<void> {
      await inTransaction(db, async (db) => {
        const splitIds = db.selectFrom('splits').select('id').where('dataset_id', '=', datasetId);
        await db.deleteFrom('items').where('split_id', 'in', splitIds).execute();
        await db.deleteFrom('splits').where('dataset_id', '=', datasetId).execute();
        await db.deleteFrom('dataset_classes').where('dataset_id', '=', datasetId).execute();
        await db.deleteFrom('datasets').where('id', '=', datasetId).execute();
      });
    },

    createSplit(datasetId: number, s: NewSplit, now: Date): Promise<SplitRow> {
      return db
        .insertInto('splits')
        .values({
          dataset_id: datasetId, name: s.name, labels_hidden: s.labelsHidden ? 1 : 0, source_layout: s.sourceLayout,
          source_path: s.sourcePath, created_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findSplit(datasetId: number, name: string): Promise<SplitRow | undefined> {
      return db.selectFrom('splits').selectAll().where('dataset_id', '=', datasetId).where('name', '=', name).executeTakeFirst();
    },

    listSplits(datasetId: number): Promise<SplitRow[]> {
      return db.selectFrom('splits').selectAll().where('dataset_id', '=', datasetId).orderBy('id').execute();
    },

    async setLabelsHidden(splitId: number, hidden: boolean): Promise<void> {
      await db.updateTable('splits').set({ labels_hidden: hidden ? 1 : 0 }).where('id', '=', splitId).execute();
    },

    async putImages(images: readonly NewImage[]): Promise<number> {
      let added = 0;
      await insertChunked(images, async (chunk) => {
        const res = await db.insertInto('images').values([...chunk]).onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0);
      });
      return added;
    },

    findImage(sha256: string): Promise<ImageRow | undefined> {
      return db.selectFrom('images').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    },

    async addItems(splitId: number, items: readonly NewItem[]): Promise<void> {
      await insertChunked(items, (chunk) => db.insertInto('items').values(chunk.map((i) => ({ ...i, split_id: splitId }))).execute());
    },

    listItems(splitId: number, q: ItemQuery = {}): Promise<ItemRow[]> {
      let query = db.selectFrom('items').selectAll().where('split_id', '=', splitId);
      if (q.wnid !== undefined) query = query.where('wnid', '=', q.wnid);
      query = query.orderBy('position');
      if (q.limit !== undefined) query = query.limit(q.limit).offset(q.offset ?? 0);
      return query.execute();
    },

    async countItems(splitId: number, wnid?: string): Promise<number> {
      let query = db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('split_id', '=', splitId);
      if (wnid !== undefined) query = query.where('wnid', '=', wnid);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },

    async classCounts(splitId: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('items').select(['wnid', (eb) => eb.fn.countAll<number>().as('n')]).where('split_id', '=', splitId).groupBy('wnid').execute();
      return new Map(rows.map((r) => [r.wnid, Number(r.n)]));
    },
  };
}
