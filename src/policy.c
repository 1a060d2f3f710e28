/*
 * policy.c - read-only accessors of a compiled policy and the fixed
 * vocabularies of the report format.
 */
#include <string.h>

#include "policy_internal.h"

const char *const lp_roles[] = {"subject", "authorized_representative",
                                "bystander", "automated", NULL};
const char *const lp_sources[] = {"text", "labels", "media", NULL};
const char *const lp_media_types[] = {"image", "video", "gif", "other", NULL};
const char *const lp_signal_objects[] = {"subject", "author", "context",
                                         NULL};

int lp_vocab_index(const char *const *vocab, const char *word)
{
	int i;

	for (i = 0; vocab[i]; i++)
		if (strcmp(vocab[i], word) == 0)
			return i;
	return -1;
}

int lp_vocab_index_n(const char *const *vocab, const char *word, size_t len)
{
	int i;

	for (i = 0; vocab[i]; i++)
		if (vocab[i][0] == word[0] && strncmp(vocab[i], word, len) == 0 &&
		    vocab[i][len] == '\0')
			return i;
	return -1;
}

const char *lp_policy_name(const lp_policy *p) { return p->name; }
const char *lp_policy_version(const lp_policy *p) { return p->version; }
const char *lp_policy_revision(const lp_policy *p) { return p->revision; }

int lp_policy_find_signal(const lp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->signal_count; i++)
		if (strcmp(p->signals[i].id, name) == 0)
			return (int)i;
	return -1;
}

int lp_policy_find_label(const lp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->label_count; i++)
		if (strcmp(p->labels[i].id, name) == 0)
			return (int)i;
	return -1;
}

int lp_policy_find_category(const lp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->category_count; i++)
		if (strcmp(p->categories[i].id, name) == 0)
			return (int)i;
	return -1;
}
