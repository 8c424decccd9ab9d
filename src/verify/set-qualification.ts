import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { LoadedProject } from './find-project.js';
import { parseProjectSettings, type ProjectSettings, type ProjectSettingsInput } from './project-settings.js';

/**
 * Turns a project's qualification on, changes it, or (null) turns it off. Attempts already made keep the threshold
 * they started with; workers who passed stay qualified; a lower attempt limit does not undo earlier attempts.
 */
export async function setQualification(store: Store, { project, settings }: LoadedProject, qualification: ProjectSettingsInput['qualification'] | null): Promise<ProjectSettings> {
  if (qualification && project.controls_split_id === null) throw new UserError(`project ${project.name} has no controls split: practice grids are built from verified control images`);
  const next = parseProjectSettings({ ...settings, qualification: qualification ?? null });
  await store.setCrowdProjectSettings(project.id, JSON.stringify(next));
  return next;
}
