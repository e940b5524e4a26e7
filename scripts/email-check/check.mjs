// Checks alertmail's HTML emails for the clients an on-call engineer reads them in.
//
//   cd scripts/email-check && npm ci && node check.mjs ../../target/email-samples/*.html
//
// 1. caniemail.com's support data (@jsx-email/doiuse-email) for Outlook for Windows, Gmail and
//    Apple Mail: a feature a client lacks is allowed only where its absence changes the looks,
//    never the meaning (COSMETIC below says why each is harmless). Anything else fails the check.
// 2. html-validate for structure (unclosed or misnested elements, duplicate attributes, ...),
//    with the rules that cannot apply to email turned off (.htmlvalidate.json).
import { doIUseEmail } from '@jsx-email/doiuse-email';
import { HtmlValidate } from 'html-validate';
import { readFileSync } from 'node:fs';

const CLIENTS = ['outlook.windows', 'gmail.desktop-webmail', 'gmail.android', 'gmail.ios',
  'apple-mail.macos', 'apple-mail.ios'];

/** Unsupported features whose absence only changes the looks, with the reason. */
const COSMETIC = {
  'border-radius': 'rounded corners become square',
  'white-space': 'only on <pre>, whose line breaks every client keeps; long lines may not wrap',
  'word-break': 'only on <pre>: a long line may not break',
};

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs file.html...');
  process.exit(2);
}
const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('./.htmlvalidate.json', import.meta.url), 'utf8')));
let failed = 0;
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  const problems = [];
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  for (const error of result.errors ?? []) {
    const feature = (error.match(/^`([^`]+)`/) ?? [])[1];
    if (!(feature in COSMETIC)) {
      problems.push(`caniemail: ${error}`);
    }
  }
  for (const m of html.matchAll(/<(\w+)[^>]*style="[^"]*(white-space|word-break)/g)) {
    if (m[1] !== 'pre') {
      problems.push(`caniemail: ${m[2]} on <${m[1]}>: Outlook for Windows ignores it there, line breaks would be lost`);
    }
  }
  const report = await validator.validateString(html, file);
  for (const r of report.results) {
    for (const msg of r.messages) {
      problems.push(`html-validate ${msg.line}:${msg.column} ${msg.ruleId}: ${msg.message}`);
    }
  }
  const partial = new Set((result.warnings ?? []).map((w) => (w.match(/^`([^`]+)`/) ?? [])[1]));
  if (problems.length) {
    failed++;
    console.log(`FAIL ${file}`);
    problems.forEach((p) => console.log(`  ${p}`));
  } else {
    console.log(`ok   ${file} (cosmetic only: ${Object.keys(COSMETIC).join(', ')}; partly supported somewhere: ${[...partial].join(', ')})`);
  }
}
process.exit(failed ? 1 : 0);
