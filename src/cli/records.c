#include "records.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* What a scan of one JSON value found. */
typedef enum scan_result { SCAN_DONE, SCAN_MORE, SCAN_EOF } scan_result;

/* A resumable scan of the value starting at r->pos: only strings and
 * bracket depth are tracked (each record is validated when evaluated). */
typedef struct scan_state {
	size_t off;     /* bytes of the value scanned so far (from r->pos) */
	size_t depth;
	int in_string;
	int escape;
	int started;
	int scalar;     /* a bare scalar: it ends at the next delimiter */
} scan_state;

/* Reads more input after the unread bytes, moving them to the front and
 * growing the buffer up to max_record + 64 KiB. Returns bytes read. */
static size_t fill(rec_reader *r)
{
	size_t limit = r->max_record + 65536, got;

	if (r->eof || r->error)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == r->cap && r->cap < limit) {
		size_t cap = r->cap * 2 > limit ? limit : r->cap * 2;
		char *b = realloc(r->buf, cap + 1);

		if (!b) {
			r->error = 1;
			r->saved_errno = ENOMEM;
			return 0;
		}
		r->buf = b;
		r->cap = cap;
	}
	if (r->len == r->cap)
		return 0; /* full: the caller handles a record over the limit */
	got = fread(r->buf + r->len, 1, r->cap - r->len, r->f);
	if (got == 0) {
		if (ferror(r->f)) {
			r->error = 1;
			r->saved_errno = errno ? errno : EIO;
		}
		r->eof = 1;
	}
	r->len += got;
	return got;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Consumes n buffered bytes, keeping the line and column of the next. */
static void advance(rec_reader *r, size_t n)
{
	const char *s = r->buf + r->pos, *end = s + n, *nl;

	while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		r->at_line++;
		r->at_column = 1;
		s = nl + 1;
	}
	for (; s < end; s++)
		r->at_column += ((unsigned char)*s & 0xC0) != 0x80;
	r->pos += n;
	r->consumed += n;
}

/* Marks *out as beginning at the next unread byte. */
static void mark(const rec_reader *r, rec_record *out)
{
	out->line = r->at_line;
	out->column = r->at_column;
}

/* Scans on from where st left off. SCAN_MORE: the buffered bytes end
 * inside the value (fill, or treat as over the limit if the buffer is
 * full); SCAN_EOF: the input ends inside it. */
static scan_result scan_value(rec_reader *r, scan_state *st)
{
	const char *s = r->buf + r->pos;
	size_t n = r->len - r->pos;

	if (!st->started && st->off < n) {
		char c = s[st->off];

		st->started = 1;
		st->scalar = c != '{' && c != '[' && c != '"';
	}
	if (st->scalar) {
		/* A bare scalar, up to the next delimiter: remembered across
		 * refills, so that it never swallows what follows. */
		while (st->off < n && !strchr(",]}\n\r\t ", s[st->off]))
			st->off++;
		return st->off < n || r->eof ? SCAN_DONE : SCAN_MORE;
	}
	for (; st->off < n; st->off++) {
		char c = s[st->off];

		if (st->in_string) {
			if (st->escape)
				st->escape = 0;
			else if (c == '\\')
				st->escape = 1;
			else if (c == '"' && (st->in_string = 0, st->depth == 0)) {
				st->off++;
				return SCAN_DONE;
			}
			continue;
		}
		if (c == '"')
			st->in_string = 1;
		else if (c == '{' || c == '[')
			st->depth++;
		else if ((c == '}' || c == ']') && st->depth && --st->depth == 0) {
			st->off++;
			return SCAN_DONE;
		}
	}
	return r->eof ? SCAN_EOF : SCAN_MORE;
}

/*
 * Cuts the value at r->pos out as a record. One over the size limit is
 * skipped to its end (its bytes are dropped as they are read) and comes
 * out with a problem instead.
 */
