// Builds the common-word list that Serverless.Core embeds (src/Core/Terminology/Data/common-words.txt.gz; see
// PROVENANCE.md there) from WordNet 3.0 (WordNet licence): cntlist.rev gives, for every word sense, how often it was
// tagged in SemCor (general English text of the Brown corpus). Run at dev time only:
//   cd /tmp && apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn
//   node scripts/terminology/convert-wordnet-frequencies.mjs /tmp/wn/usr/share/wordnet <output dir> [lemma count]
// A lemma's count is the sum over all its senses in every part of speech. The most frequent single-word lemmas are
// kept (ties at the cut are all kept, so the result does not depend on an arbitrary order), then written with their
// inflected forms: WordNet's exception lists (*.exc: "men", "data", "stopped") and the regular English endings
// (noun plural; verb -s, -ed, -ing), because the engine looks words up as written.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const [wordnetDir, outDir, countArg] = process.argv.slice(2);
if (!wordnetDir || !outDir) {
  console.error('usage: convert-wordnet-frequencies.mjs <wordnet dict dir> <output dir> [lemma count]');
  process.exit(1);
}

const lemmaCount = Number(countArg ?? 5000);
const singleWord = /^[a-z][a-z'-]*$/;
const partOfSpeech = { 1: 'noun', 2: 'verb', 3: 'adj', 4: 'adv', 5: 'adj' };

// cntlist.rev lines: "sense_key sense_number tag_cnt"; sense_key = "lemma%ss_type:lex_filenum:lex_id:head:head_id".
const counts = new Map();
const kinds = new Map();
for (const line of readFileSync(path.join(wordnetDir, 'cntlist.rev'), 'utf8').split('\n')) {
  const [senseKey, , tagCount] = line.split(' ');
  if (!senseKey || !tagCount) continue;
  const [lemma, rest] = senseKey.split('%');
  const lower = lemma.toLowerCase();
  if (!singleWord.test(lower)) continue;
  counts.set(lower, (counts.get(lower) ?? 0) + Number(tagCount));
  const kind = partOfSpeech[rest.split(':')[0]];
  if (!kinds.has(lower)) kinds.set(lower, new Set());
  kinds.get(lower).add(kind);
}

const ranked = [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const cut = ranked[Math.min(lemmaCount, ranked.length) - 1][1];
const kept = ranked.filter(([, c]) => c >= cut).map(([lemma]) => lemma);

const exceptions = new Map();
for (const kind of ['noun', 'verb', 'adj', 'adv']) {
  for (const line of readFileSync(path.join(wordnetDir, `${kind}.exc`), 'utf8').split('\n')) {
    const [form, ...bases] = line.split(' ').filter((w) => w.length > 0);
    if (!form || !singleWord.test(form)) continue;
    for (const base of bases) {
      const key = `${kind} ${base}`;
      if (!exceptions.has(key)) exceptions.set(key, []);
      exceptions.get(key).push(form);
    }
  }
}

const sibilant = /(s|x|z|ch|sh)$/;
const consonantY = /[^aeiou]y$/;
const withS = (w) => (sibilant.test(w) ? `${w}es` : consonantY.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
const withEd = (w) => (w.endsWith('e') ? `${w}d` : consonantY.test(w) ? `${w.slice(0, -1)}ied` : `${w}ed`);
const withIng = (w) =>
  w.endsWith('ie') ? `${w.slice(0, -2)}ying` : /[^aeiouy]e$/.test(w) ? `${w.slice(0, -1)}ing` : `${w}ing`;

const seen = new Set();
const forms = [];
const add = (w) => {
  if (!seen.has(w)) {
    seen.add(w);
    forms.push(w);
  }
};
for (const lemma of kept) {
  add(lemma);
  for (const kind of kinds.get(lemma)) {
    (exceptions.get(`${kind} ${lemma}`) ?? []).forEach(add);
    if (kind === 'noun') add(withS(lemma));
    if (kind === 'verb') [withS(lemma), withEd(lemma), withIng(lemma)].forEach(add);
  }
}

writeFileSync(path.join(outDir, 'common-words.txt.gz'), gzipSync(forms.join('\n') + '\n', { level: 9 }));
console.log(`${ranked.length} counted lemmas; kept ${kept.length} (count >= ${cut}); ${forms.length} word forms`);
