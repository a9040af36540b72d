/* walvfs: the unix VFS with a transaction's WAL frames written at once
 * (see walvfs.h). */
#include "walvfs.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SQLITE_FCNTL_CKPT_DONE   /* headers older than SQLite 3.32 */
#define SQLITE_FCNTL_CKPT_DONE 37
#endif

#define WAL_HEADER 32            /* the WAL file's own header, at offset 0 */
#define FRAME_HEADER 24
/* bytes kept before they are written anyway: the unix VFS writes at most
 * 128 KB - 1 at once (the length it passes to pwrite() is masked with
 * 0x1ffff, and a longer write comes out short or empty: SQLITE_FULL) */
#define BUF_MAX (120 * 1024)

struct wfile {
	sqlite3_file base;       /* first: SQLite's handle is this */
	sqlite3_file *real;      /* the unix VFS's file, after this struct */
	struct wfile *wal;       /* a database file: its WAL file, when open */
	struct wfile *db;        /* a WAL file: its database file */
	int is_wal;
	int commit;              /* a commit frame's header is buffered, its page is next */
	int err;                 /* a write out that failed where it could not be reported */
	char *buf;               /* a WAL file: frames not written yet */
	size_t len;
	sqlite3_int64 off;       /* file offset of buf[0] */
};

static sqlite3_vfs vfs;
static sqlite3_vfs *parent;
static _Atomic long wal_writes;   /* walvfs_wal_writes() */
static _Atomic long db_writes;    /* walvfs_db_writes() */
static int db_runs;               /* a checkpoint's adjacent pages are written at once (db_write) */

#define REAL(f) (((struct wfile *)(f))->real)
#define RM(f) (REAL(f)->pMethods)

static int flush(struct wfile *f)
{
	if (!f->len)
		return SQLITE_OK;
	if (f->is_wal)
		wal_writes++;
	else
		db_writes++;
	int rc = RM(f)->xWrite(f->real, f->buf, (int)f->len, f->off);
	f->len = 0;
	return rc;
}

/* Written out before the file is used otherwise; an earlier failure is
 * reported then. */
static int settle(struct wfile *f)
{
	int rc = flush(f);
	if (rc == SQLITE_OK && f->err) {
		rc = f->err;
		f->err = 0;
	}
	return rc;
}

static int x_close(sqlite3_file *pf)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	if (f->is_wal && f->db && f->db->wal == f)
		f->db->wal = NULL;
	if (!f->is_wal && f->wal)
		f->wal->db = NULL;
	free(f->buf);
	f->buf = NULL;
	int rc2 = RM(f)->xClose(f->real);
	return rc != SQLITE_OK ? rc : rc2;
}

static int x_read(sqlite3_file *pf, void *p, int amt, sqlite3_int64 off)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	return rc != SQLITE_OK ? rc : RM(f)->xRead(f->real, p, amt, off);
}

/* 1 for the frame header of a commit frame (its "database size after
 * commit" is not 0) */
static int commit_header(const unsigned char *h)
{
	return (h[4] | h[5] | h[6] | h[7]) != 0;
}

/* Appends a write to the run of adjacent bytes kept for f (*kept = 1),
 * or, when `direct`, when it does not follow the run or does not fit,
 * writes the run and then it (*kept = 0; `writes` counts the calls). */
static int run_write(struct wfile *f, const void *p, int amt, sqlite3_int64 off, int direct,
		     _Atomic long *writes, int *kept)
{
	int rc;
	*kept = 0;
	if (f->len && (off != f->off + (sqlite3_int64)f->len || f->len + (size_t)amt > BUF_MAX) &&
	    (rc = settle(f)) != SQLITE_OK)
		return rc;
	if (direct || amt <= 0 || amt > BUF_MAX) {
		if ((rc = settle(f)) != SQLITE_OK)
			return rc;
		(*writes)++;
		return RM(f)->xWrite(f->real, p, amt, off);
	}
	if (!f->buf)
		f->buf = malloc(BUF_MAX);
	if (!f->buf)
		return SQLITE_IOERR_NOMEM;
	if (!f->len)
		f->off = off;
	memcpy(f->buf + f->len, p, (size_t)amt);
	f->len += (size_t)amt;
	*kept = 1;
	return SQLITE_OK;
}

