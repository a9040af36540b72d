/* hash: FNV-1a, the one byte-string hash of whosaid's hash tables and
 * fingerprints (check's SARIF fingerprints are made with it, so its values
 * must not change). Owns nothing. */
#ifndef WHOSAID_HASH_H
#define WHOSAID_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_OFFSET 0xcbf29ce484222325ull   /* 14695981039346656037 */
#define FNV1A_PRIME 0x100000001b3ull          /* 1099511628211 */
/* The start check's finding fingerprints were first made with: the
 * offset basis short of its last digit. Fingerprints in reports already
 * filed (SARIF partialFingerprints) depend on it, so it stays, and the
 * tables that took it over with the code keep it too. */
#define FNV1A_START_V1 1469598103934665603ull

/* h, carried on over p[0, n): start with FNV1A_OFFSET */
static inline uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV1A_PRIME;
	return h;
}

#endif
