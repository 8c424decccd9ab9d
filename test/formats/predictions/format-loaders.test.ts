import { describe, expect, it } from 'vitest';
import { FORMAT_LOADERS } from '../../../src/formats/predictions/format-loaders.js';
import { FORMATS } from '../../../src/formats/predictions/formats.js';

describe('FORMAT_LOADERS', () => {
  it('loads the same parsers as FORMATS, for every format', async () => {
    expect(Object.keys(FORMAT_LOADERS).sort()).toEqual(Object.keys(FORMATS).sort());
    for (const name of Object.keys(FORMATS) as Array<keyof typeof FORMATS>) {
      const loaded = await FORMAT_LOADERS[name]();
      expect(loaded.predictions).toBe(FORMATS[name].predictions);
      expect(loaded.labels).toBe(FORMATS[name].labels);
    }
  });
});