static int next_value(rec_reader *r, rec_record *out)
{
	scan_state st = {0, 0, 0, 0, 0, 0};
	int oversize = 0;

	mark(r, out);
	for (;;) {
		scan_result res = scan_value(r, &st);

		if (res == SCAN_DONE)
			break;
		if (res == SCAN_EOF) {
			out->json = oversize ? NULL : r->buf + r->pos;
			out->len = oversize ? 0 : r->len - r->pos;
			out->problem = oversize
			               ? r->too_long_cut
			               : "report: truncated JSON (the input ends "
			                 "inside this record)";
			out->code = oversize ? "limit_exceeded" : NULL;
			advance(r, r->len - r->pos);
			r->done = 1; /* nothing can follow a record cut short */
			return 1;
		}
		if (r->len - r->pos > r->max_record) {
			/* Too long to keep: drop what was scanned, go on scanning. */
			oversize = 1;
			advance(r, st.off);
			st.off = 0;
		}
		if (fill(r) == 0 && !r->eof)
			return r->error ? -1 : 0;
	}
	if (oversize) {
		out->json = NULL;
		out->len = 0;
		out->problem = r->too_long;
		out->code = "limit_exceeded";
	} else {
		out->json = r->buf + r->pos;
		out->len = st.off;
		out->problem = NULL;
	}
	advance(r, st.off);
	return 1;
}

/* Skips white space; returns the next byte, or -1 at the end. */
static int peek(rec_reader *r)
{
	for (;;) {
		size_t n = 0;

		while (r->pos + n < r->len && is_ws(r->buf[r->pos + n]))
			n++;
		advance(r, n);
		if (r->pos < r->len)
			return (unsigned char)r->buf[r->pos];
		if (fill(r) == 0)
			return -1;
	}
}

static int next_line(rec_reader *r, rec_record *out)
{
	size_t scanned = 0;
	int oversize = 0;

	mark(r, out);
	for (;;) {
		char *nl = memchr(r->buf + r->pos + scanned, '\n',
		                  r->len - r->pos - scanned);
		size_t end;

		if (!nl && !r->eof && r->len - r->pos > r->max_record + 1) {
			oversize = 1; /* drop the line's bytes as they come */
			advance(r, r->len - r->pos);
			scanned = 0;
		}
		if (!nl && !r->eof) {
			scanned = r->len - r->pos;
			if (fill(r) == 0 && !r->eof)
				return r->error ? -1 : 0;
			continue;
		}
		end = nl ? (size_t)(nl - r->buf) : r->len;
		out->json = oversize ? NULL : r->buf + r->pos;
		out->len = oversize ? 0 : end - r->pos;
		out->problem = oversize ? r->too_long
		                        : NULL;
		out->code = oversize ? "limit_exceeded" : NULL;
		if (nl) {
			/* The line holds no other newline: not scanned again. */
			r->consumed += end + 1 - r->pos;
			r->pos = end + 1;
			r->at_line++;
			r->at_column = 1;
		} else {
			advance(r, end - r->pos);
		}
		if (!nl && out->len == 0 && !oversize)
			return 0; /* no line after the last newline */
		/* Blank lines are not records. */
		if (!oversize) {
			size_t i;

			for (i = 0; i < out->len && is_ws(out->json[i]); i++)
				;
			if (i == out->len) {
				if (!nl)
					return 0;
				scanned = 0;
				oversize = 0;
				mark(r, out);
				continue;
			}
		}
		return 1;
	}
}

/*
 * Scans the first value without consuming it, keeping it buffered: *res
 * says how it ends (SCAN_MORE: not within the size limit), *st how far
 * it goes and, when it ends, *after is the offset from r->pos of the
 * first byte after it that is not white space (r->len - r->pos when the
 * input ends first). Returns 0, or -1 on a read error or when memory runs
 * out.
 */
static int look_ahead(rec_reader *r, scan_state *st, scan_result *res,
                      size_t *after)
{
	size_t i;

	for (;;) {
		*res = scan_value(r, st);
		if (*res != SCAN_MORE || r->len - r->pos > r->max_record)
			break;
		if (fill(r) == 0 && !r->eof)
			return r->error ? -1 : 0;
	}
	if (*res != SCAN_DONE)
		return 0;
	i = r->pos + st->off;
	for (;;) {
		while (i < r->len && is_ws(r->buf[i]))
			i++;
		if (i < r->len || r->eof)
			break;
		/* Keep the value buffered while looking past it. */
		if (r->len - r->pos >= r->max_record + 65536 - 1)
			break;
		i -= r->pos;
		if (fill(r) == 0 && !r->eof) {
			*after = r->len - r->pos;
			return r->error ? -1 : 0;
		}
		i += r->pos;
	}
	*after = i - r->pos;
	return 0;
}

