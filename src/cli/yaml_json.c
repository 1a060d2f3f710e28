/* yaml_json.c - a YAML node tree as JSON text, so that policy test files
 * can write reports in YAML and still go through the JSON report path. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "yaml_tree.h"

/* YAML 1.2 core schema numbers: what a plain scalar like 3 or -1.5 is. */
static int is_number(const char *s)
{
	char *end;

	if (!*s || strchr(s, '_') || strstr(s, "0x") || strstr(s, "0o"))
		return 0;
	strtod(s, &end);
	return *end == '\0' && strcmp(s, "-") != 0 &&
	       strspn(s, "0123456789+-.eE") == strlen(s);
}

static void emit(lp_buf *b, const lp_ynode *n)
{
	size_t i;
	int v;

	switch (n->kind) {
	case LP_YSCALAR:
		if (lp_yscalar_is_null(n))
			lp_buf_puts(b, "null");
		else if (lp_yscalar_bool(n, &v) == 0)
			lp_buf_puts(b, v ? "true" : "false");
		else if (n->plain && is_number(n->value))
			lp_buf_puts(b, n->value);
		else
			lp_buf_json_string(b, n->value, n->len);
		break;
	case LP_YSEQUENCE:
		lp_buf_putc(b, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				lp_buf_putc(b, ',');
			emit(b, n->kids[i]);
		}
		lp_buf_putc(b, ']');
		break;
	case LP_YMAPPING:
		lp_buf_putc(b, '{');
		for (i = 0; i < LP_YMAP_COUNT(n); i++) {
			if (i)
				lp_buf_putc(b, ',');
			lp_buf_json_string(b, LP_YMAP_KEY(n, i)->value,
			                   LP_YMAP_KEY(n, i)->len);
			lp_buf_putc(b, ':');
			emit(b, LP_YMAP_VALUE(n, i));
		}
		lp_buf_putc(b, '}');
		break;
	}
}

char *cli_yaml_to_json(const lp_ynode *node)
{
	lp_buf b = LP_BUF_INIT;

	emit(&b, node);
	return lp_buf_detach(&b, NULL);
}
