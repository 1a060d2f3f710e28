/*
 * detect_credentials.c - the `credentials` detector: sign-in credentials
 * written as key-value pairs: "password: hunter2", "pwd=x", "login: bob
 * pw: hunter2", "user/pass: bob / hunter2".
 *
 * Tweets talk about passwords far more often than they contain one
 * ("forgot my password", "password reset link"), so a secret is only taken
 * after a key and a ':' or '=', and not when the "value" is an ordinary
 * word of such a sentence ("Password: reset it now"). The span starts at a
 * user key (login, username, email...) given just before, so the evidence
 * covers the whole pair.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

#define MAX_VALUE 128
#define MAX_USER_VALUE 100

/* The lists are lower-case. */
#define W LP_WORD

static const lp_word secret_keys[] = {
	W("password"), W("passwd"), W("passcode"), W("passphrase"), W("passwort"),
	W("pass"), W("pwd"), W("pw"), W("p/w"), W("pass code"), W("mot de passe"),
	W("contraseña"), W("senha"), W("wachtwoord"), W("lösenord"),
	{ NULL, 0 },
};

static const lp_word user_keys[] = {
	W("login"), W("username"), W("user name"), W("user"), W("userid"),
	W("user id"), W("email"), W("e-mail"), W("mail"), W("account"), W("acct"),
	W("id"), W("usr"), W("uname"), W("log in"), W("benutzer"), W("usuario"),
	{ NULL, 0 },
};

/* "Values" that are words of a sentence about passwords. */
static const lp_word not_secrets[] = {
	W("must"), W("should"), W("is"), W("was"), W("are"), W("be"), W("at"),
	W("least"), W("of"), W("the"), W("a"), W("an"), W("to"), W("for"), W("in"),
	W("on"), W("required"), W("reset"), W("change"), W("changed"), W("forgot"),
	W("forgotten"), W("incorrect"), W("invalid"), W("wrong"), W("expired"),
	W("hint"), W("manager"), W("strength"), W("protected"), W("none"), W("n/a"),
	W("null"), W("empty"), W("same"), W("yes"), W("no"), W("needed"),
	W("please"), W("enter"), W("your"), W("my"), W("new"), W("old"), W("here"),
	W("below"), W("above"), W("link"), W("sent"), W("weak"), W("strong"),
	W("updated"), W("it"), W("this"), W("that"), W("not"), W("optional"),
	W("hidden"), W("redacted"), W("unknown"), W("?"), W("tbd"), W("dm"),
	{ NULL, 0 },
};

/* Words before "pass" that make it a ticket, not a password. */
static const lp_word passes[] = {
	W("boarding"), W("season"), W("day"), W("bus"), W("backstage"), W("hall"),
	W("free"), W("battle"), W("press"), W("access"), W("weekly"), W("monthly"),
	W("annual"), W("guest"), W("visitor"), W("vip"), W("travel"), W("rail"),
	W("ski"), W("park"), W("game"), W("hunger"), W("festival"), W("event"),
	W("gym"), W("parking"), W("transit"), W("metro"), { NULL, 0 },
};

/* c (a letter) may begin one of secret_keys: 'p', 'm', 'c', 's', 'w', 'l'.
 * Checked at each word so that most words cost one comparison. */
static int secret_initial(unsigned char c)
{
	size_t k;

	c = (unsigned char)lp_to_lower(c);
	if (c >= 0x80)
		return 0;
	for (k = 0; secret_keys[k].w; k++) {
		if ((unsigned char)secret_keys[k].w[0] == c)
			return 1;
	}
	return 0;
}

/* s[i..] starts with the lower-case word w, ignoring ASCII case; the first
 * byte is compared before the call that compares the rest. */
static int starts_with(const char *s, size_t len, size_t i,
                       const lp_word *w)
{
	return i < len &&
	       lp_to_lower((unsigned char)s[i]) == (unsigned char)w->w[0] &&
	       lp_ci_prefix(s, len, i, w->w);
}

static int in_list(const char *s, size_t a, size_t b,
                   const lp_word *list)
{
	size_t i;

	for (i = 0; list[i].w; i++) {
		if (list[i].len == b - a && starts_with(s, b, a, &list[i]))
			return 1;
	}
	return 0;
}

