import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the BullMQ tests use; they skip when it is unset (`.ci/run` sets it). */
export const REDIS_URL = process.env.HELDOUT_REDIS_URL;

/** A fresh key prefix per test, so concurrent runs on one Redis never see each other's jobs. */
export function freshPrefix(): string {
  return `heldout-test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under a prefix (the queues a test created). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const c = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await c.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    c.disconnect();
  }
}

/** Runs one Redis command (tests use it to drop client connections). */
export async function redisCommand(url: string, command: string, args: string[]): Promise<unknown> {
  const c = new Redis(url);
  try {
    return await c.call(command, ...args);
  } finally {
    c.disconnect();
  }
}
