'use strict';
/*
 * gen-corpus.js - writes the labelled phone corpus from libphonenumber's
 * example numbers:
 *
 *   tests/corpus/phone_intl.jsonl      every region's examples (every number
 *                                      type it has one for), written the way
 *                                      libphonenumber formats them
 *                                      internationally: +CC ...
 *   tests/corpus/phone_national.jsonl  the examples of the 30 markets the
 *                                      detector knows, in national format
 *
 * each number in a short tweet-like sentence. Sentences are picked by a
 * fixed rule from the templates below, so regenerating gives the same
 * bytes. About half of the templates put a word like "call" or "number"
 * before the number and half do not, so the corpus measures both.
 */

const fs = require('fs');
const path = require('path');
const lpn = require('google-libphonenumber');
const meta = require('./meta');

const util = lpn.PhoneNumberUtil.getInstance();
const PNF = lpn.PhoneNumberFormat;
const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'tests', 'corpus');

const TEMPLATES = [
	'call me on {} tonight',
	'{} is her new number, spread it',
	'my cousin\'s number: {}',
	'text {} if you still want the tickets',
	'lost my phone, new one is {}',
	'whatsapp {} for details',
	'ring the office at {} before 5pm',
	'he keeps calling from {} at 3am, blocking it now',
	'reach our team on {} (weekdays only)',
	'new phone who dis {}',
	'his landline is {}, go off',
	'contact: {}',
	'can someone tell me whose this is? {}',
	'found this on a flyer at the station {} - legit?',
	'{} just messaged me out of nowhere',
	'pls stop giving out {} to randoms',
	'the landlord\'s mobile is {} if anyone needs it',
	'ok so {} keeps showing up on my caller id',
];

/* A small fixed hash, so the template does not follow the region order. */
function pick(key) {
	let h = 2166136261;
	for (const c of key) {
		h ^= c.charCodeAt(0);
		h = Math.imul(h, 16777619) >>> 0;
	}
	return TEMPLATES[h % TEMPLATES.length];
}

function write(name, set, rows) {
	const lines = rows.map((r) => {
		const text = pick(set + r.region + r.type).replace('{}', r.match);
		return JSON.stringify({
			set,
			region: r.region,
			text,
			expect: [{ detector: 'phone', match: r.match }],
		});
	});
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
	console.log(`tests/corpus/${name}: ${lines.length} lines`);
}

const all = meta.examples(util);

write('phone_intl.jsonl', 'phone_intl', all.map((ex) => ({
	region: ex.region,
	type: ex.type,
	match: util.format(ex.number, PNF.INTERNATIONAL),
})));

const markets = new Set(meta.MARKETS);
write('phone_national.jsonl', 'phone_national', all.filter((ex) => markets.has(ex.region)).map((ex) => ({
	region: ex.region,
	type: ex.type,
	match: util.format(ex.number, PNF.NATIONAL),
})));
