#include "storage/sqlite/wal_writes.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <string>

namespace gazette::storage::sqlite {
namespace {

constexpr std::size_t kMaxGathered = 4 << 20;
constexpr std::size_t kMaxCall = (128 << 10) - 4096;
std::atomic<std::uint64_t> write_calls{0};

// A WAL file as SQLite sees it: the default VFS's file follows this header.
struct WalFile {
  sqlite3_file file;  // first: the pointer SQLite holds
  sqlite3_file* real;
  std::string* gathered;  // bytes not yet written, from offset `at`
  sqlite3_int64 at;
};

WalFile* Of(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Of(f)->real; }
const sqlite3_io_methods& RealMethods(sqlite3_file* f) { return *Real(f)->pMethods; }

// Writes what was gathered, in calls under 128 KiB: the default VFS writes
// only the low 17 bits of a larger size (and reports a full disk).
int Flush(sqlite3_file* f) {
  WalFile* w = Of(f);
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < w->gathered->size() && rc == SQLITE_OK; done += kMaxCall) {
    std::size_t n = std::min(kMaxCall, w->gathered->size() - done);
    write_calls.fetch_add(1, std::memory_order_relaxed);
    rc = RealMethods(f).xWrite(w->real, w->gathered->data() + done, static_cast<int>(n),
                               w->at + static_cast<sqlite3_int64>(done));
  }
  w->gathered->clear();
  return rc;
}

int Write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
  WalFile* w = Of(f);
  if (!w->gathered->empty() && offset != w->at + static_cast<sqlite3_int64>(w->gathered->size())) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  }
  if (w->gathered->empty()) w->at = offset;
  try {
    w->gathered->append(static_cast<const char*>(data), static_cast<std::size_t>(n));
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  return w->gathered->size() >= kMaxGathered ? Flush(f) : SQLITE_OK;
}

int Close(sqlite3_file* f) {
  WalFile* w = Of(f);
  int flushed = Flush(f);
  int closed = RealMethods(f).xClose(w->real);
  delete w->gathered;
  w->gathered = nullptr;
  return flushed != SQLITE_OK ? flushed : closed;
}

int Read(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return RealMethods(f).xRead(Real(f), out, n, offset);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return RealMethods(f).xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return RealMethods(f).xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return RealMethods(f).xFileSize(Real(f), size);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return RealMethods(f).xFileControl(Real(f), op, arg);
}
int Lock(sqlite3_file* f, int level) { return RealMethods(f).xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return RealMethods(f).xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) { return RealMethods(f).xCheckReservedLock(Real(f), out); }
int SectorSize(sqlite3_file* f) { return RealMethods(f).xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) { return RealMethods(f).xDeviceCharacteristics(Real(f)); }
// Shared memory belongs to the database file, not the WAL; forwarded all the same.
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  const sqlite3_io_methods& m = RealMethods(f);
  return m.iVersion >= 2 && m.xShmMap ? m.xShmMap(Real(f), page, size, extend, out) : SQLITE_IOERR_SHMMAP;
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  const sqlite3_io_methods& m = RealMethods(f);
  return m.iVersion >= 2 && m.xShmLock ? m.xShmLock(Real(f), offset, n, flags) : SQLITE_IOERR_SHMLOCK;
}
void ShmBarrier(sqlite3_file* f) {
  const sqlite3_io_methods& m = RealMethods(f);
  if (m.iVersion >= 2 && m.xShmBarrier) m.xShmBarrier(Real(f));
}
int ShmUnmap(sqlite3_file* f, int remove) {
  const sqlite3_io_methods& m = RealMethods(f);
  return m.iVersion >= 2 && m.xShmUnmap ? m.xShmUnmap(Real(f), remove) : SQLITE_OK;
}
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int n, void** out) {
  *out = nullptr;
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  const sqlite3_io_methods& m = RealMethods(f);
  return m.iVersion >= 3 && m.xFetch ? m.xFetch(Real(f), offset, n, out) : SQLITE_OK;
}
int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  const sqlite3_io_methods& m = RealMethods(f);
  return m.iVersion >= 3 && m.xUnfetch ? m.xUnfetch(Real(f), offset, p) : SQLITE_OK;
}

