import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import { labelStudioConfig, labelStudioTasksJson, singleImageQuestion, type LabelStudioTaskData } from './core/label-studio/index.js';
import { describeClass } from './describe-class.js';
import type { LoadedProject } from './find-project.js';
import { taskImageUrl } from './work-session.js';

/** Where `heldout serve` listens by default: a Label Studio on the same machine can load images from there. */
export const DEFAULT_BASE_URL = 'http://localhost:8080';

/**
 * Writes a project's (image, class) pairs as Label Studio tasks: `tasks.json` (one yes/no task per distinct stored
 * image and class, with this server's opaque `/crowd/i/…` URL of one task showing it, the question and the WordNet
 * definition; never its role or hash) and `label-config.xml` (the labeling interface). The annotations come back with
 * `heldout crowd import label-studio`.
 */
export async function exportLabelStudio(store: Store, { project }: LoadedProject, out: string, baseUrl = DEFAULT_BASE_URL): Promise<{ tasks: number; files: string[] }> {
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new UserError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  const base = baseUrl.replace(/\/+$/, '');
  const seen = new Set<string>();
  const tasks: LabelStudioTaskData[] = [];
  for (const i of await store.crowdTaskImages(project.id)) {
    if (i.image_sha256 === null) continue;
    const key = `${i.image_sha256} ${i.wnid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cls = describeClass(i.wnid);
    tasks.push({ image: `${base}${taskImageUrl(i.public_id)}`, wnid: i.wnid, question: singleImageQuestion(cls.lemmas), definition: cls.definition });
  }
  if (tasks.length === 0) throw new UserError(`project ${project.name} has no tasks with stored images to export (heldout crowd tasks create)`);
  await mkdir(out, { recursive: true });
  const files = [path.join(out, 'tasks.json'), path.join(out, 'label-config.xml')];
  await writeFile(files[0]!, labelStudioTasksJson(tasks));
  await writeFile(files[1]!, labelStudioConfig());
  return { tasks: tasks.length, files };
}
