// The VFS "gazette-wal": SQLite's default VFS, except that writes to a WAL
// file are gathered in memory and reach the file in one call when SQLite
// syncs it. SQLite writes every WAL frame in two calls (its 24-byte header,
// then the page), so a commit of 60 pages was 120 write calls; gathered, it
// is two. SQLite syncs the WAL at every commit only when synchronous is FULL
// or EXTRA, and other connections read a commit's frames only after it (the
// WAL index is updated after the sync), so only connections opened at those
// levels use this VFS (Connection::Open). Anything else SQLite asks of the
// WAL file (a read, its size, a truncation, a write elsewhere than at the end
// of what is gathered, closing it) writes what was gathered first; so does
// gathering more than 4 MiB (the buffer keeps its size for the next
// commit: at most that plus one write, per WAL file of a writing
// connection). Writes go out in calls of up to 124 KiB, as the default VFS
// takes no more in one call. A failed write is reported by the call that
// made it (the sync, at a commit), and the transaction fails with it.
#pragma once

#include <cstdint>

namespace gazette::storage::sqlite {

// Registers the VFS (once; thread-safe) and returns its name, or nullptr
// when SQLite has no default VFS to build it on.
const char* WalWritesVfs();

// Write calls this VFS has made to WAL files since the process started.
std::uint64_t WalWriteCalls();

}  // namespace gazette::storage::sqlite
