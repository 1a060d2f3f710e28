#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "alloc.h"

typedef struct builder {
	const char *file;
	lp_diag_sink *sink;
	lp_ynode *stack[LP_MAX_YAML_DEPTH + 1];
	size_t depth;
	lp_ynode *root;
	int documents;
	int bad;  /* a problem was reported */
	int oom;
	/* The source, and a place in it that libyaml's character index
	 * (idx) and the byte offset (byte) agree on: events come in order,
	 * so finding the next place starts from the last. */
	const char *data;
	size_t len;
	size_t idx, byte;
} builder;

static lp_mark mark_of(const builder *b, yaml_mark_t m)
{
	lp_mark at;

	at.file = b->file;
	at.line = (unsigned)m.line + 1;
	at.column = (unsigned)m.column + 1;
	return at;
}

static lp_mark mark_of_offset(const builder *b, const char *data, size_t len,
                              size_t offset)
{
	lp_mark at = {b->file, 1, 1};
	size_t i;

	for (i = 0; i < offset && i < len; i++) {
		if (data[i] == '\n') {
			at.line++;
			at.column = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			at.column++;
		}
	}
	return at;
}

/* The byte offset of libyaml's character index idx (it counts code
 * points), or len when idx is past the end. */
static size_t byte_of(builder *b, size_t idx)
{
	if (idx < b->idx)
		b->idx = b->byte = 0;
	while (b->idx < idx && b->byte < b->len) {
		b->byte++;
		while (b->byte < b->len &&
		       ((unsigned char)b->data[b->byte] & 0xC0) == 0x80)
			b->byte++;
		b->idx++;
	}
	return b->idx == idx ? b->byte : b->len;
}

/* Keeps the source of a one-line quoted scalar that holds an escape:
 * only then are offsets in its value not offsets in its source. */