/* A database file in WAL mode is written by checkpoints, which copy
 * pages in ascending order, one write each: runs of adjacent pages are
 * kept and written at once (news.jsonl: 27,298 writes in 7,996 runs),
 * before anything else is done with the file (a read, a sync, a lock or
 * unlock, a shared-memory lock or barrier, its size, a truncation, a file
 * control, closing it). A failed write fails the next write of the
 * checkpoint, as before; the last run is written when SQLite says the
 * pages are copied (SQLITE_FCNTL_CKPT_DONE, since SQLite 3.32), before it
 * records them as copied in the shared memory; it does not read the
 * answer, so a failure there ends the process (ckpt_done): a process
 * killed in a checkpoint leaves the database whole, one that went on
 * would record pages as copied that are not. */
static int db_write(struct wfile *f, const void *p, int amt, sqlite3_int64 off)
{
	int kept;
	return run_write(f, p, amt, off, !db_runs || !f->wal, &db_writes, &kept);
}

static int x_write(sqlite3_file *pf, const void *p, int amt, sqlite3_int64 off)
{
	struct wfile *f = (struct wfile *)pf;
	if (!f->is_wal)
		return db_write(f, p, amt, off);
	/* the WAL's own header is written at once; frames are kept */
	int kept;
	int rc = run_write(f, p, amt, off, off < WAL_HEADER, &wal_writes, &kept);
	if (rc != SQLITE_OK || !kept)
		return rc;
	int commit;
	if (amt == FRAME_HEADER) {
		/* the page follows */
		f->commit = commit_header(p);
		return SQLITE_OK;
	} else if (amt > FRAME_HEADER && ((amt - FRAME_HEADER) & (amt - FRAME_HEADER - 1)) == 0) {
		/* a header and its page in one write */
		commit = commit_header(p);
	} else {
		commit = f->commit;
	}
	f->commit = 0;
	/* the commit frame complete: the transaction goes to the file now,
	   before SQLite publishes it */
	return commit ? settle(f) : SQLITE_OK;
}

static int x_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	return rc != SQLITE_OK ? rc : RM(f)->xTruncate(f->real, size);
}

static int x_sync(sqlite3_file *pf, int flags)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	return rc != SQLITE_OK ? rc : RM(f)->xSync(f->real, flags);
}

static int x_file_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	return rc != SQLITE_OK ? rc : RM(f)->xFileSize(f->real, size);
}

static int x_lock(sqlite3_file *pf, int lock)
{
	int rc = settle((struct wfile *)pf);
	return rc != SQLITE_OK ? rc : RM(pf)->xLock(REAL(pf), lock);
}

static int x_unlock(sqlite3_file *pf, int lock)
{
	int rc = settle((struct wfile *)pf);
	int rc2 = RM(pf)->xUnlock(REAL(pf), lock);
	return rc != SQLITE_OK ? rc : rc2;
}

static int x_check_reserved_lock(sqlite3_file *pf, int *out)
{
	return RM(pf)->xCheckReservedLock(REAL(pf), out);
}

/* The last pages a checkpoint copied, written before it records them as
 * copied (db_write). */
static void ckpt_done(struct wfile *f)
{
	int rc = settle(f);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "whosaid: fatal: a checkpoint could not write the database file (SQLite error %d): "
				"stopped before the checkpoint is recorded\n", rc);
		_exit(2);
	}
}

static int x_file_control(sqlite3_file *pf, int op, void *arg)
{
	struct wfile *f = (struct wfile *)pf;
	if (op == SQLITE_FCNTL_CKPT_DONE && !f->is_wal)
		ckpt_done(f);
	int rc = settle(f);
	if (rc != SQLITE_OK)
		return rc;
	return RM(f)->xFileControl(f->real, op, arg);
}

static int x_sector_size(sqlite3_file *pf)
{
	return RM(pf)->xSectorSize(REAL(pf));
}

static int x_device_characteristics(sqlite3_file *pf)
{
	return RM(pf)->xDeviceCharacteristics(REAL(pf));
}

static int x_shm_map(sqlite3_file *pf, int pg, int pgsz, int extend, void volatile **pp)
{
	return RM(pf)->xShmMap(REAL(pf), pg, pgsz, extend, pp);
}

/* The database file's WAL frames kept, and its own pages, written out
 * (the guard of walvfs.h); a failure is reported by the file's next use. */
static void guard(struct wfile *f)
{
	if (f->len) {
		int rc = flush(f);
		if (rc != SQLITE_OK && !f->err)
			f->err = rc;
	}
	struct wfile *w = f->wal;
	if (w && w->len) {
		int rc = flush(w);
		if (rc != SQLITE_OK && !w->err)
			w->err = rc;
	}
}

