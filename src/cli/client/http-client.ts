import { UserError } from '../../errors.js';

/** A thin fetch wrapper for the challenge API: bearer token, JSON in and out, server errors as one-line UserErrors. */
export interface ApiClient {
  readonly server: string;
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  text(path: string): Promise<string>;
  upload<T>(path: string, form: FormData): Promise<T>;
}

export function apiClient(server: string, token?: string): ApiClient {
  const headers = (extra: Record<string, string> = {}) => ({ accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  const send = async (path: string, init: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${server}${path}`, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new UserError(`cannot reach ${server}${cause ? ` (${cause})` : ''}`, 1);
    }
    if (!res.ok) {
      const text = await res.text();
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new UserError(`${server}: ${res.status} ${message}`, res.status === 400 || res.status === 413 ? 2 : 1);
    }
    return res;
  };
  return {
    server,
    async json<T>(path: string, init: { method?: string; body?: unknown } = {}) {
      const res = await send(path, {
        method: init.method ?? 'GET',
        headers: headers(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return (await res.json()) as T;
    },
    async text(path: string) {
      return (await send(path, { headers: headers() })).text();
    },
    async upload<T>(path: string, form: FormData) {
      return (await (await send(path, { method: 'POST', headers: headers(), body: form })).json()) as T;
    },
  };
}