static int keep_quoted(builder *b, lp_ynode *n, const yaml_event_t *ev)
{
	size_t s, e;
	const char *q;
	char quote;

	if (n->plain || n->multiline ||
	    (ev->data.scalar.style != YAML_SINGLE_QUOTED_SCALAR_STYLE &&
	     ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		return 0;
	quote = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ? '\'' : '"';
	s = byte_of(b, ev->start_mark.index);
	e = byte_of(b, ev->end_mark.index);
	if (e - s < 2 || e > b->len || b->data[s] != quote ||
	    b->data[e - 1] != quote)
		return 0; /* not where it was expected: keep to the start */
	q = memchr(b->data + s + 1, quote == '"' ? '\\' : '\'', e - s - 2);
	if (!q)
		return 0;
	n->quoted = lp_strndup(b->data + s, e - s);
	if (!n->quoted) {
		b->oom = 1;
		return -1;
	}
	return 0;
}

static lp_ynode *node_new(builder *b, lp_ynode_kind kind, yaml_mark_t m)
{
	lp_ynode *n = lp_calloc(1, sizeof(*n));

	if (!n) {
		b->oom = 1;
		return NULL;
	}
	n->kind = kind;
	n->mark = mark_of(b, m);
	return n;
}

void lp_ynode_free(lp_ynode *node)
{
	size_t i;

	if (!node)
		return;
	for (i = 0; i < node->n; i++)
		lp_ynode_free(node->kids[i]);
	lp_free(node->kids);
	lp_free(node->value);
	lp_free(node->quoted);
	lp_free(node);
}

/* Orders scalar keys by text, then by place in the file. */
static int by_key_then_place(const void *x, const void *y)
{
	const lp_ynode *a = *(const lp_ynode *const *)x;
	const lp_ynode *b = *(const lp_ynode *const *)y;
	int c;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if (a->kind == LP_YSCALAR) {
		c = a->len == b->len ? memcmp(a->value, b->value, a->len)
		                     : (a->len < b->len ? -1 : 1);
		if (c)
			return c;
	}
	if (a->mark.line != b->mark.line)
		return a->mark.line < b->mark.line ? -1 : 1;
	return a->mark.column < b->mark.column ? -1
	       : a->mark.column > b->mark.column;
}

/*
 * Reports every key given twice in mapping m. Sorting once when the
 * mapping closes keeps a file of many keys linear-logarithmic; comparing
 * each new key with all earlier ones would let a 4 MiB file run for
 * minutes.
 */
static void check_duplicate_keys(builder *b, const lp_ynode *m)
{
	size_t pairs = LP_YMAP_COUNT(m), i, first = 0;
	const lp_ynode **keys;

	if (pairs < 2)
		return;
	keys = lp_malloc(pairs * sizeof(*keys));
	if (!keys) {
		b->oom = 1;
		return;
	}
	for (i = 0; i < pairs; i++)
		keys[i] = LP_YMAP_KEY(m, i);
	qsort(keys, pairs, sizeof(*keys), by_key_then_place);
	for (i = 1; i < pairs; i++) {
		const lp_ynode *k = keys[i];

		if (k->kind != LP_YSCALAR || keys[first]->kind != LP_YSCALAR ||
		    k->len != keys[first]->len ||
		    memcmp(k->value, keys[first]->value, k->len) != 0) {
			first = i;
			continue;
		}
		lp_diag(b->sink, LP_DIAG_ERROR, "duplicate-key", &k->mark,
		        "duplicate key '%s' (first given at line %u, column %u)",
		        k->value, keys[first]->mark.line, keys[first]->mark.column);
		b->bad = 1;
	}
	lp_free(keys);
}

/* Attaches n to the open collection (or makes it the root). */
static int attach(builder *b, lp_ynode *n)
{
	lp_ynode *parent;

	if (b->depth == 0) {
		b->root = n;
		return 0;
	}
	parent = b->stack[b->depth - 1];
	if (parent->kind == LP_YMAPPING && parent->n % 2 == 0 &&
	    n->kind != LP_YSCALAR) {
		lp_diag(b->sink, LP_DIAG_ERROR, "wrong-type", &n->mark,
		        "a mapping key must be a plain name, not a %s",
		        n->kind == LP_YMAPPING ? "mapping" : "list");
		b->bad = 1;
	}
	if (lp_grow(&parent->kids, &parent->cap, parent->n + 1,
	            sizeof(*parent->kids)) != 0) {
		b->oom = 1;
		lp_ynode_free(n);
		return -1;
	}
	parent->kids[parent->n++] = n;
	return 0;
}

/* Says so of an anchor or a tag, and reading goes on: the node is built
 * as if it had none, so that the problems after it are found too (an
 * alias, which would leave a node out, stops the reading). */
static void refuse_anchor_and_tag(builder *b, const yaml_event_t *ev,
                                  const yaml_char_t *anchor,
                                  const yaml_char_t *tag, int implicit)
{
	lp_mark at = mark_of(b, ev->start_mark);

	if (anchor) {
		lp_diag(b->sink, LP_DIAG_ERROR, "syntax", &at,
		        "anchors (&%s) are not allowed in a policy: write each "
		        "value out where it is used", (const char *)anchor);
		b->bad = 1;
	}
	if (tag && !implicit) {
		lp_diag(b->sink, LP_DIAG_ERROR, "syntax", &at,
		        "explicit tags (%s) are not allowed in a policy",
		        (const char *)tag);
		b->bad = 1;
	}
}

static int open_collection(builder *b, const yaml_event_t *ev,
                           lp_ynode_kind kind)
{
	lp_ynode *n;

	if (b->depth >= LP_MAX_YAML_DEPTH) {
		lp_mark at = mark_of(b, ev->start_mark);

		lp_diag(b->sink, LP_DIAG_ERROR, "limit", &at,
		        "nesting deeper than %d levels", LP_MAX_YAML_DEPTH);
		b->bad = 1;
		return -1;
	}
	n = node_new(b, kind, ev->start_mark);
	if (!n || attach(b, n) != 0)
		return -1;
	b->stack[b->depth++] = n;
	return 0;
}

/* Handles one event; returns 1 at the end of the stream, -1 to stop. */
static int on_event(builder *b, const yaml_event_t *ev)
{
	lp_ynode *n;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			lp_mark at = mark_of(b, ev->start_mark);

			lp_diag(b->sink, LP_DIAG_ERROR, "syntax", &at,
			        "a policy file holds one YAML document; put each "
			        "further document in a file of its own");
			b->bad = 1;
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT: {
		lp_mark at = mark_of(b, ev->start_mark);

		lp_diag(b->sink, LP_DIAG_ERROR, "syntax", &at,
		        "aliases (*%s) are not allowed in a policy: write each "
		        "value out where it is used",
		        (const char *)ev->data.alias.anchor);
		b->bad = 1;
		return -1;
	}
	case YAML_SCALAR_EVENT:
		refuse_anchor_and_tag(b, ev, ev->data.scalar.anchor,
		                      ev->data.scalar.tag,
		                      ev->data.scalar.plain_implicit ||
		                          ev->data.scalar.quoted_implicit);
		n = node_new(b, LP_YSCALAR, ev->start_mark);
		if (!n)
			return -1;
		n->value = lp_strndup((const char *)ev->data.scalar.value,
		                      ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->multiline = ev->end_mark.line != ev->start_mark.line;
		if (!n->value || keep_quoted(b, n, ev) != 0) {
			b->oom = 1;
			lp_ynode_free(n);
			return -1;
		}
		if (memchr(n->value, '\0', n->len)) {
			lp_diag(b->sink, LP_DIAG_ERROR, "invalid-value", &n->mark,
			        "text holds a NUL character");
			b->bad = 1;
		}
		return attach(b, n);
	case YAML_SEQUENCE_START_EVENT:
		refuse_anchor_and_tag(b, ev, ev->data.sequence_start.anchor,
		                      ev->data.sequence_start.tag,
		                      ev->data.sequence_start.implicit);
		return open_collection(b, ev, LP_YSEQUENCE);
	case YAML_MAPPING_START_EVENT:
		refuse_anchor_and_tag(b, ev, ev->data.mapping_start.anchor,
		                      ev->data.mapping_start.tag,
		                      ev->data.mapping_start.implicit);
		return open_collection(b, ev, LP_YMAPPING);
	case YAML_MAPPING_END_EVENT:
		if (b->depth > 0)
			check_duplicate_keys(b, b->stack[--b->depth]);
		return 0;
	case YAML_SEQUENCE_END_EVENT:
		if (b->depth > 0)
			b->depth--;
		return 0;
	default:
		return 0;
	}
}

int lp_yaml_parse(lp_ynode **out, const char *file, const char *data,
                  size_t len, lp_diag_sink *sink)
{
	yaml_parser_t parser;
	builder b;
	int done = 0;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	b.file = file;
	b.sink = sink;
	b.data = data;
	b.len = len;
	if (len > LP_MAX_POLICY_FILE_BYTES) {
		lp_mark at = {file, 0, 0};

		lp_diag(sink, LP_DIAG_ERROR, "limit", &at,
		        "the file is larger than the %d bytes a policy file may "
		        "hold: split it into several files",
		        LP_MAX_POLICY_FILE_BYTES);
		return LP_EPOLICY;
	}
	if (!yaml_parser_initialize(&parser))
		return LP_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			lp_mark at = mark_of(&b, parser.problem_mark);

			/* The reader (encoding errors) gives an offset, not a mark. */
			if (parser.error == YAML_READER_ERROR)
				at = mark_of_offset(&b, data, len, parser.problem_offset);

			if (parser.error == YAML_MEMORY_ERROR) {
				b.oom = 1;
				break;
			}
			/* Where the construct being read began ("while
			 * scanning a quoted scalar"): for a quote or bracket
			 * left open, the place to fix, which may be many
			 * lines before the place the problem was found. */
			if (parser.context &&
			    (parser.context_mark.line != parser.problem_mark.line ||
			     parser.context_mark.column != parser.problem_mark.column)) {
				lp_mark from = mark_of(&b, parser.context_mark);

				lp_diag(sink, LP_DIAG_ERROR, "syntax", &at,
				        "%s %s that begins at line %u, column %u",
				        parser.problem ? parser.problem : "invalid YAML",
				        parser.context, from.line, from.column);
			} else {
				lp_diag(sink, LP_DIAG_ERROR, "syntax", &at, "%s%s%s",
				        parser.problem ? parser.problem : "invalid YAML",
				        parser.context ? " " : "",
				        parser.context ? parser.context : "");
			}
			b.bad = 1;
			break;
		}
		done = on_event(&b, &ev);
		yaml_event_delete(&ev);
		if (b.oom)
			break;
	}
	yaml_parser_delete(&parser);
	if (b.oom || b.bad) {
		lp_ynode_free(b.root);
		return b.oom ? LP_ENOMEM : LP_EPOLICY;
	}
	*out = b.root;
	return LP_OK;
}

