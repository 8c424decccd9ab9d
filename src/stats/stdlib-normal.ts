/**
 * The normal-distribution functions of @stdlib that src/stats uses, gathered in one module. Like
 * {@link ./stdlib-beta.ts}, `npm run build` replaces the compiled file with a loader of one pre-bundled file and its
 * V8 code cache (tools/build/bundle-stdlib.mjs), so `heldout stats` does not resolve ~60 CommonJS files at start.
 */
export { default as normalCdf } from '@stdlib/stats-base-dists-normal-cdf';
export { default as normalQuantile } from '@stdlib/stats-base-dists-normal-quantile';
