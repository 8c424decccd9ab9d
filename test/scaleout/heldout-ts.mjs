// Runs the CLI from the TypeScript sources (no build): the module hooks vitest's decode workers use transpile each
// file on load. Child-process tests start `node test/scaleout/heldout-ts.mjs …` as they would `heldout …`.
import { register } from 'node:module';

register('../../src/evaluate/dev/ts-worker-hooks.mjs', import.meta.url);
const { main } = await import('../../src/cli/main.ts');
process.exitCode = await main(process.argv);