const sqlite3_io_methods kWalMethods = {
    .iVersion = 3,
    .xClose = Close,
    .xRead = Read,
    .xWrite = Write,
    .xTruncate = Truncate,
    .xSync = Sync,
    .xFileSize = FileSize,
    .xLock = Lock,
    .xUnlock = Unlock,
    .xCheckReservedLock = CheckReservedLock,
    .xFileControl = FileControl,
    .xSectorSize = SectorSize,
    .xDeviceCharacteristics = DeviceCharacteristics,
    .xShmMap = ShmMap,
    .xShmLock = ShmLock,
    .xShmBarrier = ShmBarrier,
    .xShmUnmap = ShmUnmap,
    .xFetch = Fetch,
    .xUnfetch = Unfetch,
};

// The VFS: every call but opening a WAL file goes to the default VFS.
sqlite3_vfs* Base(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  sqlite3_vfs* base = Base(vfs);
  if ((flags & SQLITE_OPEN_WAL) == 0) return base->xOpen(base, name, f, flags, out_flags);
  WalFile* w = Of(f);
  w->file.pMethods = nullptr;
  w->real = reinterpret_cast<sqlite3_file*>(w + 1);
  w->gathered = nullptr;
  w->at = 0;
  int rc = base->xOpen(base, name, w->real, flags, out_flags);
  if (w->real->pMethods == nullptr) return rc;
  w->gathered = new (std::nothrow) std::string;
  if (w->gathered == nullptr) {
    w->real->pMethods->xClose(w->real);
    return SQLITE_NOMEM;
  }
  w->file.pMethods = &kWalMethods;  // SQLite closes it through Close even when rc is an error
  return rc;
}

int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) { return Base(vfs)->xDelete(Base(vfs), name, sync_dir); }
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return Base(vfs)->xAccess(Base(vfs), name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  return Base(vfs)->xFullPathname(Base(vfs), name, n, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) { return Base(vfs)->xDlOpen(Base(vfs), name); }
void DlError(sqlite3_vfs* vfs, int n, char* out) { Base(vfs)->xDlError(Base(vfs), n, out); }
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return Base(vfs)->xDlSym(Base(vfs), handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) { Base(vfs)->xDlClose(Base(vfs), handle); }
int Randomness(sqlite3_vfs* vfs, int n, char* out) { return Base(vfs)->xRandomness(Base(vfs), n, out); }
int Sleep(sqlite3_vfs* vfs, int micros) { return Base(vfs)->xSleep(Base(vfs), micros); }
int CurrentTime(sqlite3_vfs* vfs, double* out) { return Base(vfs)->xCurrentTime(Base(vfs), out); }
int GetLastError(sqlite3_vfs* vfs, int n, char* out) {
  return Base(vfs)->xGetLastError ? Base(vfs)->xGetLastError(Base(vfs), n, out) : 0;
}
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return Base(vfs)->xCurrentTimeInt64(Base(vfs), out);
}

sqlite3_vfs vfs;

void Register() {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  if (base == nullptr || base->iVersion < 2) return;
  vfs.iVersion = 2;
  vfs.szOsFile = static_cast<int>(sizeof(WalFile)) + base->szOsFile;
  vfs.mxPathname = base->mxPathname;
  vfs.zName = "gazette-wal";
  vfs.pAppData = base;
  vfs.xOpen = Open;
  vfs.xDelete = Delete;
  vfs.xAccess = Access;
  vfs.xFullPathname = FullPathname;
  vfs.xDlOpen = DlOpen;
  vfs.xDlError = DlError;
  vfs.xDlSym = DlSym;
  vfs.xDlClose = DlClose;
  vfs.xRandomness = Randomness;
  vfs.xSleep = Sleep;
  vfs.xCurrentTime = CurrentTime;
  vfs.xGetLastError = GetLastError;
  vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) vfs.zName = nullptr;
}

}  // namespace

const char* WalWritesVfs() {
  static std::once_flag once;
  std::call_once(once, Register);
  return vfs.zName;
}

std::uint64_t WalWriteCalls() { return write_calls.load(std::memory_order_relaxed); }

}  // namespace gazette::storage::sqlite
