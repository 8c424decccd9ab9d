import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { connectedComponents, resolveNearDuplicates, type ConfirmedPair } from '../../src/collect/core/index.js';

const cand = (candidate: string, id: string, kind: 'image' | 'candidate' = 'candidate'): ConfirmedPair => ({ candidate, reference: { kind, id } });

describe('connectedComponents', () => {
  it('groups transitively connected nodes, sorted, isolated nodes alone', () => {
    expect(connectedComponents([['b', 'a'], ['c', 'b'], ['x', 'y']], ['z'])).toEqual([['a', 'b', 'c'], ['x', 'y'], ['z']]);
  });

  it('gives every node exactly one component whatever the edge order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }))), (raw) => {
      const edges = raw.map(([a, b]) => [`n${a}`, `n${b}`] as const);
      const comps = connectedComponents(edges);
      const all = comps.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(connectedComponents([...edges].reverse())).toEqual(comps);
      for (const [a, b] of edges) expect(comps.find((c) => c.includes(a))).toContain(b);
    }));
  });
});

describe('resolveNearDuplicates (ImageNetV2 rule)', () => {
  it('excludes every candidate of a component that touches a reference image', () => {
    const r = resolveNearDuplicates([cand('c2', 'c1'), cand('c1', 'sha-a', 'image'), cand('c3', 'c4')]);
    expect(r.excluded.get('c1')).toEqual({ kind: 'near-duplicate-of-reference', references: ['sha-a'] });
    expect(r.excluded.get('c2')?.kind).toBe('near-duplicate-of-reference');
    expect(r.excluded.get('c4')).toEqual({ kind: 'near-duplicate-of-candidate', kept: 'c3' });
    expect(r.excluded.has('c3')).toBe(false);
    expect(r.components).toHaveLength(2);
  });

  it('keeps the highest selection frequency when given, else the first id', () => {
    const pairs = [cand('b', 'a'), cand('c', 'b')];
    expect(resolveNearDuplicates(pairs).components[0]?.kept).toBe('a');
    expect(resolveNearDuplicates(pairs, new Map([['a', 0.5], ['b', 0.9], ['c', 0.9]])).components[0]?.kept).toBe('b');
    expect(resolveNearDuplicates(pairs, new Map([['c', 0.1]])).components[0]?.kept).toBe('c'); // missing ranks lowest
  });

  it('keeps exactly one candidate per reference-free component', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.boolean())), (raw) => {
      const pairs = raw.map(([a, b, img]) => cand(`c${a}`, img ? `i${b}` : `c${b}`, img ? 'image' : 'candidate'));
      const r = resolveNearDuplicates(pairs);
      for (const comp of r.components) {
        const kept = comp.candidates.filter((c) => !r.excluded.has(c));
        expect(kept.length).toBe(comp.references.length > 0 ? 0 : 1);
      }
    }));
  });
});
