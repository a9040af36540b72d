/* walvfs: SQLite's "unix" VFS with the frames of a transaction handed to
 * the kernel in one write.
 *
 * SQLite appends a transaction's pages to the WAL file with two write
 * system calls a page (the 24-byte frame header, then the page), each
 * paying the kernel's per-call and per-cached-page work; an ingest
 * commits one article at a time, about five pages each. This VFS keeps
 * the frames SQLite appends to a WAL file in memory and writes them at
 * once, in order, when the transaction's commit frame is complete (and
 * before anything else is done with the file: a read, a sync, a
 * truncation, its size, a write elsewhere, closing it). A commit is thus
 * in the file (the kernel's page cache) before SQLite publishes it in the
 * shared WAL index and before COMMIT returns, as with the unix VFS; a
 * failed write fails the commit. Syncs are unchanged. As a last guard the
 * buffer is also written before any shared-memory barrier or lock of the
 * database file (SQLite publishes a commit between the two). The
 * database file's own writes in WAL mode, a checkpoint's pages (in
 * ascending order, one write each), are kept the same way while they are
 * adjacent and written at once before anything else is done with the
 * file (a read, a sync, a lock, a shared-memory lock or barrier, ...),
 * the last run when SQLite says the copy is done (SQLITE_FCNTL_CKPT_DONE),
 * before it records the pages as copied; a failed write there, which
 * SQLite would not hear of, ends the process (walvfs.c).
 * Everything else, the shared memory included, goes to the unix VFS as
 * it is. */
#ifndef WHOSAID_WALVFS_H
#define WHOSAID_WALVFS_H

/* Registers the VFS (not as the default) once and returns its name for
 * sqlite3_open_v2(); NULL when the unix VFS is not there (SQLite's
 * default is used then). Not thread-safe: call it before the threads. */
const char *walvfs_name(void);

/* The writes handed to the unix VFS for WAL files so far (tests). */
long walvfs_wal_writes(void);

/* The writes handed to the unix VFS for database files so far (tests). */
long walvfs_db_writes(void);

#endif