static int x_shm_lock(sqlite3_file *pf, int offset, int n, int flags)
{
	guard((struct wfile *)pf);
	return RM(pf)->xShmLock(REAL(pf), offset, n, flags);
}

static void x_shm_barrier(sqlite3_file *pf)
{
	guard((struct wfile *)pf);
	RM(pf)->xShmBarrier(REAL(pf));
}

static int x_shm_unmap(sqlite3_file *pf, int del)
{
	return RM(pf)->xShmUnmap(REAL(pf), del);
}

static int x_fetch(sqlite3_file *pf, sqlite3_int64 off, int amt, void **pp)
{
	struct wfile *f = (struct wfile *)pf;
	int rc = settle(f);
	return rc != SQLITE_OK ? rc : RM(f)->xFetch(f->real, off, amt, pp);
}

static int x_unfetch(sqlite3_file *pf, sqlite3_int64 off, void *p)
{
	return RM(pf)->xUnfetch(REAL(pf), off, p);
}

static const sqlite3_io_methods methods = {
	3,
	x_close,
	x_read,
	x_write,
	x_truncate,
	x_sync,
	x_file_size,
	x_lock,
	x_unlock,
	x_check_reserved_lock,
	x_file_control,
	x_sector_size,
	x_device_characteristics,
	x_shm_map,
	x_shm_lock,
	x_shm_barrier,
	x_shm_unmap,
	x_fetch,
	x_unfetch,
};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *pf, int flags, int *out_flags)
{
	(void)v;
	struct wfile *f = (struct wfile *)pf;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)((char *)f + ((sizeof(*f) + 7) & ~(size_t)7));
	int rc = parent->xOpen(parent, name, f->real, flags, out_flags);
	if (!f->real->pMethods) {
		f->base.pMethods = NULL;
		return rc;
	}
	/* the methods of the unix VFS's files are version 3 */
	if (f->real->pMethods->iVersion < 3) {
		f->real->pMethods->xClose(f->real);
		f->base.pMethods = NULL;
		return SQLITE_CANTOPEN;
	}
	f->base.pMethods = &methods;
	if ((flags & SQLITE_OPEN_WAL) && name) {
		sqlite3_file *db = sqlite3_database_file_object(name);
		/* frames are kept only where the database file can write them
		   out before a commit is published */
		if (db && db->pMethods == &methods) {
			f->is_wal = 1;
			f->db = (struct wfile *)db;
			f->db->wal = f;
		}
	}
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	return parent->xDelete(parent, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return parent->xAccess(parent, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return parent->xFullPathname(parent, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return parent->xDlOpen(parent, name);
}

static void v_dlerror(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	parent->xDlError(parent, n, msg);
}

static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return parent->xDlSym(parent, h, sym);
}

static void v_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	parent->xDlClose(parent, h);
}

static int v_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return parent->xRandomness(parent, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return parent->xSleep(parent, us);
}

static int v_current_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return parent->xCurrentTime(parent, out);
}

static int v_get_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return parent->xGetLastError(parent, n, out);
}

static int v_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return parent->xCurrentTimeInt64(parent, out);
}

long walvfs_wal_writes(void)
{
	return wal_writes;
}

long walvfs_db_writes(void)
{
	return db_writes;
}

const char *walvfs_name(void)
{
	if (vfs.zName)
		return vfs.zName;
	sqlite3_vfs *p = sqlite3_vfs_find("unix");
	if (!p || p->iVersion < 2)
		return NULL;
	parent = p;
	db_runs = sqlite3_libversion_number() >= 3032000;   /* SQLITE_FCNTL_CKPT_DONE */
	vfs.iVersion = 2;
	vfs.szOsFile = (int)((sizeof(struct wfile) + 7) & ~(size_t)7) + p->szOsFile;
	vfs.mxPathname = p->mxPathname;
	vfs.zName = "whosaid-unix";
	vfs.xOpen = v_open;
	vfs.xDelete = v_delete;
	vfs.xAccess = v_access;
	vfs.xFullPathname = v_full_pathname;
	vfs.xDlOpen = v_dlopen;
	vfs.xDlError = v_dlerror;
	vfs.xDlSym = v_dlsym;
	vfs.xDlClose = v_dlclose;
	vfs.xRandomness = v_randomness;
	vfs.xSleep = v_sleep;
	vfs.xCurrentTime = v_current_time;
	vfs.xGetLastError = v_get_last_error;
	vfs.xCurrentTimeInt64 = v_current_time_int64;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
		vfs.zName = NULL;
		return NULL;
	}
	return vfs.zName;
}
