// MTurk interop, pure: Batch results CSV and QuestionFormAnswers XML in, batch input CSV and HTMLQuestion XML out.
export { parseMturkTime } from './mturk-time.js';
export { parseQuestionFormAnswers } from './question-form-answers.js';
export { parseBatchResults, type BatchAssignment, type BatchResultsColumns, type ImportedStatus } from './batch-results.js';
export { batchInputCsv, htmlQuestion, MAX_QUESTION_BYTES, type BatchInputTask } from './html-question.js';
