import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openWorkspace } from '../../src/store/workspace.js';
import type { TableCounts } from '../../src/store/store.js';
import { tempWorkspace as baseTempWorkspace, type TempWorkspace as BaseTempWorkspace } from '../helpers/temp-workspace.js';

/** A temp workspace whose store is closed after seeding (the CLI opens its own), with a way to count rows later. */
export interface TempWorkspace extends BaseTempWorkspace {
  counts(): Promise<TableCounts>;
}

export async function tempWorkspace(): Promise<TempWorkspace> {
  const t = await baseTempWorkspace();
  return {
    ...t,
    async counts() {
      const ws = await openWorkspace(t.dataDir);
      try {
        return await ws.store.tableCounts();
      } finally {
        await ws.close();
      }
    },
  };
}

/** Writes a scratch file and returns its path. */
export async function writeFileIn(t: BaseTempWorkspace, name: string, text: string): Promise<string> {
  await mkdir(t.scratch, { recursive: true });
  const file = path.join(t.scratch, name);
  await writeFile(file, text);
  return file;
}