/*
 * Decides the shape. '[' is an array, unless the array ends on its first
 * line and more lines follow: JSON Lines whose first record is not an
 * object (read as an array, the records after it would be one error).
 * '{' is one object when nothing but white space follows its end, JSON
 * Lines when more follows an object on one line, and a stream of objects
 * when another '{' follows an object over several lines (a first object
 * that never ends is one object cut short); anything else is JSON Lines.
 * An object over several lines with something else after it stays one
 * object, which the report parser then refuses naming what follows it:
 * read as JSON Lines, each of its lines would be an error of its own.
 */
static int detect(rec_reader *r, rec_shape forced)
{
	scan_state st = {0, 0, 0, 0, 0, 0};
	scan_result res;
	size_t after = 0;
	const char *nl;
	int c = peek(r);

	if (r->error)
		return -1;
	if (c == '[' && forced != REC_LINES) {
		if (forced == REC_AUTO) {
			if (look_ahead(r, &st, &res, &after) != 0)
				return -1;
			if (res == SCAN_DONE && r->pos + after < r->len &&
			    !memchr(r->buf + r->pos, '\n', st.off) &&
			    memchr(r->buf + r->pos + st.off, '\n',
			           after - st.off)) {
				r->shape = REC_LINES;
				return 0;
			}
		}
		r->shape = REC_ARRAY;
		advance(r, 1);
		return 0;
	}
	if (forced == REC_LINES || (c != '{' && forced == REC_AUTO)) {
		r->shape = REC_LINES;
		return 0;
	}
	r->shape = REC_OBJECT;
	if (forced == REC_OBJECT || c < 0)
		return 0;
	/*
	 * One object or JSON Lines? Ended, with nothing after it: one object.
	 * Ended, with more: JSON Lines. Not ended (cut short, or over the
	 * size limit): one object only if it runs over several lines and the
	 * line after its first does not start another record; a first line
	 * with no newline within the limit is a JSON Line.
	 */
	if (look_ahead(r, &st, &res, &after) != 0)
		return -1;
	if (res == SCAN_DONE) {
		if (r->pos + after < r->len) {
			if (!memchr(r->buf + r->pos, '\n', st.off))
				r->shape = REC_LINES;
			else if (r->buf[r->pos + after] == '{')
				r->shape = REC_STREAM;
		}
		return 0;
	}
	nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
	if (!nl) {
		if (res == SCAN_MORE) /* a first line over the limit */
			r->shape = REC_LINES;
		return 0;
	}
	for (nl++; nl < r->buf + r->len && is_ws(*nl); nl++)
		;
	if (nl < r->buf + r->len && *nl == '{')
		r->shape = REC_LINES;
	return 0;
}

int rec_open(rec_reader *r, FILE *f, rec_shape shape, size_t max_record)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->max_record = max_record;
	r->at_line = 1;
	r->at_column = 1;
	r->cap = 65536;
	snprintf(r->too_long, sizeof(r->too_long),
	         "report: over the size limit of a record (%zu bytes)", max_record);
	snprintf(r->too_long_cut, sizeof(r->too_long_cut),
	         "report: over the size limit of a record (%zu bytes), and the "
	         "input ends inside it", max_record);
	r->buf = malloc(r->cap + 1);
	if (!r->buf)
		return -1;
	if (fill(r) > 0 && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
		r->pos = 3; /* a UTF-8 byte order mark is not part of the JSON */
		r->consumed = 3;
	}
	return r->error ? -1 : detect(r, shape);
}

/* The next of a stream of values, one after another (REC_STREAM, and
 * what follows an array). */
