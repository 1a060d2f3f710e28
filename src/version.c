/* version.c - the version of the linked library and status strings. */
#include "libpolicy.h"

int lp_version_number(void) { return LP_VERSION_NUMBER; }
const char *lp_version_string(void) { return LP_VERSION_STRING; }

const char *lp_status_string(int status)
{
	switch (status) {
	case LP_OK: return "success";
	case LP_ENOMEM: return "out of memory";
	case LP_EINVALID: return "invalid report or argument";
	case LP_EPOLICY: return "the policy has errors";
	case LP_EIO: return "a file could not be read";
	case LP_ELIMIT: return "input exceeds a limit";
	default: return "internal error";
	}
}
