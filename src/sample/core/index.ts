// The pure sampling core: plain data in, plain data out; randomness only through a seed (MT19937).
export { FREQUENCY_BIN_EDGES, BIN_COUNT, BIN_LABELS, binOf, histogram } from './frequency-bins.js';
export { roundHistogram } from './round-histogram.js';
export { compareIds, sampleSorted, shuffleWith } from './seeded-sample.js';
export { type SampleCandidate, type NearDuplicateStatus, frequencyOf } from './sample-candidate.js';
export { INELIGIBLE_REASONS, type IneligibleReason, type EligibilityRules, ineligibility } from './eligibility.js';
export type { ChosenImage, BinDeficit, ClassSelection, EligibleCandidate } from './class-selection.js';
export { matchedFrequencyClass, type MatchedFrequencyClassInput } from './matched-frequency.js';
export { thresholdClass } from './threshold-sampling.js';
export { topImagesClass } from './top-images.js';
export { referenceTargets, type ReferenceVotes, type ReferenceTargets } from './reference-targets.js';
export { SAMPLING_STRATEGIES, type SamplingStrategy, isSamplingStrategy } from './sampling-strategies.js';
export { sampleRevision, type SampleParameters, type SampleRevisionInput, type SampledImage, type SampledRevision, type ClassNote } from './sample-revision.js';
export { meanSd, type MeanSd } from './mean-interval.js';
export { splitVoteDiagnostic, matchedHeldOutMean, type VoteGroup, type SplitVoteBin, type SplitVoteGroup } from './split-vote.js';
export { frequencySummary, overlapCount, type FrequencySummary } from './set-summary.js';
