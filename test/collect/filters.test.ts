import { describe, expect, it } from 'vitest';
import { checkMetadata, checkResolution, parseSourceDate } from '../../src/collect/core/index.js';

describe('parseSourceDate', () => {
  it('reads Flickr dateupload (unix seconds) and datetaken (no zone, read as UTC)', () => {
    expect(parseSourceDate('1358000000')).toEqual({ ok: true, iso: '2013-01-12T14:13:20.000Z' });
    expect(parseSourceDate(1358000000)).toEqual({ ok: true, iso: '2013-01-12T14:13:20.000Z' });
    expect(parseSourceDate('2012-12-31 23:59:58')).toEqual({ ok: true, iso: '2012-12-31T23:59:58.000Z' });
    expect(parseSourceDate('2013-05-04')).toEqual({ ok: true, iso: '2013-05-04T00:00:00.000Z' });
    expect(parseSourceDate('2013-05-04T10:00:00+02:00')).toEqual({ ok: true, iso: '2013-05-04T08:00:00.000Z' });
    expect(parseSourceDate('')).toEqual({ ok: true, iso: null });
    expect(parseSourceDate(undefined)).toEqual({ ok: true, iso: null });
  });

  it('rejects malformed and impossible dates instead of guessing', () => {
    for (const bad of ['yesterday', '2013-02-30', '2013-13-01 00:00:00', '0000-00-00 00:00:00', '2013-01-01 25:00:00', -5, 1.5, {}]) {
      expect(parseSourceDate(bad).ok, String(bad)).toBe(false);
    }
  });
});

describe('candidate filters', () => {
  const facts = { license: 'CC-BY 2.0', dateUploaded: '2013-01-12T14:13:20.000Z', dateTaken: '2012-06-01T00:00:00.000Z' };

  it('passes a candidate inside every rule', () => {
    expect(checkMetadata(facts, { licences: ['cc-by 2.0', 'CC0'], uploaded: { from: '2012-07-11T00:00:00Z', to: '2013-07-11T00:00:00Z' } })).toBeUndefined();
  });

  it('gives the first failing rule as the reason, with a detail', () => {
    expect(checkMetadata(facts, { licences: ['CC0'] })?.reason).toBe('licence-not-allowed');
    expect(checkMetadata(facts, { uploaded: { from: '2013-07-11T00:00:00Z' } })).toMatchObject({ reason: 'uploaded-outside-window' });
    expect(checkMetadata(facts, { uploaded: { to: '2013-01-12T14:13:20.000Z' } })?.reason).toBe('uploaded-outside-window'); // end is exclusive
    expect(checkMetadata(facts, { taken: { from: '2012-07-11T00:00:00Z' } })?.reason).toBe('taken-outside-window');
    expect(checkMetadata({ ...facts, dateTaken: null }, { taken: { from: '2012-07-11T00:00:00Z' } })?.detail).toContain('date unknown');
  });

  it('checks the minimum resolution on both sides', () => {
    expect(checkResolution(500, 375, { minWidth: 500, minHeight: 375 })).toBeUndefined();
    expect(checkResolution(499, 800, { minWidth: 500 })).toMatchObject({ reason: 'too-small', detail: '499×800 is below the minimum 500×0' });
  });
});
