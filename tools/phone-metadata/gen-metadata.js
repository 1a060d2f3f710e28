'use strict';
/*
 * gen-metadata.js - writes src/detect/phone_metadata.c from libphonenumber's
 * metadata, as the npm package google-libphonenumber carries it.
 *
 *   cd tools/phone-metadata && npm install --no-package-lock && npm run generate
 *
 * What it emits, and why (phone_metadata.h documents the C side):
 *
 * - One automaton per calling code over the national significant number,
 *   the union of the regions that share the code (+1 is 25 regions, +7 is
 *   RU and KZ, ...). An accepting state's label has bit 0 when the number
 *   matches a region's general description within its possible lengths
 *   (libphonenumber's "possible number" for the region), and one bit per
 *   number type (fixed line, mobile, toll free, ...) whose pattern and
 *   lengths the number matches (libphonenumber's "valid number").
 * - One automaton for the national numbers of the markets whose national
 *   formats the detector knows, labelled with a bit per market; Argentina's
 *   mobile numbers written with "15" after the area code get a bit of their
 *   own (libphonenumber turns 0AA15NNNN into 9AANNNN when it parses them).
 * - The national formats of those markets: which leading digits select the
 *   format (an automaton each), the digit groups it writes and whether the
 *   trunk prefix is written, so the detector can check that a text is
 *   grouped the way numbers of that market are written.
 *
 * All automata live in one store of minimal states; C walks them a digit at
 * a time, with no regular-expression engine and no allocation. The output is
 * deterministic: the same package version gives the same bytes.
 */

const fs = require('fs');
const path = require('path');
const { Store, MAX_DEPTH } = require('./dfa');
const lpn = require('google-libphonenumber');
const meta = require('./meta');

const util = lpn.PhoneNumberUtil.getInstance();
const root = path.resolve(__dirname, '..', '..');
const outPath = path.join(root, 'src', 'detect', 'phone_metadata.c');

/* Number types in label-bit order (bit 0 is "possible"). */
const TYPES = meta.TYPES;

function lengthsOf(desc, fallback) {
	const a = desc.possibleLengthArray();
	return a.length ? a : fallback;
}

function entriesFor(m, withTypes, label) {
	const g = m.getGeneralDesc();
	const glen = lengthsOf(g, null);
	const out = [];
	out.push({ pattern: g.getNationalNumberPattern(), label: label || 1, lengths: glen });
	if (!withTypes)
		return out;
	TYPES.forEach((t, i) => {
		if (!m['has' + t.js]())
			return;
		const d = m['get' + t.js]();
		const p = d.getNationalNumberPattern();
		if (!p || p === 'NA')
			return;
		out.push({ pattern: p, label: 2 << i, lengths: lengthsOf(d, glen) });
	});
	return out;
}

const store = new Store();

/* ---- calling codes ---------------------------------------------------- */

const byCode = meta.metadataByCallingCode(util);
const codes = [...byCode.keys()].sort((a, b) => a - b);
const ccStart = new Map();
for (const cc of codes) {
	const entries = [];
	for (const m of byCode.get(cc))
		entries.push(...entriesFor(m, true));
	ccStart.set(cc, store.compile(entries));
}

/* ---- markets ---------------------------------------------------------- */

const markets = meta.MARKETS.map((region, bit) => {
	const m = util.getMetadataForRegion(region);
	const np = m.getNationalPrefix() || '';
	if (np.length > 1)
		throw new Error(`${region}: trunk prefix ${np} is longer than one digit`);
	return { region, bit, m, cc: m.getCountryCode(), np };
});
const AR15_BIT = markets.length;
if (AR15_BIT > 30)
	throw new Error('too many markets for a 31-bit label');

const nationalParts = markets.map((mk) =>
	store.compile(entriesFor(mk.m, false, 1 << mk.bit)));

/*
 * Argentina: a mobile number 9 AA NNNN is written nationally as
 * 0 AA 15 NNNN. National prefix for parsing is "0?(?:(AREA)15)?" with the
 * transform "9$1": enumerate AREA (a few hundred codes), and for each one
 * graft "AREA 15" onto the state the valid automaton reaches after "9 AREA".
 */
