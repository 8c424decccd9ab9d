// The pure core of crowd verification: plain data in, plain data out; randomness only through an injected Rng.
export { type GridComposition, IMAGENETV2_GRID, CONTROL_TOP_UP_GRID, gridSize, checkComposition } from './grid-composition.js';
export { IMAGE_ROLES, ROLE_CODE, type ImageRole } from './image-role.js';
export { buildGridTasks, type GridTaskPlan, type GridTaskRequest, type PlannedTask, type PlannedImage } from './build-grid-tasks.js';
export { mostSimilarClass } from './most-similar-class.js';
export { isTaskOpen, openSlots, candidatesNeedingTasks, type TaskSlots } from './schedule.js';
export {
  frequenciesFromImageVotes, frequenciesFromTasks, frequenciesFromTaskCounts, frequencyOf, frequencyHistogram, FREQUENCY_BIN_EDGES,
  type PairCounts, type ImageVoteColumns, type TaskVoteColumns, type TaskCountColumns,
} from './selection-frequency.js';
export { controlAccuracy, type ControlScore, type ControlVoteColumns } from './control-accuracy.js';
export { dawidSkene, majorityVote, type BinaryLabels, type DawidSkeneOptions, type DawidSkeneResult } from './dawid-skene.js';
export { countTable, binaryCountTable, pickUnits, type CountTable } from './count-table.js';
export { fleissKappa, type AgreementValue } from './fleiss-kappa.js';
export { krippendorffAlpha } from './krippendorff-alpha.js';
export { agreementInterval, agreementIntervals } from './agreement-interval.js';
export { simulatedCrowd, answerGrid, type SimulatedWorker, type CrowdSpec } from './simulated-crowd.js';
export { shuffled } from './shuffle.js';
export { taskQuestion, TASK_INSTRUCTIONS } from './task-header.js';
export { planControlTopUp, REFERENCE_TARGET, type ControlTopUpPlan, type ControlTopUpRequest } from './plan-control-top-up.js';
export { planPracticeGrids, scorePractice, type PracticeClass, type PracticeGrid, type PracticeItem } from './practice.js';
export { readingOrder, type ReadingKeys } from './reading-order.js';
