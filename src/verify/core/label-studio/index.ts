// Label Studio interop for single-image yes/no tasks: the export writer and the JSON-export parser (pure).
export { parseLabelStudioExport, type LabelStudioTask, type LabelStudioVote, type LabelStudioParseOptions, type YesNo } from './label-studio-export.js';
export { labelStudioTasksJson, labelStudioConfig, singleImageQuestion, LABEL_STUDIO_NAMES, type LabelStudioTaskData } from './label-studio-tasks.js';
