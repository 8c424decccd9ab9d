import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { queueContract } from './queue-contract.js';

queueContract('in-process', async () => createInProcessQueue({ concurrency: 2 }));
