import { UserError } from '../errors.js';
import type { SampleBlacklistRow, Store } from '../store/store.js';
import { findProjectOrThrow, type LoadedProject } from '../verify/find-project.js';

/** A crowd project by name, or the project of a revision of that name (`blacklist add NAME_OR_POOL …`). */
export async function projectOfNameOrRevision(store: Store, name: string): Promise<LoadedProject> {
  if (!(await store.findCrowdProject(name))) {
    const rev = await store.findSampleRevision({ name });
    if (rev) {
      const project = (await store.listCrowdProjects()).find((p) => p.id === rev.project_id)!;
      return findProjectOrThrow(store, project.name);
    }
  }
  return findProjectOrThrow(store, name);
}

/** The full sha256 of a project's candidate image given in full or as a unique prefix of ≥ 8 hex digits. */
export async function resolveCandidateImage(store: Store, { project }: LoadedProject, image: string): Promise<string> {
  const key = image.trim().toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(key)) throw new UserError(`image "${image}" must be a sha256 (64 hex digits) or a prefix of at least 8`);
  const shas = new Set<string>();
  for (const i of await store.crowdTaskImageKeys(project.id)) if (i.role === 'candidate' && i.image_sha256?.startsWith(key)) shas.add(i.image_sha256);
  if (shas.size === 0) throw new UserError(`no candidate image of project ${project.name} starts with ${key}`);
  if (shas.size > 1) throw new UserError(`${key} matches ${shas.size} candidate images of project ${project.name}: give more digits`);
  return [...shas][0]!;
}

/** Blacklists a candidate image of a project with a reason (re-adding replaces the reason); returns its sha256. */
export async function addToBlacklist(store: Store, nameOrPool: string, image: string, reason: string, now: Date): Promise<{ project: string; image: string }> {
  if (!reason.trim()) throw new UserError('a blacklist entry needs a --reason');
  const loaded = await projectOfNameOrRevision(store, nameOrPool);
  const sha = await resolveCandidateImage(store, loaded, image);
  await store.putBlacklistEntry(loaded.project.id, sha, reason.trim(), now);
  return { project: loaded.project.name, image: sha };
}

export async function removeFromBlacklist(store: Store, nameOrPool: string, image: string): Promise<{ project: string; image: string; removed: boolean }> {
  const loaded = await projectOfNameOrRevision(store, nameOrPool);
  const sha = await resolveCandidateImage(store, loaded, image);
  return { project: loaded.project.name, image: sha, removed: await store.removeBlacklistEntry(loaded.project.id, sha) };
}

export async function listBlacklist(store: Store, nameOrPool: string): Promise<{ project: string; entries: SampleBlacklistRow[] }> {
  const loaded = await projectOfNameOrRevision(store, nameOrPool);
  return { project: loaded.project.name, entries: await store.listBlacklist(loaded.project.id) };
}