function argentina15() {
	const ar = markets.find((mk) => mk.region === 'AR');
	if (!ar)
		return 0;
	const npfp = ar.m.getNationalPrefixForParsing();
	const rule = ar.m.getNationalPrefixTransformRule();
	const mm = /^0\?\(\?:\((.*)\)15\)\?$/.exec(npfp);
	if (!mm || rule !== '9$1')
		throw new Error(`AR: unexpected national prefix for parsing ${npfp} / ${rule}`);
	const areas = store.strings(store.compile([{ pattern: mm[1], label: 1, lengths: null }]));
	const full = store.compile(entriesFor(ar.m, false, 1));
	/* Build the trie of "AREA 15" by hand and hang the rest of the number
	 * (what follows 9 AREA in the valid automaton) below it. */
	const trie = { kids: new Map(), tail: 0 };
	for (const a of areas) {
		let q = full;
		for (const c of '9' + a)
			q = store.next[q][+c];
		if (!q)
			continue;
		let node = trie;
		for (const c of a + '15') {
			if (!node.kids.has(c))
				node.kids.set(c, { kids: new Map(), tail: 0 });
			node = node.kids.get(c);
		}
		node.tail = q;
	}
	/* Relabel the grafted tails with the AR15 bit. */
	const relabel = (x) => (store.label[x] ? 1 << AR15_BIT : 0);
	function emit(node) {
		let next = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
		for (let d = 0; d < 10; d++) {
			const kid = node.kids.get(String(d));
			if (kid)
				next[d] = emit(kid);
		}
		const own = store.intern(0, next);
		if (!node.tail)
			return own;
		return store.union([own, node.tail], relabel);
	}
	return emit(trie);
}
const nationalStart = store.union([...nationalParts, argentina15()]);

/* ---- national formats ------------------------------------------------- */

/*
 * A format as the detector needs it: the leading-digits automaton (0 when
 * any number fits), the groups as written (each the sum of one or more
 * pattern groups, so a range [min, max] of digits), and whether the trunk
 * prefix is written before the first group.
 */
const TRUNK_NO = 0, TRUNK_YES = 1, TRUNK_OPTIONAL = 2;
const formats = [];
for (const mk of markets) {
	mk.firstFormat = formats.length;
	for (const f of mk.m.numberFormatArray()) {
		const fmt = f.getFormat();
		/* Formats that write digits of their own ("$2 15-$3-$4") are the
		 * Argentine mobile case, handled through its own label bit. */
		if (/[0-9]/.test(fmt.replace(/\$\d/g, '')))
			continue;
		const pg = [];
		const re = /\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)/g;
		let x;
		while ((x = re.exec(f.getPattern())) !== null) {
			const lo = x[1] === undefined ? 1 : +x[1];
			pg.push([lo, x[2] === undefined ? lo : +x[2]]);
		}
		/* Written groups: $n runs separated by anything but a digit. */
		const groups = fmt.split(/[^$0-9]+/).filter((s) => s).map((s) => {
			const ns = s.split('$').filter((v) => v).map((v) => +v - 1);
			return ns.reduce((a, n) => [a[0] + pg[n][0], a[1] + pg[n][1]], [0, 0]);
		});
		const lds = f.leadingDigitsPatternArray();
		/* libphonenumber tests the last (most specific) pattern. */
		const ld = lds.length ? store.compile([{ pattern: lds[lds.length - 1], label: 1, lengths: null }]) : 0;
		const rule = f.getNationalPrefixFormattingRule() || '';
		let trunk = TRUNK_NO;
		if (mk.np && rule.includes(mk.np))
			trunk = f.getNationalPrefixOptionalWhenFormatting() ? TRUNK_OPTIONAL : TRUNK_YES;
		if (groups.length > 6) /* LP_PHONE_MAX_GROUPS */
			throw new Error(`${mk.region}: format ${fmt} has more than 6 groups`);
		formats.push({ ld, groups, trunk, src: `${f.getPattern()} ${fmt}` });
	}
	mk.nFormats = formats.length - mk.firstFormat;
}
/* A region with no formats of its own (Canada) is written with those of
 * the main region of its calling code, as libphonenumber does. */
for (const mk of markets) {
	if (mk.nFormats)
		continue;
	const main = util.getRegionCodeForCountryCode(mk.cc);
	const mm = markets.find((k) => k.region === main);
	if (!mm || !mm.nFormats)
		throw new Error(`${mk.region}: no national formats`);
	mk.firstFormat = mm.firstFormat;
	mk.nFormats = mm.nFormats;
}

/* ---- self-checks ------------------------------------------------------ */

/* Every example number is possible and of its type for its calling code,
 * and the national automaton knows the markets' examples. */
let checked = 0;
for (const ex of meta.examples(util)) {
	const lab = store.run(ccStart.get(ex.cc), ex.nsn);
	if (!(lab & 1) || !(lab & (2 << ex.typeIndex)))
		throw new Error(`${ex.region} ${ex.type} ${ex.nsn}: label ${lab}`);
	const mk = markets.find((k) => k.region === ex.region);
	if (mk && !(store.run(nationalStart, ex.nsn) & (1 << mk.bit)))
		throw new Error(`${ex.region} ${ex.nsn}: not in the national automaton`);
	checked++;
}
/* The compiled automata agree with the regular expressions on random
 * digit strings (a check on the compiler, with a fixed seed). */
