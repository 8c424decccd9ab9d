import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import { batchInputCsv, htmlQuestion, type BatchInputTask } from './core/mturk/index.js';
import { describeClass } from './describe-class.js';
import type { LoadedProject } from './find-project.js';
import { taskImageUrl } from './work-session.js';

/**
 * Writes a project's open grid tasks as an MTurk batch: `batch-input.csv` (one HIT per task, image URLs are the
 * opaque per-task URLs of this server under `baseUrl`) and `question.xml` (the HTMLQuestion those rows fill).
 * The server must be reachable at `baseUrl` over HTTPS for workers to see the images.
 */
export async function exportMturkBatch(store: Store, { project }: LoadedProject, out: string, baseUrl: string): Promise<{ tasks: number; files: string[] }> {
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new UserError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  const base = baseUrl.replace(/\/+$/, '');
  const images = await store.crowdTaskImages(project.id);
  const byTask = new Map<number, typeof images>();
  for (const i of images) (byTask.get(i.task_id) ?? byTask.set(i.task_id, []).get(i.task_id)!).push(i);
  const tasks: BatchInputTask[] = [...byTask.entries()].filter(([, imgs]) => imgs.every((i) => i.image_sha256 !== null)).map(([taskId, imgs]) => {
    const cls = describeClass(imgs[0]!.wnid);
    return { key: `${project.name}-${taskId}`, wnid: cls.wnid, synset: cls.lemmas.join(' or '), gloss: cls.definition, images: imgs.map((i) => `${base}${taskImageUrl(i.public_id)}`) };
  });
  if (tasks.length === 0) throw new UserError(`project ${project.name} has no tasks to export (heldout crowd tasks create)`);
  await mkdir(out, { recursive: true });
  const files = [path.join(out, 'batch-input.csv'), path.join(out, 'question.xml')];
  await writeFile(files[0]!, batchInputCsv(tasks));
  await writeFile(files[1]!, htmlQuestion(Math.max(...tasks.map((t) => t.images.length))));
  return { tasks: tasks.length, files };
}
