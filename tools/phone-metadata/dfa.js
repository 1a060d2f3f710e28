'use strict';
/*
 * dfa.js - compiles libphonenumber's regular expressions into minimal
 * deterministic automata over the digits 0-9.
 *
 * libphonenumber writes every national-number and leading-digits pattern in
 * a small subset of regular expressions: digits, \d, [classes] with ranges,
 * groups (capturing or (?:...)), alternation, ? and {n} / {n,m}. There is no
 * * or +, so every language is finite and every automaton acyclic. That
 * makes minimisation a matter of hash-consing: two states are equivalent
 * exactly when they have the same label and the same ten successors, so
 * interning states bottom-up in one store gives the minimal automaton, and
 * shares equal suffixes ("any 7 digits") between all automata of the store.
 *
 * A state's label is a non-negative integer; 0 means "not accepting", and
 * labels are ORed when automata are united, so a caller can tag accepting
 * states with bit masks (number types, markets).
 */

const MAX_DEPTH = 17; /* ITU-T E.164: at most 15 digits with the code; libphonenumber allows 17 */

/* ---- parsing ---------------------------------------------------------- */

/* AST nodes: {t:'set', mask}, {t:'cat', v:[]}, {t:'alt', v:[]},
 * {t:'rep', v:node, min, max}. mask is a 10-bit digit set. */
function parse(src) {
	let i = 0;

	function fail(msg) {
		throw new Error(`pattern ${JSON.stringify(src)} at ${i}: ${msg}`);
	}
	function peek() {
		return src[i];
	}
	function digitOf(c) {
		if (c === undefined || c < '0' || c > '9')
			fail(`digit expected, got ${JSON.stringify(c)}`);
		return c.charCodeAt(0) - 48;
	}
	function parseClass() {
		let mask = 0;
		let negate = false;

		i++; /* [ */
		if (peek() === '^') {
			negate = true;
			i++;
		}
		while (peek() !== ']') {
			let lo;
			if (peek() === '\\') {
				i++;
				if (src[i++] !== 'd')
					fail('only \\d is supported in a class');
				mask |= 0x3ff;
				continue;
			}
			lo = digitOf(src[i++]);
			if (peek() === '-' && src[i + 1] !== ']') {
				i++;
				const hi = digitOf(src[i++]);
				for (let d = lo; d <= hi; d++)
					mask |= 1 << d;
			} else {
				mask |= 1 << lo;
			}
		}
		i++; /* ] */
		return { t: 'set', mask: negate ? ~mask & 0x3ff : mask };
	}
	function parseAtom() {
		const c = peek();
		if (c === '(') {
			i++;
			if (src.startsWith('?:', i))
				i += 2;
			const v = parseAlt();
			if (src[i++] !== ')')
				fail(') expected');
			return v;
		}
		if (c === '[')
			return parseClass();
		if (c === '\\') {
			i++;
			if (src[i++] !== 'd')
				fail('only \\d is supported');
			return { t: 'set', mask: 0x3ff };
		}
		i++;
		return { t: 'set', mask: 1 << digitOf(c) };
	}
	function parseRepeat() {
		let v = parseAtom();
		for (;;) {
			if (peek() === '?') {
				i++;
				v = { t: 'rep', v, min: 0, max: 1 };
			} else if (peek() === '{') {
				const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
				if (!m || m[3] === '')
					fail('bounded {n} or {n,m} expected');
				i += m[0].length;
				const min = +m[1];
				v = { t: 'rep', v, min, max: m[2] ? +m[3] : min };
			} else {
				return v;
			}
		}
	}
	function parseCat() {
		const v = [];
		while (i < src.length && peek() !== '|' && peek() !== ')')
			v.push(parseRepeat());
		return { t: 'cat', v };
	}
	function parseAlt() {
		const v = [parseCat()];
		while (peek() === '|') {
			i++;
			v.push(parseCat());
		}
		return v.length === 1 ? v[0] : { t: 'alt', v };
	}
	const ast = parseAlt();
	if (i !== src.length)
		fail('unexpected character');
	return ast;
}

/* ---- NFA -------------------------------------------------------------- */

