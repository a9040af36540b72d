#include "walvfs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* SQLite's WAL writes a frame as its header (24 bytes) then its page at
 * the next offset (walWriteOneFrame). The header is held back until the
 * next call on the file: when that is the write of the page, the two go
 * out as one; anything else writes the header first. So every call
 * below the wrapper sees the bytes it would have seen, in order, and
 * nothing is held once sqlite3WalFrames() returns (its last write is a
 * page): a commit is in the file, for other processes and after a kill,
 * exactly when it would have been. */

#define FRAME_HEADER 24

struct wfile {
	sqlite3_file base;          /* pMethods: one of io[] */
	sqlite3_file *real;         /* the default VFS's file (right after) */
	int wal;                    /* a WAL file: its frame headers are held */
	sqlite3_int64 held_at;      /* offset of the held header; -1: none */
	unsigned char held[FRAME_HEADER];
	unsigned char *frame;       /* a header and its page, contiguous */
	int frame_cap;
};

static sqlite3_vfs *real_vfs;

/* Writes the held header, if any: before any other use of the file. */
static int release(struct wfile *w)
{
	if (w->held_at < 0)
		return SQLITE_OK;
	sqlite3_int64 at = w->held_at;
	w->held_at = -1;
	return w->real->pMethods->xWrite(w->real, w->held, FRAME_HEADER, at);
}

#define REAL(f) (((struct wfile *)(f))->real)
#define RELEASE(f)                                         \
	do {                                               \
		int rc_ = release((struct wfile *)(f));    \
		if (rc_ != SQLITE_OK)                      \
			return rc_;                        \
	} while (0)

static int w_close(sqlite3_file *f)
{
	struct wfile *w = (struct wfile *)f;
	int rc = release(w);
	int rc2 = w->real->pMethods->xClose(w->real);
	free(w->frame);
	w->frame = NULL;
	return rc != SQLITE_OK ? rc : rc2;
}

static int w_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 at)
{
	RELEASE(f);
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, at);
}

static int w_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 at)
{
	struct wfile *w = (struct wfile *)f;
	if (w->held_at >= 0 && at == w->held_at + FRAME_HEADER && n > 0) {
		if (w->frame_cap < FRAME_HEADER + n) {
			unsigned char *p = realloc(w->frame, (size_t)(FRAME_HEADER + n));
			if (!p)
				goto plain;
			w->frame = p;
			w->frame_cap = FRAME_HEADER + n;
		}
		memcpy(w->frame, w->held, FRAME_HEADER);
		memcpy(w->frame + FRAME_HEADER, buf, (size_t)n);
		sqlite3_int64 start = w->held_at;
		w->held_at = -1;
		return w->real->pMethods->xWrite(w->real, w->frame, FRAME_HEADER + n, start);
	}
plain:
	RELEASE(f);
	/* the WAL's own header is 32 bytes: a 24-byte write is a frame's */
	if (w->wal && n == FRAME_HEADER && at >= 32) {
		memcpy(w->held, buf, FRAME_HEADER);
		w->held_at = at;
		return SQLITE_OK;
	}
	return w->real->pMethods->xWrite(w->real, buf, n, at);
}

