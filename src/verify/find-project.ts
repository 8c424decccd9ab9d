import { UserError } from '../errors.js';
import type { CrowdProjectRow, Store } from '../store/store.js';
import { readProjectSettings, type ProjectSettings } from './project-settings.js';

export interface LoadedProject {
  readonly project: CrowdProjectRow;
  readonly settings: ProjectSettings;
}

/**
 * The named labeling project and its settings, or a one-line error listing the projects there are: exit code 2 (bad
 * input) for the CLI; pass 1 for "not found" semantics (the server answers 404 for those).
 */
export async function findProjectOrThrow(store: Store, name: string, exitCode: 1 | 2 = 2): Promise<LoadedProject> {
  const project = await store.findCrowdProject(name);
  if (!project) {
    const known = (await store.listCrowdProjects()).map((p) => p.name);
    throw new UserError(`no labeling project named "${name}"${known.length ? ` (projects: ${known.join(', ')})` : ' (create one with heldout crowd project create)'}`, exitCode);
  }
  return { project, settings: readProjectSettings(project.settings) };
}
