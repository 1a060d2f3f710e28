'use strict';
/*
 * meta.js - what both generators read from libphonenumber: the regions of
 * each calling code, the markets whose national formats the detector knows,
 * and the example numbers of every region and number type.
 */

const lpn = require('google-libphonenumber');

/* Number types in label-bit order: bit 0 is "possible", type i is bit
 * i + 1. js is the metadata accessor, name the PhoneNumberType key. */
const TYPES = [
	{ js: 'FixedLine', name: 'FIXED_LINE' },
	{ js: 'Mobile', name: 'MOBILE' },
	{ js: 'TollFree', name: 'TOLL_FREE' },
	{ js: 'PremiumRate', name: 'PREMIUM_RATE' },
	{ js: 'SharedCost', name: 'SHARED_COST' },
	{ js: 'PersonalNumber', name: 'PERSONAL_NUMBER' },
	{ js: 'Voip', name: 'VOIP' },
	{ js: 'Pager', name: 'PAGER' },
	{ js: 'Uan', name: 'UAN' },
	{ js: 'Voicemail', name: 'VOICEMAIL' },
];

/* The 30 largest markets, whose national formats the detector knows (the
 * order is the order of their label bits; keep it stable). */
const MARKETS = [
	'US', 'JP', 'IN', 'GB', 'BR', 'ID', 'TR', 'MX', 'SA', 'FR',
	'DE', 'ES', 'CA', 'PH', 'TH', 'KR', 'AR', 'NG', 'KE', 'EG',
	'ZA', 'PK', 'IT', 'NL', 'AU', 'RU', 'CO', 'MY', 'AE', 'PL',
];

/* Calling code -> [metadata], the main region first, then the others in
 * libphonenumber's order; the non-geographic entities (+800, +882, ...)
 * under their code with region "001". */
function metadataByCallingCode(util) {
	const map = new Map();
	for (const cc of util.getSupportedCallingCodes ? util.getSupportedCallingCodes() : []) {
		map.set(cc, []);
	}
	for (const region of util.getSupportedRegions()) {
		const cc = util.getCountryCodeForRegion(region);
		if (!map.has(cc))
			map.set(cc, []);
	}
	for (const cc of util.getSupportedGlobalNetworkCallingCodes()) {
		if (!map.has(cc))
			map.set(cc, []);
	}
	for (const cc of map.keys()) {
		const list = [];
		const regions = util.getRegionCodesForCountryCode(cc);
		for (const r of regions) {
			if (r !== '001')
				list.push(util.getMetadataForRegion(r));
		}
		if (!list.length)
			list.push(util.getMetadataForNonGeographicalRegion(cc));
		map.set(cc, list);
	}
	return map;
}

function exampleNsns(util, m) {
	const out = [];
	for (const t of TYPES) {
		if (m['has' + t.js]()) {
			const e = m['get' + t.js]().getExampleNumber();
			if (e)
				out.push(e);
		}
	}
	return out;
}

/*
 * Every example number: [{region, cc, type, typeIndex, nsn, number}] in a
 * fixed order (regions sorted, non-geographic entities as "001" after them
 * by code, types in TYPES order). A number shared by two types of a region
 * (US fixed line and mobile) is listed once, under the first type.
 */
function examples(util) {
	const out = [];
	const PNT = lpn.PhoneNumberType;
	const geo = util.getSupportedRegions().slice().sort();
	const add = (region, cc, parse) => {
		const seen = new Set();
		TYPES.forEach((t, i) => {
			const num = parse(PNT[t.name]);
			if (!num)
				return;
			const nsn = util.getNationalSignificantNumber(num);
			if (seen.has(nsn))
				return;
			seen.add(nsn);
			out.push({ region, cc, type: t.name, typeIndex: i, nsn, number: num });
		});
	};
	for (const r of geo)
		add(r, util.getCountryCodeForRegion(r), (t) => util.getExampleNumberForType(r, t));
	for (const cc of util.getSupportedGlobalNetworkCallingCodes().slice().sort((a, b) => a - b)) {
		const m = util.getMetadataForNonGeographicalRegion(cc);
		add('001', cc, (t) => {
			const desc = [null, m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
				m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(),
				m.getUan(), m.getVoicemail()];
			const i = TYPES.findIndex((x) => PNT[x.name] === t);
			const d = desc[i + 1];
			const e = d && d.getExampleNumber();
			if (!e)
				return null;
			return util.parse('+' + cc + e, 'ZZ');
		});
	}
	return out;
}

module.exports = { TYPES, MARKETS, metadataByCallingCode, examples, exampleNsns };
