#ifndef WHOSAID_WALVFS_H
#define WHOSAID_WALVFS_H

/* An SQLite VFS over the default one that writes each WAL frame (its
 * 24-byte header and its page, which SQLite writes one after the other)
 * with one write system call instead of two; everything else, and
 * every byte of every file, is the default VFS's. An ingest commits
 * every article (a few frames each): half its system calls were frame
 * headers.
 *
 * walvfs_register() registers it (once; call it before SQLite is used
 * from several threads) and returns its name for sqlite3_open_v2(), or
 * NULL when it could not, and the default VFS is to be used. */
const char *walvfs_register(void);

#endif
