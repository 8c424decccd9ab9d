import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { REPO } from '../e2e/run-cli.js';
import { predictions } from './fixture.js';
import { fileForm, serverArena, type ServerArena } from './server-fixture.js';

// docs/openapi.yaml and the server must agree: every documented operation is routed, and every route this stage
// registers is documented. Other stages append their paths to the same file; the first check covers theirs too.

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Path prefixes the challenges stage serves (src/server/routes/challenges.ts PATHS). */
const OWN = [/^\/(login|register|logout|account)(\/|$)/, /^\/api\/(me|tokens)$/, /^\/api\/challenges(\/|$)/, /^\/challenges(\/|$)/];

interface Spec {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

let t: TempWorkspace;
let s: ServerArena;
let spec: Spec;
let subId = 0;

beforeAll(async () => {
  spec = parse(await readFile(path.join(REPO, 'docs/openapi.yaml'), 'utf8')) as Spec;
  t = await tempWorkspace();
  s = await serverArena(t.ws);
  await s.req('/api/challenges/fm-challenge/teams', { who: 'ann', json: { name: 'alpha' } });
  subId = (await (await s.req('/api/challenges/fm-challenge/submissions', { who: 'ann', form: fileForm(predictions(s.labels, 0.7, 1)) })).json() as { id: number }).id;
  await s.settle();
});
afterAll(async () => {
  await s.jobs.close();
  await t.cleanup();
});

const operations = () => Object.entries(spec.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => [m.toUpperCase(), p] as const));

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1 and every operation documents its responses', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    for (const [method, p] of operations()) expect(spec.paths[p]![method.toLowerCase()]!.responses, `${method} ${p}`).toBeDefined();
  });

  it('every documented operation is routed by the server (no router 404)', async () => {
    for (const [method, p] of operations()) {
      const url = p.replace('{name}', 'fm-challenge').replace('{phase}', 'dev').replace('{id}', String(subId)).replace(/\{[^}]+\}/g, 'x');
      const res = await s.app.request(url, { method, headers: { authorization: `Bearer ${s.tokens.hana}` } });
      const text = await res.text();
      expect(res.status === 404 && text.includes('"error":"not found: '), `${method} ${p} → ${res.status} ${text.slice(0, 80)}`).toBe(false);
    }
  });

  it('every route of the challenges stage is documented', () => {
    const documented = new Set(operations().map(([m, p]) => `${m} ${p}`));
    const routes = s.app.routes
      .filter((r) => r.method !== 'ALL' && OWN.some((re) => re.test(r.path)))
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(25);
    expect([...new Set(routes)].filter((r) => !documented.has(r))).toEqual([]);
  });
});