const lp_ynode *lp_ymap_get(const lp_ynode *m, const char *key)
{
	size_t i;

	if (!m || m->kind != LP_YMAPPING)
		return NULL;
	for (i = 0; i < LP_YMAP_COUNT(m); i++)
		if (strcmp(LP_YMAP_KEY(m, i)->value, key) == 0)
			return LP_YMAP_VALUE(m, i);
	return NULL;
}

int lp_yscalar_is_null(const lp_ynode *n)
{
	return n->kind == LP_YSCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->value, "null") == 0 ||
	        strcmp(n->value, "~") == 0 || strcmp(n->value, "Null") == 0 ||
	        strcmp(n->value, "NULL") == 0);
}

int lp_yscalar_bool(const lp_ynode *n, int *v)
{
	if (n->kind != LP_YSCALAR || !n->plain)
		return -1;
	if (!strcmp(n->value, "true") || !strcmp(n->value, "True") ||
	    !strcmp(n->value, "TRUE")) {
		*v = 1;
		return 0;
	}
	if (!strcmp(n->value, "false") || !strcmp(n->value, "False") ||
	    !strcmp(n->value, "FALSE")) {
		*v = 0;
		return 0;
	}
	return -1;
}

/* The number of bytes the escape at q (after its backslash) stands for in
 * the value, and through *w, the characters it is written with. */
