import { XMLParser } from 'fast-xml-parser';

/**
 * Answers of an MTurk QuestionFormAnswers document (the `Answer` field of ListAssignmentsForHIT), by question
 * identifier: FreeText as one string (checkbox groups arrive joined by `|`), SelectionIdentifier(s) as they are.
 * Throws a RangeError for anything that is not a QuestionFormAnswers document.
 */
export function parseQuestionFormAnswers(xml: string): Map<string, string[]> {
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'Answer' || name === 'SelectionIdentifier' }).parse(xml, true);
  } catch (err) {
    throw new RangeError(`not well-formed XML: ${(err as Error).message}`, { cause: err });
  }
  const root = (doc as Record<string, unknown>).QuestionFormAnswers as { Answer?: unknown[] } | undefined;
  if (!root || typeof root !== 'object') throw new RangeError('not a QuestionFormAnswers document (no <QuestionFormAnswers> root)');
  const out = new Map<string, string[]>();
  for (const a of root.Answer ?? []) {
    const answer = a as { QuestionIdentifier?: unknown; FreeText?: unknown; SelectionIdentifier?: unknown[] };
    if (typeof answer.QuestionIdentifier !== 'string' || answer.QuestionIdentifier === '') throw new RangeError('an <Answer> without a <QuestionIdentifier>');
    const values = answer.SelectionIdentifier ? answer.SelectionIdentifier.map(String) : answer.FreeText === undefined ? [] : [String(answer.FreeText)];
    out.set(answer.QuestionIdentifier, values);
  }
  return out;
}
