import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { batchInputCsv, htmlQuestion, parseBatchResults, parseMturkTime, parseQuestionFormAnswers } from '../../../src/verify/core/mturk/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/crowd/${name}`, import.meta.url), 'utf8');
const COLS = { classColumn: 'Input.wnid', imageColumns: 'Input.img_*', answerColumn: 'Answer.selected' };

describe('MTurk times', () => {
  it('parses %a %b %d %H:%M:%S %Z %Y into UTC', () => {
    expect(parseMturkTime('Tue Dec 11 10:02:11 PST 2018')).toBe('2018-12-11T18:02:11.000Z');
    expect(parseMturkTime('Wed Jul 11 09:00:00 PDT 2018')).toBe('2018-07-11T16:00:00.000Z');
    expect(parseMturkTime('Sat Jan  5 23:59:59 UTC 2019')).toBe('2019-01-05T23:59:59.000Z');
  });
  it('refuses a wrong weekday, an unknown zone, an impossible date or another format', () => {
    expect(() => parseMturkTime('Mon Dec 11 10:02:11 PST 2018')).toThrow(/was a Tue/);
    expect(() => parseMturkTime('Tue Dec 11 10:02:11 XYZ 2018')).toThrow(/unknown time zone/);
    expect(() => parseMturkTime('Fri Feb 30 10:02:11 UTC 2018')).toThrow(RangeError);
    expect(() => parseMturkTime('2018-12-11T10:02:11Z')).toThrow(/not an MTurk time/);
  });
});

describe('QuestionFormAnswers', () => {
  it('reads FreeText (checkbox groups joined by |) and SelectionIdentifiers by question', () => {
    const a = parseQuestionFormAnswers(fixture('question-form-answers.xml'));
    expect(a.get('selected')).toEqual(['https://farm1.example.org/123_a.jpg|https://farm2.example.org/125_c.jpg']);
    expect(a.get('comment')).toEqual(['nice & easy']);
    expect(a.get('quality')).toEqual(['good', 'fast']);
  });
  it('refuses other documents', () => {
    expect(() => parseQuestionFormAnswers('<Other/>')).toThrow(/QuestionFormAnswers/);
    expect(() => parseQuestionFormAnswers('<QuestionFormAnswers><Answer>')).toThrow(RangeError);
  });
});

describe('Batch results CSV', () => {
  it('reads every standard column; answers by URL or by id; Reject column wins', () => {
    const { assignments, imageColumns } = parseBatchResults(fixture('mturk-batch-results.csv'), COLS);
    expect(imageColumns).toEqual(['Input.img_01', 'Input.img_02', 'Input.img_03', 'Input.img_04']);
    expect(assignments.map((a) => [a.workerId, a.status, a.selected])).toEqual([
      ['A1ZCBM3WFQ9TB1', 'approved', [0, 2]],
      ['A2VNSNAN1LZBAM', 'submitted', [0, 3]],
      ['A3H8OPC1VIQM0X', 'rejected', []],
    ]);
    expect(assignments[0]).toMatchObject({
      hitId: '3X4JMASXCM8FCX94IM0KEMYGPMA0B4', assignmentId: '3PB5A5BD0VBPWTWU8C3QD0FQ8ZQ7G2', wnid: 'n04197391', maxAssignments: 3,
      acceptTime: '2018-12-11T18:01:11.000Z', submitTime: '2018-12-11T18:02:11.000Z', reviewTime: '2018-12-11T20:00:00.000Z', workTimeSeconds: 60,
    });
    expect(assignments[2]!.feedback).toBe('selected nothing in 5 s');
  });

  it('reads answers given as QuestionFormAnswers XML', () => {
    const csv = `HITId,AssignmentId,WorkerId,AssignmentStatus,Input.wnid,Input.img_01,Input.img_02,Input.img_03,Answer\nH1,A1,W1,Submitted,n04197391,https://farm1.example.org/123_a.jpg,x,https://farm2.example.org/125_c.jpg,"${fixture('question-form-answers.xml').replace(/"/g, '""')}"\n`;
    expect(parseBatchResults(csv, { ...COLS, answerColumn: 'Answer' }).assignments[0]!.selected).toEqual([0, 2]);
  });

  it.each([
    ['a missing column', (t: string) => t.replace('"AssignmentStatus"', '"Status"'), /no column "AssignmentStatus"/],
    ['a bad status', (t: string) => t.replace('"Submitted"', '"Pending"'), /line 3: AssignmentStatus must be/],
    ['a bad time', (t: string) => t.replace('Tue Dec 11 10:05:00 PST 2018', 'Tue Dec 11 10:05 PST 2018'), /line 3: AcceptTime: not an MTurk time/],
    ['an answer that is no image', (t: string) => t.replace('123_a|126_d', '123_a|999_z'), /line 3: answer "999_z" is none of the HIT's 4 images/],
    ['a repeated AssignmentId', (t: string) => t.replace('3FPRZHYEPZ5DD6DEVF2MH0H6NHB3VK', '3PB5A5BD0VBPWTWU8C3QD0FQ8ZQ7G2'), /line 3: AssignmentId .* appears twice/],
    ['a bad wnid', (t: string) => t.replace(/"n04197391"/, '"shirt"'), /line 2: Input.wnid must be a wnid/],
    ['a ragged row', (t: string) => `${t}"x","y"\n`, /not a valid CSV/],
  ])('refuses %s with the line', (_what, mangle, message) => {
    expect(() => parseBatchResults(mangle(fixture('mturk-batch-results.csv')), COLS)).toThrow(message);
  });
});

describe('batch input CSV and HTMLQuestion', () => {
  it('writes one HIT per row with img_NN columns', () => {
    const csv = batchInputCsv([{ key: 'h1', wnid: 'n04197391', synset: 'shirt', gloss: 'a garment, "upper"', images: ['u1', 'u2'] }, { key: 'h2', wnid: 'n04197391', synset: 'shirt', gloss: 'g', images: ['u3'] }]);
    expect(csv).toBe('hit_key,wnid,synset,gloss,img_01,img_02\nh1,n04197391,shirt,"a garment, ""upper""",u1,u2\nh2,n04197391,shirt,g,u3,\n');
  });
  it('builds a well-formed HTMLQuestion with placeholders and a selected checkbox per image, under 64 KB', () => {
    const xml = htmlQuestion(48);
    const doc = new XMLParser().parse(xml) as { HTMLQuestion: { HTMLContent: string; FrameHeight: number } };
    expect(doc.HTMLQuestion.FrameHeight).toBe(900);
    const page = doc.HTMLQuestion.HTMLContent;
    expect(page).toContain('${synset}');
    expect(page).toContain('name="selected" value="${img_48}"');
    expect(page.match(/name="selected"/g)).toHaveLength(48);
    expect(page).toContain('https://www.mturk.com/mturk/externalSubmit');
    expect(() => htmlQuestion(2000)).toThrow(/64 KB/);
  });
});
