import type { Store } from '../../src/store/store.js';
import { ClassSet } from '../../src/classes/class-set.js';

const T0 = new Date('2026-05-06T07:08:09.123Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

/**
 * Fills a store with a little of every area (datasets, crowd work, a challenge with a duplicate submission and scores,
 * testbed chunks, collect pairs), with awkward values: floats that 4-byte types would round, empty strings, nulls,
 * non-ASCII text. For copy and backend-equivalence tests.
 */
export async function seedEveryArea(store: Store, { items = 40 } = {}): Promise<void> {
  const classes = ClassSet.fromWnids('t', ['n02084071', 'n01443537']).entries;
  const d = await store.createDataset({ name: 'dé', description: 'Grüße, 犬', classSet: 'file', classes }, T0);
  const pool = await store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'imagefolder', sourcePath: '/x' }, T0);
  const test = await store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'imagefolder', sourcePath: '' }, T0);
  const shas = Array.from({ length: items }, (_, i) => i.toString(16).padStart(4, '0').repeat(16));
  await store.putImages(shas.map((sha256, i) => ({ sha256, width: 10 + i, height: 7, format: 'png', bytes: 3_000_000_000 + i, created_at: at(i).toISOString() })));
  const item = (position: number, sha: string) => ({
    position, name: `f${position}.png`, image_sha256: sha, wnid: classes[position % 2]!.wnid,
    source_path: position % 3 === 0 ? null : `a/${position}.png`, source_url: null, license: 'CC-BY', date_taken: null, date_uploaded: '2019-01-01',
  });
  await store.addItems(pool.id, shas.map((s, i) => item(i, s)));
  await store.addItems(test.id, shas.slice(0, 4).map((s, i) => item(i, s)));
  const pitems = await store.listItems(pool.id);

  const project = await store.createCrowdProject({
    name: 'p', datasetId: d.id, poolSplitId: pool.id, controlsSplitId: test.id, settings: '{"gridSize":4}',
    classes: [{ wnid: classes[0]!.wnid, negativeWnid: classes[1]!.wnid }, { wnid: classes[1]!.wnid, negativeWnid: null }],
  }, T0);
  await store.addCrowdTasks(project.id, Array.from({ length: 5 }, (_, t) => ({
    wnid: classes[0]!.wnid, kind: 'grid', maxAssignments: 2,
    images: [0, 1, 2, 3].map((k) => {
      const it = pitems[(t * 4 + k) % pitems.length]!;
      return { publicId: `pub-${t}-${k}`, role: k === 3 ? 'positive' : 'candidate', itemId: it.id, imageSha256: it.image_sha256, imageKey: it.image_sha256 };
    }),
  })), T0);
  for (let w = 0; w < 3; w++) {
    const worker = await store.createCrowdWorker({ name: `w${w}`, kind: 'account', tokenHash: `h${w}`, simulated: w === 2 }, T0);
    for (let n = 0; n < 2; n++) {
      const claim = await store.claimCrowdTask({ projectId: project.id, workerId: worker.id, now: at(60 * n + w), leaseMs: 600_000 });
      if (!claim) break;
      const ids = await store.crowdTaskPublicIds(claim.task.id);
      if (n === 0) await store.submitCrowdAssignment({ assignmentId: claim.assignment.id, workerId: worker.id, selected: ids.slice(0, 1 + w), durationMs: 1234 + w, now: at(60 * n + w + 5) });
    }
  }

  const host = await store.createUser({ name: 'hana', role: 'host', passwordHash: null }, T0);
  const ann = await store.createUser({ name: 'ann', role: 'participant', passwordHash: 'scrypt$1$2$3$salt$hash' }, T0);
  await store.addApiToken(ann.id, 'f'.repeat(64), 'laptop', T0);
  await store.createSession({ idHash: 's'.repeat(64), userId: ann.id, csrfToken: 'csrf', expiresAt: at(3600) }, T0);
  const challenge = await store.createChallenge({
    name: 'c1', title: 'C one', configJson: '{"metric":"top1"}', datasetId: d.id, splitId: test.id, hostIds: [host.id],
    labelSet: { labelHash: 'a'.repeat(64), n: 4, source: 'dataset' },
    phases: [{ name: 'dev', position: 0, starts_at: T0.toISOString(), ends_at: at(86_400).toISOString(), mode: 'ladder', eta: '0.01', quota_per_day: 2, quota_total: null, quota_concurrent: 1, assignment: 'PPRR' }],
  }, T0);
  const [phase] = await store.listPhases(challenge.id);
  const team = await store.createTeam({ challengeId: challenge.id, name: 'Team Ä', inviteCode: 'inv' }, T0);
  await store.addTeamMember(team.id, challenge.id, ann.id, T0);
  const base = {
    challenge_id: challenge.id, phase_id: phase!.id, team_id: team.id, user_id: ann.id, sha256: 'b'.repeat(64), file_name: 'p.txt', bytes: 10,
    format: 'ilsvrc', is_baseline: 0, baseline_name: null, selected: 0, message: '', error: null, attempts: 1, created_at: T0.toISOString(), started_at: null, finished_at: null,
  };
  const first = await store.insertSubmission({ ...base, state: 'finished', duplicate_of: null, charged: 1 });
  await store.insertSubmission({ ...base, state: 'finished', duplicate_of: first.id, charged: 0, message: 'again' });
  await store.insertScores(['public', 'private'].map((split, i) => ({
    submission_id: first.id, split, revision: 1, scorer_version: 'v1', k: 1, correct: 1, n: 3, accuracy: 1 / 3, ci_lower: 0.008403758659415577 + i, ci_upper: 0.9057890686, label_hash: 'a'.repeat(64),
    submission_hash: first.sha256, git_revision: 'g', correct_bits: 'AQ==', per_class_json: i === 0 ? null : '{"n02084071":0.5}', created_at: T0.toISOString(),
  })));
  await store.putLadderState({ phase_id: phase!.id, team_id: team.id, rounds: 1, steps: '31', released_errors: null, leader_submission_id: first.id, updated_at: T0.toISOString() });
  await store.addLadderRelease({ submission_id: first.id, round: 1, accepted: 1, released: 0.6666666666666666, n: 3, created_at: T0.toISOString() });

  const model = await store.createModel({
    name: 'mlp', source: 'onnx', onnx_sha256: 'c'.repeat(64), onnx_bytes: 5_000_000_000, preset: 'fmnist-28', mapping: 'devkit', class_set: 't',
    class_wnids: JSON.stringify(classes.map((c) => c.wnid)), num_classes: 2, card_json: '{}',
  }, T0);
  const ev = await store.createEvaluation({ model_id: model.id, split_id: test.id, n: 4, k: 1, chunk_size: 2, scorer_version: 's', with_scores: 1, settings_json: '{}' }, T0);
  await store.addChunk(ev.id, { chunk: 0, count: 2, blob_sha256: 'd'.repeat(64) }, T0);
  await store.addChunk(ev.id, { chunk: 1, count: 2, blob_sha256: 'e'.repeat(64) }, T0);
  await store.finishEvaluation(ev.id, { kind: 'done', correctTop1: 3, correctTopk: 4 }, at(5));

  const cpool = await store.createPool({ name: 'cp', description: '' }, T0);
  await store.addCandidates(['a0', 'b1', 'c2'].map((id, seq) => ({
    id, pool_id: cpool.id, seq, wnid: classes[0]!.wnid, status: seq === 2 ? 'rejected' : 'accepted', reason: seq === 2 ? 'too-small' : null, detail: null,
    original_sha256: shas[seq]!, scaled_sha256: null, thumb_sha256: null, width: 640, height: 480, format: 'jpeg', bytes: 1000,
    source_name: 'flickr', source_id: `p${id}`, source_url: null, source_path: `${id}.jpg`, owner: 'Zoë', license: null,
    date_taken: null, date_uploaded: null, title: 'ein Hund', tags: 'dog,hund', created_at: T0.toISOString(),
  })));
  await store.putHashes([{ subjectKind: 'candidate', subjectId: 'a0', phash: '0123456789abcdef', dhash: 'fedcba9876543210' }]);
  await store.upsertPairs(cpool.id, [
    { candidateId: 'a0', referenceKind: 'image', referenceId: shas[5]!, distances: { phash: 3, l2: 0.1 + 0.2 } },
    { candidateId: 'b1', referenceKind: 'candidate', referenceId: 'a0', distances: { dhash: 1.5e7 } },
  ], T0);
  const [pair] = await store.listPairs(cpool.id);
  await store.decidePair(pair!.id, 'same', 'ana', at(9));
}