class Nfa {
	constructor() {
		this.eps = [];   /* state -> [state] */
		this.edge = [];  /* state -> [[mask, state]] */
		this.label = []; /* state -> label of an accepting state, or 0 */
	}
	add() {
		this.eps.push([]);
		this.edge.push([]);
		this.label.push(0);
		return this.eps.length - 1;
	}
	/* A fragment for ast: returns [start, end]. */
	build(ast) {
		const s = this.add();
		let e;
		switch (ast.t) {
		case 'set':
			e = this.add();
			this.edge[s].push([ast.mask, e]);
			return [s, e];
		case 'cat': {
			let cur = s;
			for (const v of ast.v) {
				const [a, b] = this.build(v);
				this.eps[cur].push(a);
				cur = b;
			}
			return [s, cur];
		}
		case 'alt':
			e = this.add();
			for (const v of ast.v) {
				const [a, b] = this.build(v);
				this.eps[s].push(a);
				this.eps[b].push(e);
			}
			return [s, e];
		case 'rep': {
			let cur = s;
			const ends = [];
			for (let k = 0; k < ast.max; k++) {
				if (k >= ast.min)
					ends.push(cur);
				const [a, b] = this.build(ast.v);
				this.eps[cur].push(a);
				cur = b;
			}
			ends.push(cur);
			e = this.add();
			for (const x of ends)
				this.eps[x].push(e);
			return [s, e];
		}
		}
		throw new Error('bad node');
	}
	closure(set) {
		const out = new Set(set);
		const stack = [...set];
		while (stack.length) {
			const x = stack.pop();
			for (const y of this.eps[x]) {
				if (!out.has(y)) {
					out.add(y);
					stack.push(y);
				}
			}
		}
		return [...out].sort((a, b) => a - b);
	}
}

/* ---- the store of minimal states -------------------------------------- */

class Store {
	constructor() {
		/* State 0 is the dead state: no label, every digit back to 0. */
		this.label = [0];
		this.next = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]];
		this.index = new Map([[Store.key(0, this.next[0]), 0]]);
	}
	static key(label, next) {
		return label + ':' + next.join(',');
	}
	intern(label, next) {
		const k = Store.key(label, next);
		let id = this.index.get(k);
		if (id === undefined) {
			id = this.label.length;
			this.label.push(label);
			this.next.push(next.slice());
			this.index.set(k, id);
		}
		return id;
	}
	get size() {
		return this.label.length;
	}

	/*
	 * Determinises the union of (pattern, label, lengths) entries and
	 * interns the result; returns its start state. An entry accepts a digit
	 * string that matches the whole pattern and whose length is in lengths
	 * (all lengths when lengths is null).
	 */
	compile(entries) {
		const nfa = new Nfa();
		const starts = [];
		const okLen = [];
		for (const en of entries) {
			const [a, b] = nfa.build(parse(en.pattern));
			const fin = nfa.add();
			nfa.eps[b].push(fin);
			nfa.label[fin] = en.label;
			okLen[fin] = en.lengths ? new Set(en.lengths) : null;
			starts.push(a);
		}
		const memo = new Map();
		const self = this;
		/* Recursion depth is bounded by MAX_DEPTH. */
		function det(set, depth) {
			const k = depth + '|' + set.join(',');
			if (memo.has(k))
				return memo.get(k);
			let label = 0;
			for (const x of set) {
				if (nfa.label[x] && (!okLen[x] || okLen[x].has(depth)))
					label |= nfa.label[x];
			}
			const next = [];
			for (let d = 0; d < 10; d++) {
				const to = new Set();
				if (depth < MAX_DEPTH) {
					for (const x of set) {
						for (const [mask, y] of nfa.edge[x]) {
							if (mask & (1 << d))
								to.add(y);
						}
					}
				}
				next.push(to.size ? det(nfa.closure(to), depth + 1) : 0);
			}
			const id = self.intern(label, next);
			memo.set(k, id);
			return id;
		}
		return det(nfa.closure(starts), 0);
	}

	/*
	 * The union of interned automata (label ORed), interned: a product
	 * construction over tuples of states, which stays small because the
	 * automata are acyclic and shallow.
	 */
	union(starts, relabel) {
		const memo = new Map();
		const self = this;
		function go(tuple) {
			const t = [...new Set(tuple.filter((x) => x !== 0))].sort((a, b) => a - b);
			if (t.length === 0)
				return 0;
			if (t.length === 1 && !relabel)
				return t[0];
			const k = t.join(',');
			if (memo.has(k))
				return memo.get(k);
			let label = 0;
			for (const x of t)
				label |= relabel ? relabel(x) : self.label[x];
			const next = [];
			for (let d = 0; d < 10; d++)
				next.push(go(t.map((x) => self.next[x][d])));
			const id = self.intern(label, next);
			memo.set(k, id);
			return id;
		}
		return go(starts);
	}

	/* The label of digit string s from state q (0 when rejected). */
	run(q, s) {
		for (const c of s) {
			q = this.next[q][c.charCodeAt(0) - 48];
			if (q === 0)
				return 0;
		}
		return this.label[q];
	}

	/* Every digit string accepted from q, up to limit of them (for tests
	 * and for the few small languages the generator enumerates). */
	strings(q, limit = 100000) {
		const out = [];
		const self = this;
		(function walk(x, pre) {
			if (out.length >= limit)
				return;
			if (self.label[x])
				out.push(pre);
			for (let d = 0; d < 10; d++) {
				if (self.next[x][d])
					walk(self.next[x][d], pre + d);
			}
		})(q, '');
		return out;
	}
}

module.exports = { parse, Store, MAX_DEPTH };
