/**
 * The beta-family distribution functions of @stdlib that src/stats uses, gathered in one module.
 *
 * Why a module of its own: these two packages pull in ~420 small CommonJS files, which cost Node ~150–250 ms to
 * resolve and compile on every start of `heldout score`. `npm run build` therefore replaces the compiled
 * dist/stats/stdlib-beta.js with a loader of one pre-bundled file and its V8 code cache
 * (tools/build/bundle-stdlib.mjs); the functions, and so every result, are the same. Tests run this source as is.
 */
export { default as betaQuantile } from '@stdlib/stats-base-dists-beta-quantile';
export { default as binomialCdf } from '@stdlib/stats-base-dists-binomial-cdf';
