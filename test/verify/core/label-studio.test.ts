import { describe, expect, it } from 'vitest';
import { labelStudioConfig, labelStudioTasksJson, parseLabelStudioExport, singleImageQuestion } from '../../../src/verify/core/label-studio/index.js';

const choices = (from: string, ...values: string[]) => ({ type: 'choices', from_name: from, to_name: 'image', value: { choices: values } });

describe('Label Studio core', () => {
  it('reads votes: user objects, Enterprise reviews, lead time, cancelled annotations, a chosen Choices tag', () => {
    const { tasks } = parseLabelStudioExport([{
      id: 7, data: { image: ' https://x/a.jpg ', wnid: 'n04197391' }, annotations: [
        { id: 1, completed_by: { id: 3, email: 'a@b' }, lead_time: 2.5, created_at: '2024-01-02T03:04:05.123456+01:00', result: [choices('contains', 'YES'), choices('other', 'Maybe')], reviews: [{ accepted: false }, { accepted: true }] },
        { id: 2, completed_by: 4, result: [choices('contains', 'No')], reviews: [{ accepted: false }] },
        { id: 3, completed_by: 5, was_cancelled: true, result: [] },
        { completed_by: 'x', result: [{ type: 'textarea', value: { text: ['hi'] } }] },
      ],
    }], { fromName: 'contains' });
    expect(tasks).toEqual([{
      index: 0, id: '7', image: 'https://x/a.jpg', wnid: 'n04197391', cancelled: 1, votes: [
        { index: 0, annotationId: '1', annotator: '3', selected: true, status: 'approved', createdAt: '2024-01-02T02:04:05.123Z', updatedAt: null, leadTimeSeconds: 2.5 },
        { index: 1, annotationId: '2', annotator: '4', selected: false, status: 'rejected', createdAt: null, updatedAt: null, leadTimeSeconds: null },
        { index: 3, annotationId: null, annotator: 'x', selected: false, status: 'submitted', createdAt: null, updatedAt: null, leadTimeSeconds: null },
      ],
    }]);
  });

  it('refuses duplicate task ids and empty exports', () => {
    expect(() => parseLabelStudioExport([])).toThrow(/no tasks/);
    expect(() => parseLabelStudioExport([{ id: 1, data: { image: 'a' } }, { id: 1, data: { image: 'b' } }])).toThrow(/tasks\[1\] \(id 1\): task id 1 appears twice/);
    expect(() => parseLabelStudioExport([{ data: { image: 'a' } }])).toThrow(/^tasks\[0\]: id:/);
  });

  it('writes tasks and a config whose names the parser reads back', () => {
    const json = JSON.parse(labelStudioTasksJson([{ image: 'https://h/crowd/i/AAAAAAAAAAAAAAAA', wnid: 'n04197391', question: singleImageQuestion(['shirt']), definition: 'a garment' }]));
    expect(json).toEqual([{ data: { image: 'https://h/crowd/i/AAAAAAAAAAAAAAAA', wnid: 'n04197391', question: 'Does this image contain at least one object of type: shirt?', definition: 'a garment' } }]);
    expect(labelStudioConfig()).toMatch(/<Choices name="contains" toName="image"[^>]*>\s*<Choice value="Yes"[^>]*\/>\s*<Choice value="No"/);
  });
});
