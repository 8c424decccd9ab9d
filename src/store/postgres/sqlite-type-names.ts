import { OperationNodeTransformer, type DataTypeNode, type KyselyPlugin } from 'kysely';

/**
 * Shared migrations name column types as SQLite knows them, where `integer` is 64-bit and `real` an 8-byte float.
 * PostgreSQL's types of the same names are 32-bit and 4-byte, so its migrations get this map: the same values fit in
 * both backends, and an accuracy reads back as the double it was written as.
 */
const POSTGRES_TYPE_OF = { integer: 'bigint', real: 'double precision' } as const;

class SqliteTypeNames extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const mapped = (POSTGRES_TYPE_OF as Record<string, DataTypeNode['dataType'] | undefined>)[node.dataType];
    return mapped === undefined ? node : { ...node, dataType: mapped };
  }
}

/** A Kysely plugin for PostgreSQL migrations only: rewrites SQLite type names in CREATE/ALTER TABLE. */
export const sqliteTypeNames: KyselyPlugin = {
  transformQuery: ({ node }) => new SqliteTypeNames().transformNode(node),
  transformResult: async ({ result }) => result,
};