/* A key of list at i as a whole word; returns its end or 0. */
static size_t key_at(const char *s, size_t len, size_t i,
		     const lp_word *list)
{
	size_t k, best = 0;

	if (lp_word_before(s, i))
		return 0;
	for (k = 0; list[k].w; k++) {
		size_t kl = list[k].len;

		if (starts_with(s, len, i, &list[k]) && !lp_word_at(s, len, i + kl) &&
		    kl > best)
			best = kl;
	}
	return best ? i + best : 0;
}

/* A key of list ending exactly at e; returns its start or (size_t)-1. */
static size_t key_ending(const char *s, size_t e, size_t min,
			 const lp_word *list)
{
	size_t k;

	for (k = 0; list[k].w; k++) {
		size_t kl = list[k].len;

		if (kl > e || e - kl < min)
			continue;
		if (starts_with(s, e, e - kl, &list[k]) && !lp_word_before(s, e - kl))
			return e - kl;
	}
	return (size_t)-1;
}

/* ':' or '=' after a key, with spaces around; returns where the value
 * starts (past at most one line break), or 0. */
static size_t assignment(const char *s, size_t len, size_t i)
{
	size_t j = i;
	int nl = 0;

	while (lp_at(s, len, j) == ' ' && j - i < 2)
		j++;
	if (lp_at(s, len, j) != ':' && lp_at(s, len, j) != '=')
		return 0;
	j++;
	while (j < len && lp_is_space((unsigned char)s[j]) && j - i < 8) {
		if (s[j] == '\n' && nl++)
			return 0;
		j++;
	}
	return j;
}

/* The value at i: a quoted string, or a run of non-space characters less
 * the punctuation that ends the sentence. Returns its end or 0; *vs and
 * *ve get the value without quotes. */
static size_t value_at(const char *s, size_t len, size_t i, size_t *vs, size_t *ve)
{
	unsigned char q = lp_at(s, len, i);
	size_t j = i;

	if (q == '"' || q == '\'' || q == '`') {
		for (j = i + 1; j < len && j - i <= MAX_VALUE; j++) {
			if ((unsigned char)s[j] == q && j > i + 1) {
				*vs = i + 1;
				*ve = j;
				return j + 1;
			}
			if (s[j] == '\n')
				return 0;
		}
		return 0;
	}
	while (j < len && !lp_is_space((unsigned char)s[j]) && j - i < MAX_VALUE)
		j++;
	while (j > i && lp_in_set((unsigned char)s[j - 1], ".,;\"'"))
		j--;
	if (j > i && s[j - 1] == ')' && !memchr(s + i, '(', j - i))
		j--;
	*vs = i;
	*ve = j;
	return j > i ? j : 0;
}

static int plausible_secret(const char *s, size_t a, size_t b)
{
	size_t i, n;
	int masked = 1;

	if (in_list(s, a, b, not_secrets))
		return 0;
	/* Already masked: ********, xxxxxx, •••• */
	for (i = a; i < b && b - a >= 3; i += n) {
		uint32_t cp = lp_cp_at(s, b, i, &n);

		if (cp != '*' && cp != 'x' && cp != 'X' && cp != 0x2022 && cp != '.')
			masked = 0;
	}
	if (masked && b - a >= 3)
		return 0;
	/* Another key: "password: username: ..." is a form, not a secret. */
	if (s[b - 1] == ':')
		return 0;
	return 1;
}

/*
 * The start of a user key-value pair ending just before pos ("login: bob "
 * before "pw: ..."), or pos when there is none.
 */
static size_t user_pair_before(const char *s, size_t pos, size_t min)
{
	size_t e = pos, ve, k;

	/* Separators between the two pairs. */
	while (e > min && (lp_is_space((unsigned char)s[e - 1]) ||
			   lp_in_set((unsigned char)s[e - 1], ",;|/")) &&
	       pos - e < 6)
		e--;
	if (e == pos && pos > min)
		return pos; /* glued to a word */
	ve = e;
	while (e > min && !lp_is_space((unsigned char)s[e - 1]) && ve - e < MAX_USER_VALUE)
		e--;
	if (e == ve)
		return pos;
	/* The value may itself start right after the ':' ("login:bob"). */
	for (k = e; k < ve; k++) {
		if (s[k] == ':' || s[k] == '=') {
			size_t ks = key_ending(s, k, min, user_keys);

			if (ks != (size_t)-1)
				return k + 1 < ve ? ks : pos;
			break;
		}
	}
	while (e > min && s[e - 1] == ' ' && ve - e < MAX_USER_VALUE + 2)
		e--;
	if (e == min || (s[e - 1] != ':' && s[e - 1] != '='))
		return pos;
	e--;
	while (e > min && s[e - 1] == ' ')
		e--;
	k = key_ending(s, e, min, user_keys);
	return k != (size_t)-1 ? k : pos;
}