static size_t escape_bytes(const char *q, size_t *w)
{
	size_t hex = 0, i;
	unsigned long cp = 0;

	switch (*q) {
	case 'x': hex = 2; break;
	case 'u': hex = 4; break;
	case 'U': hex = 8; break;
	case 'N': case '_': *w = 2; return 2;          /* U+0085, U+00A0 */
	case 'L': case 'P': *w = 2; return 3;          /* U+2028, U+2029 */
	default: *w = 2; return 1;
	}
	for (i = 0; i < hex && q[1 + i]; i++) {
		char c = q[1 + i];

		cp = cp * 16 + (unsigned long)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	*w = 2 + i;
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

lp_mark lp_yscalar_mark_at(const lp_ynode *n, size_t off)
{
	lp_mark at = n->mark;
	const char *q;
	size_t i;

	if (n->multiline)
		return at;
	if (!n->plain)
		at.column++; /* the opening quote */
	if (!n->quoted) {
		/* The value is the source: count its characters. */
		for (i = 0; i < off && i < n->len; i++)
			at.column += ((unsigned char)n->value[i] & 0xC0) != 0x80;
		return at;
	}
	/* Walk the source and the value together, up to the escape or
	 * character that makes byte off. */
	q = n->quoted + 1;
	i = 0;
	while (*q && *(q + 1) && i < off) {
		/* The unit at q: w bytes of source, cols columns, bytes of
		 * value. */
		size_t w = 1, bytes = 1, cols = 1;

		if (n->quoted[0] == '"' && *q == '\\') {
			bytes = escape_bytes(q + 1, &w);
			cols = w; /* written in ASCII */
		} else if (n->quoted[0] == '\'' && *q == '\'') {
			w = cols = 2; /* '' is one quote */
		} else {
			while (((unsigned char)q[w] & 0xC0) == 0x80)
				w++;
			bytes = w; /* a character, copied as it is */
		}
		if (i + bytes > off)
			break;
		q += w;
		i += bytes;
		at.column += (unsigned)cols;
	}
	return at;
}
