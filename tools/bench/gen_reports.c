/*
 * gen_reports.c - writes N realistic reports as JSON Lines, for the batch
 * benchmark: Tweet texts with private information and with the dates,
 * prices and ids that look like it, media, labels, every reporter role
 * and a spread of context signals. The same seed gives the same file.
 *
 * usage: gen_reports N [SEED] > reports.jsonl
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint32_t next_rand(void)
{
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(state >> 33);
}

static const char *const texts[] = {
	"her address is 1428 Elm Street, Springfield",
	"he lives at 221B Baker Street, London NW1 6XE, go say hi",
	"call me on 555-%03u-%04u after 6pm",
	"my number changed: +44 20 7946 %04u",
	"mail jane.doe%u@example.com for the invoice",
	"card 4111 1111 1111 1111 exp 12/27, cvv on the back",
	"IBAN DE89 3704 0044 0532 0130 00 for the refund",
	"coordinates 40.7128, -74.0060 tonight",
	"login: bob%u password: hunter2",
	"SSN 123-45-%04u, don't share",
	"Sale ends 2021-11-30 at 12:30! Only $1,234.56 (order #%u)",
	"great game last night, 3-1 final, what a goal in minute %u",
	"v10.4.%u is out, update your app",
	"tweet %u9876543210987654 was deleted lol",
	"meet at the park at 5pm, bring snacks",
	"Flight UA%u departs 07:45 from gate B12",
	"I'm so tired of this #day%u #mood",
	"watching the match with friends, what a crowd",
	"ISBN 978-3-16-148410-%u is a great read",
	"tracking 1Z999AA1012345678%u arrives Monday",
};
static const char *const roles[] = {"subject", "authorized_representative",
                                    "bystander", "automated"};
static const char *const regions[] = {"US", "GB", "SE", "DE", "IN", "BR",
                                      "JP", "KE"};
static const char *const signals[] = {
	"\"public_interest\":true", "\"publicly_available\":true",
	"\"intent_to_harass\":true", "\"public_event\":true",
	"\"newsworthy_event\":true", "\"threat_to_expose\":true"};
static const char *const labels[] = {"medical_record", "identity_document",
                                     "business_address", "biometric_data"};
static const char *const media[] = {"image", "video", "gif", "other"};

int main(int argc, char **argv)
{
	unsigned long n, i;

	if (argc < 2) {
		fprintf(stderr, "usage: gen_reports N [SEED] > reports.jsonl\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	for (i = 0; i < n; i++) {
		uint32_t r = next_rand();
		const char *t = texts[r % (sizeof(texts) / sizeof(texts[0]))];
		unsigned a = next_rand() % 1000, b = next_rand() % 10000;

		printf("{\"id\":\"r-%lu\",\"content\":{\"text\":\"", i + 1);
		printf(t, a, b);
		putchar('"');
		if (next_rand() % 4 == 0)
			printf(",\"media\":[{\"type\":\"%s\",\"depicts_person\":%s,"
			       "\"nudity\":%s}]", media[next_rand() % 4],
			       next_rand() % 3 ? "true" : "false",
			       next_rand() % 20 ? "false" : "true");
		if (next_rand() % 10 == 0)
			printf(",\"labels\":[\"%s\"]", labels[next_rand() % 4]);
		printf("},\"reporter\":{\"role\":\"%s\"},\"subject\":{\"public_figure\""
		       ":%s},\"author\":{\"prior_violations\":%u},\"context\":{"
		       "\"region\":\"%s\"", roles[next_rand() % 4],
		       next_rand() % 8 ? "false" : "true", next_rand() % 5 ? 0u : 1u,
		       regions[next_rand() % 8]);
		if (next_rand() % 3 == 0)
			printf(",%s", signals[next_rand() % 6]);
		puts("}}");
	}
	return ferror(stdout) ? 1 : 0;
}
