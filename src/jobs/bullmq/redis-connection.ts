import type { RedisOptions } from 'bullmq';

/**
 * BullMQ connection options for a Redis URL. BullMQ opens each of its clients (shared, blocking, QueueEvents) with
 * ioredis from these options, and owns their lifecycle (connect, reconnect, close).
 */
export function redisConnection(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`"${url}" is not a redis:// or rediss:// URL`);
  return { url };
}