let seed = 12345;
function rand(n) {
	seed = (seed * 1103515245 + 12345) & 0x7fffffff;
	return seed % n;
}
for (const cc of codes) {
	const ms = byCode.get(cc);
	for (let k = 0; k < 300; k++) {
		const m = ms[rand(ms.length)];
		const g = m.getGeneralDesc();
		const lens = g.possibleLengthArray();
		const len = lens.length ? lens[rand(lens.length)] : 4 + rand(10);
		/* Half the strings from a real example's prefix, to reach deep. */
		const ex = meta.exampleNsns(util, m);
		let s = ex.length && rand(2) ? ex[rand(ex.length)].slice(0, rand(len)) : '';
		while (s.length < len)
			s += rand(10);
		s = s.slice(0, len);
		const want = ms.some((mm) => {
			const gg = mm.getGeneralDesc();
			const l = gg.possibleLengthArray();
			return (!l.length || l.includes(s.length)) &&
				new RegExp('^(?:' + gg.getNationalNumberPattern() + ')$').test(s);
		});
		if (!!(store.run(ccStart.get(cc), s) & 1) !== want)
			throw new Error(`+${cc} ${s}: automaton and pattern disagree`);
	}
}
if (store.size > 65535)
	throw new Error(`${store.size} states do not fit 16 bits`);

/* ---- emission --------------------------------------------------------- */

const pkg = require('google-libphonenumber/package.json');
const lines = [];
const out = (s) => lines.push(s);

out(`/*
 * phone_metadata.c - GENERATED by tools/phone-metadata/gen-metadata.js;
 * do not edit. To regenerate:
 *
 *   cd tools/phone-metadata && npm install --no-package-lock && npm run generate
 *
 * Source: libphonenumber's metadata as carried by the npm package
 * ${pkg.name} ${pkg.version} (package licence ${pkg.license.replace(/^\((.*)\)$/, '$1')}; the metadata
 * is libphonenumber's, Apache License 2.0, Copyright (C) Google).
 * Calling codes, national-number patterns, possible lengths, trunk
 * prefixes and national formats, compiled into minimal automata over the
 * digits 0-9 (see phone_metadata.h for how to read the tables).
 *
 * ${codes.length} calling codes, ${markets.length} national markets, ${formats.length} national formats,
 * ${store.size} automaton states; ${checked} example numbers checked.
 */
#include "phone_metadata.h"
`);

out('const uint16_t lp_phone_next[][10] = {');
for (let i = 0; i < store.size; i++)
	out('\t{' + store.next[i].join(',') + '},');
out('};');
out('const uint32_t lp_phone_label[] = {');
for (let i = 0; i < store.size; i += 16)
	out('\t' + store.label.slice(i, i + 16).map((v) => v + ',').join(''));
out('};');
out(`const size_t lp_phone_nstates = ${store.size};`);
out('');

out('/* Start state of each calling code\'s automaton, by code (0: no such code). */');
out('const uint16_t lp_phone_cc_start[1000] = {');
for (const cc of codes)
	out(`\t[${cc}] = ${ccStart.get(cc)},`);
out('};');
out('');

out('/* The regions of each calling code, the main one first. */');
out('const lp_phone_code lp_phone_codes[] = {');
for (const cc of codes)
	out(`\t{ ${cc}, "${byCode.get(cc).map((m) => m.getId()).join(' ')}" },`);
out('\t{ 0, NULL },');
out('};');
out('');

out(`const uint16_t lp_phone_national_start = ${nationalStart};`);
out(`const unsigned lp_phone_ar15_bit = ${AR15_BIT};`);
/* Argentina's "0 AA 15 NNNN" carries the trunk prefix 0 too. */
const trunkBits = [];
for (let c = 0; c < 10; c++) {
	let bits = 0;
	for (const mk of markets) {
		if (mk.np === String(c))
			bits |= 1 << mk.bit;
	}
	if (c === 0 && markets.some((mk) => mk.region === 'AR'))
		bits |= 1 << AR15_BIT;
	trunkBits.push(bits >>> 0);
}
out('const uint32_t lp_phone_trunk_bits[10] = { ' + trunkBits.map((b) => '0x' + b.toString(16)).join(', ') + ' };');
out('');
out('const lp_phone_format lp_phone_formats[] = {');
for (const f of formats) {
	const g = f.groups.map((x) => `{ ${x[0]}, ${x[1]} }`).join(', ');
	const lo = f.groups.reduce((a, x) => a + x[0], 0);
	const hi = f.groups.reduce((a, x) => a + x[1], 0);
	out(`\t{ ${f.ld}, ${lo}, ${hi}, ${f.trunk}, ${f.groups.length}, { ${g} } }, /* ${f.src.replace(/\*\//g, '* /')} */`);
}
out('};');
out('');
out('const lp_phone_market lp_phone_markets[] = {');
for (const mk of markets) {
	const np = mk.np ? `'${mk.np}'` : '0';
	out(`\t{ "${mk.region}", ${mk.cc}, ${np}, ${mk.firstFormat}, ${mk.nFormats} },`);
}
out('};');
out(`const size_t lp_phone_nmarkets = ${markets.length};`);

const text = lines.join('\n') + '\n';
fs.writeFileSync(outPath, text);
console.log(`${path.relative(root, outPath)}: ${text.length} bytes, ${store.size} states, ` +
	`${codes.length} codes, ${formats.length} formats, ${checked} examples checked (max depth ${MAX_DEPTH})`);
