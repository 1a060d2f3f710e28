/*
 * cjson_loop.c - the floor any cJSON-based tool pays: for each JSON Lines
 * record, cJSON parses it and prints it back (unformatted), and the result
 * is written out. The batch benchmark compares policyctl against it.
 *
 * usage: cjson_loop < reports.jsonl > /dev/null
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long records = 0, failed = 0;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		cJSON *root = cJSON_ParseWithLength(line, (size_t)len);
		char *out;

		records++;
		if (!root) {
			failed++;
			continue;
		}
		out = cJSON_PrintUnformatted(root);
		if (out) {
			fputs(out, stdout);
			fputc('\n', stdout);
		}
		cJSON_free(out);
		cJSON_Delete(root);
	}
	free(line);
	fprintf(stderr, "%lu records, %lu failed\n", records, failed);
	return 0;
}