static int next_in_stream(rec_reader *r, rec_record *out)
{
	int c = peek(r);

	mark(r, out);
	if (c < 0) {
		r->done = 1;
		return r->error ? -1 : 0;
	}
	/* A byte that closes nothing is an error of its own, read so that
	 * the stream goes on. */
	if (c == '}' || c == ']' || c == ',') {
		advance(r, 1);
		out->json = "";
		out->problem = c == ','
		               ? "report: a ',' between objects that are not in "
		                 "an array"
		               : "report: a bracket that closes nothing";
		return 1;
	}
	return next_value(r, out);
}

int rec_next(rec_reader *r, rec_record *out)
{
	int c, rc, comma;

	memset(out, 0, sizeof(*out));
	if (r->done)
		return 0;
	switch (r->shape) {
	case REC_LINES:
		rc = next_line(r, out);
		if (rc <= 0)
			r->done = 1;
		return rc;
	case REC_OBJECT:
		r->done = 1;
		c = peek(r);
		mark(r, out);
		if (c < 0) {
			if (r->error)
				return -1;
			out->json = "";
			out->problem = "report: the input is empty";
			return 1;
		}
		/* The rest of the input is the record: the report parser says
		 * exactly what is wrong with anything after the object. */
		while (!r->eof && r->len - r->pos <= r->max_record)
			if (fill(r) == 0 && !r->eof)
				return -1;
		if (!r->eof) {
			do { /* drop the record's bytes as they are read */
				advance(r, r->len - r->pos);
			} while (fill(r) > 0);
			out->json = "";
			out->problem = r->too_long;
			out->code = "limit_exceeded";
			return r->error ? -1 : 1;
		}
		out->json = r->buf + r->pos;
		out->len = r->len - r->pos;
		advance(r, out->len);
		return 1;
	case REC_STREAM:
		return next_in_stream(r, out);
	default: /* REC_ARRAY */
		if (r->after_array) {
			rc = next_in_stream(r, out);
			if (rc == 1 && !out->problem)
				out->problem = "report: a record after the array's "
				               "closing ']' (put it inside the "
				               "array)";
			return rc;
		}
		c = peek(r);
		mark(r, out);
		if (r->error)
			return -1;
		if (c == ']') {
			advance(r, 1);
			/* What follows the array is read as records too,
			 * each an error in its place: a file of an array
			 * and then more records loses none of them. */
			r->after_array = 1;
			return rec_next(r, out);
		}
		comma = r->elements == 0;
		if (c == ',' && r->elements > 0) {
			advance(r, 1);
			c = peek(r);
			mark(r, out);
			comma = 1;
		}
		if (c < 0) {
			r->done = 1;
			out->json = "";
			out->problem = "report: truncated JSON (the array is not "
			               "closed)";
			return r->error ? -1 : 1;
		}
		/* A malformed array still gives one result per element, in
		 * order: an element that is missing, or not set off by a
		 * ',', comes out as an error in its place and the reading
		 * goes on. The ',' or ']' after an empty place is read by
		 * the next call. */
		r->elements++;
		if (c == ',' || c == ']') {
			out->json = "";
			out->problem = r->elements == 1
			               ? "report: no element before the first ','"
			               : c == ','
			               ? "report: no element between two ','"
			               : "report: no element after the last ',' "
			                 "(a trailing comma)";
			return 1;
		}
		if (c == '}') {
			advance(r, 1);
			out->json = "";
			out->problem = "report: a '}' that closes nothing";
			return 1;
		}
		rc = next_value(r, out);
		if (rc == 1 && !comma && !out->problem)
			out->problem = "report: expected ',' or ']' before this "
			               "element";
		return rc;
	}
}

void rec_close(rec_reader *r)
{
	free(r->buf);
	r->buf = NULL;
}

int rec_shape_parse(const char *command, const char *word, rec_shape *out)
{
	static const char *const formats[] = {"auto", "json", "jsonl", NULL};
	static const rec_shape shapes[] = {REC_AUTO, REC_OBJECT, REC_LINES};
	int k = cli_pick(command, "format", word, formats);

	if (k < 0)
		return -1;
	*out = shapes[k];
	return 0;
}
