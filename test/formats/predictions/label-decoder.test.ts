import { describe, expect, it } from 'vitest';
import { loadBuiltinClassSet } from '../../../src/catalog/builtin-class-sets.js';
import { labelDecoder } from '../../../src/formats/predictions/label-decoder.js';

const ilsvrc = loadBuiltinClassSet('ilsvrc2012');
const token = (d: ReturnType<typeof labelDecoder>, s: string) => d.token(`  ${s} `, 2, 2 + s.length);

describe('labelDecoder on ILSVRC-2012', () => {
  it('maps the three label spaces to the same class index', () => {
    // devkit 1 = n02119789 (kit fox) = sorted index 278; index 0 = n01440764 (tench) = devkit 449.
    expect(token(labelDecoder(ilsvrc, 'devkit'), '1')).toBe(278);
    expect(token(labelDecoder(ilsvrc, 'devkit'), '449')).toBe(0);
    expect(token(labelDecoder(ilsvrc, 'index'), '278')).toBe(278);
    expect(token(labelDecoder(ilsvrc, 'wnid'), 'n02119789')).toBe(278);
    expect(token(labelDecoder(ilsvrc, 'devkit'), '0449')).toBe(0);
    for (const space of ['devkit', 'index', 'wnid'] as const) {
      const d = labelDecoder(ilsvrc, space);
      for (const e of ilsvrc.entries) {
        const t = space === 'devkit' ? String(e.devkitId) : space === 'index' ? String(e.index) : e.wnid;
        expect(token(d, t)).toBe(e.index);
      }
    }
  });

  it('refuses everything else with -1 and explains why', () => {
    const devkit = labelDecoder(ilsvrc, 'devkit');
    for (const bad of ['0', '1001', '-1', '1.0', '1e2', '', 'n02119789', '９']) expect(token(devkit, bad)).toBe(-1);
    expect([devkit.int(0), devkit.int(1001), devkit.int(1.5), devkit.int(NaN), devkit.int(1)]).toEqual([-1, -1, -1, -1, 278]);
    expect(devkit.explain('1001')).toBe('devkit ID 1001 is out of range for class set ilsvrc2012 (1..1000)');
    expect(devkit.explain('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…" is not a devkit ID (an integer 1..1000)`);
    expect(labelDecoder(ilsvrc, 'index').explain('1000')).toBe('class index 1000 is out of range for class set ilsvrc2012 (0..999)');
    const wnid = labelDecoder(ilsvrc, 'wnid');
    expect(token(wnid, 'n99999999')).toBe(-1);
    expect(wnid.int(5)).toBe(-1);
    expect(wnid.explain('n99999999')).toBe('wnid n99999999 is not in class set ilsvrc2012');
    expect(wnid.explain('449')).toBe('"449" is not a wnid (n + 8 digits)');
  });
});