static int w_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	RELEASE(f);
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int w_sync(sqlite3_file *f, int flags)
{
	RELEASE(f);
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int w_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	RELEASE(f);
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int w_lock(sqlite3_file *f, int level)
{
	RELEASE(f);
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int w_unlock(sqlite3_file *f, int level)
{
	RELEASE(f);
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int w_check_reserved(sqlite3_file *f, int *out)
{
	RELEASE(f);
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int w_file_control(sqlite3_file *f, int op, void *arg)
{
	RELEASE(f);
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int w_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int w_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int w_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
	RELEASE(f);
	return REAL(f)->pMethods->xShmMap(REAL(f), page, size, extend, p);
}

static int w_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	RELEASE(f);
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void w_shm_barrier(sqlite3_file *f)
{
	release((struct wfile *)f);
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int w_shm_unmap(sqlite3_file *f, int del)
{
	RELEASE(f);
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int w_fetch(sqlite3_file *f, sqlite3_int64 at, int n, void **p)
{
	RELEASE(f);
	return REAL(f)->pMethods->xFetch(REAL(f), at, n, p);
}

static int w_unfetch(sqlite3_file *f, sqlite3_int64 at, void *p)
{
	RELEASE(f);
	return REAL(f)->pMethods->xUnfetch(REAL(f), at, p);
}

/* The methods, by the iVersion of the default VFS's file: a version 1
 * file has no shared memory, and SQLite must not think it has. */
#define IO_METHODS(v)                                                                              \
	{                                                                                          \
		v, w_close, w_read, w_write, w_truncate, w_sync, w_file_size, w_lock, w_unlock,    \
		w_check_reserved, w_file_control, w_sector_size, w_device_characteristics,         \
		v >= 2 ? w_shm_map : NULL, v >= 2 ? w_shm_lock : NULL,                             \
		v >= 2 ? w_shm_barrier : NULL, v >= 2 ? w_shm_unmap : NULL,                        \
		v >= 3 ? w_fetch : NULL, v >= 3 ? w_unfetch : NULL                                 \
	}

static const sqlite3_io_methods io[4] = { IO_METHODS(1), IO_METHODS(1), IO_METHODS(2), IO_METHODS(3) };

static int v_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)vfs;
	struct wfile *w = (struct wfile *)f;
	memset(w, 0, sizeof(*w));
	w->real = (sqlite3_file *)(w + 1);
	w->held_at = -1;
	w->wal = (flags & SQLITE_OPEN_WAL) != 0;
	int rc = real_vfs->xOpen(real_vfs, name, w->real, flags, out_flags);
	/* xClose is called when pMethods is set, even after a failure */
	if (w->real->pMethods) {
		int v = w->real->pMethods->iVersion;
		w->base.pMethods = &io[v < 1 ? 1 : v > 3 ? 3 : v];
	}
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dl_open(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*v_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dl_close(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int v_get_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, msg) : 0;
}

static int v_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	if (real_vfs->iVersion >= 2 && real_vfs->xCurrentTimeInt64)
		return real_vfs->xCurrentTimeInt64(real_vfs, t);
	double d;
	int rc = real_vfs->xCurrentTime(real_vfs, &d);
	*t = (sqlite3_int64)(d * 86400000.0);
	return rc;
}

static sqlite3_vfs wal_vfs = {
	.iVersion = 2,
	.zName = "whosaid-wal",
	.xOpen = v_open,
	.xDelete = v_delete,
	.xAccess = v_access,
	.xFullPathname = v_full_pathname,
	.xDlOpen = v_dl_open,
	.xDlError = v_dl_error,
	.xDlSym = v_dl_sym,
	.xDlClose = v_dl_close,
	.xRandomness = v_randomness,
	.xSleep = v_sleep,
	.xCurrentTime = v_current_time,
	.xGetLastError = v_get_last_error,
	.xCurrentTimeInt64 = v_current_time_int64,
};

const char *walvfs_register(void)
{
	static int done, ok;
	if (done)
		return ok ? wal_vfs.zName : NULL;
	done = 1;
	/* WHOSAID_NO_FAST: the default VFS itself (tests that both agree) */
	if (getenv("WHOSAID_NO_FAST") || !(real_vfs = sqlite3_vfs_find(NULL)))
		return NULL;
	/* the default's own file follows ours, pointer-aligned */
	wal_vfs.szOsFile = (int)(sizeof(struct wfile) + real_vfs->szOsFile);
	wal_vfs.mxPathname = real_vfs->mxPathname;
	ok = sqlite3_vfs_register(&wal_vfs, 0) == SQLITE_OK;
	return ok ? wal_vfs.zName : NULL;
}
