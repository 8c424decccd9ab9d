/**
 * Retries `op` while the Redis connection is down (a command sent then fails with a connection error rather than
 * waiting for the reconnect), for up to `ms`. Other errors pass through at once.
 */
export async function whileReconnecting<T>(op: () => Promise<T>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'ConnectionClosedError' || /connection (is )?closed|ECONNREFUSED|ECONNRESET/i.test(err.message);
}