/* "user/pass", "login / password": a user key right before the secret
 * key at ks. Returns its start or (size_t)-1. */
static size_t combined_key(const char *s, size_t ks, size_t min)
{
	size_t e = ks;

	while (e > min && s[e - 1] == ' ')
		e--;
	if (e == min || (s[e - 1] != '/' && s[e - 1] != '&'))
		return (size_t)-1;
	e--;
	while (e > min && s[e - 1] == ' ')
		e--;
	return key_ending(s, e, min, user_keys);
}

/* Credentials whose secret key starts at i; returns the end and sets
 * *start, or returns 0. */
static size_t try_credentials(const char *s, size_t len, size_t i, size_t min,
			      size_t *start)
{
	size_t ke, v, end, vs, ve, cs;

	ke = key_at(s, len, i, secret_keys);
	if (!ke)
		return 0;
	if (ke - i == 4 && lp_ci_prefix(s, len, i, "pass")) {
		size_t a = i, b;

		while (a > min && s[a - 1] == ' ')
			a--;
		b = a;
		while (a > min && lp_is_alpha((unsigned char)s[a - 1]))
			a--;
		if (a < b && in_list(s, a, b, passes))
			return 0;
	}
	v = assignment(s, len, ke);
	if (!v)
		return 0;
	end = value_at(s, len, v, &vs, &ve);
	if (!end)
		return 0;
	cs = combined_key(s, i, min);
	if (cs != (size_t)-1) {
		/* "user/pass: bob / hunter2": the value holds both. */
		size_t j = end, vs2, ve2, e2;

		while (lp_at(s, len, j) == ' ' && j - end < 2)
			j++;
		if (!memchr(s + vs, '/', ve - vs) && !memchr(s + vs, ':', ve - vs) &&
		    lp_at(s, len, j) == '/') {
			j++;
			while (lp_at(s, len, j) == ' ' && j - end < 6)
				j++;
			e2 = value_at(s, len, j, &vs2, &ve2);
			if (!e2 || !plausible_secret(s, vs2, ve2))
				return 0;
			end = e2;
		} else if (!plausible_secret(s, vs, ve)) {
			return 0;
		}
		*start = cs;
		return end;
	}
	if (!plausible_secret(s, vs, ve))
		return 0;
	*start = user_pair_before(s, i, min);
	return end;
}

/* The most bytes from where a secret key starts to its ':' or '=': the
 * longest key and the two spaces assignment() lets in. */
static size_t key_reach(void)
{
	size_t k, most = 0;

	for (k = 0; secret_keys[k].w; k++)
		if (secret_keys[k].len > most)
			most = secret_keys[k].len;
	return most + 2;
}

int lp_detect_credentials(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i = 0, last_end = 0, reach;

	if (!(text->has & LP_HAS_KV))
		return 0; /* every secret follows a ':' or '=' */
	reach = key_reach();
	while (i < len) {
		size_t start, end, kv;

		/* Keys are words: try where one begins (a letter after a byte
		 * that is not one), with the first letter of a secret key. */
		i = lp_text_next(text, LP_IN(LP_SET_WORD), i);
		if (i == len)
			break;
		/* A key at i has its ':' or '=' after it, up to i + reach.
		 * Most words have none there (a time, "12:30", is the usual
		 * ':'): go on to the first word that could. */
		kv = lp_text_next(text, LP_IN(LP_SET_KV), i + 1);
		if (kv == len)
			break;
		if (kv > i + reach) {
			i = kv - reach;
			continue;
		}
		start = i;
		if (!secret_initial((unsigned char)s[i])) {
			i++;
			continue;
		}
		end = try_credentials(s, len, i, last_end, &start);
		if (end) {
			if (lp_spans_push(out, start, end))
				return -1;
			i = last_end = end;
		} else {
			i++;
		}
	}
	return 0;
}
