// File reading and atomic writing.
//
// Paths are std::filesystem paths; errors name the path and the OS reason.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/text.h"  // TextPosition, positionOfOffset (declared here before)

namespace sv {

// The largest file readFile reads when the caller names no limit.
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t{1} << 30;  // 1 GiB

// Reads a whole file as bytes. Only regular files are read (symbolic links are followed);
// without blocking and before reading anything, it refuses
//   a missing or unopenable file   "<path>: cannot open: <OS reason>"
//   a directory                    "<path>: is a directory, not a file"
//   a FIFO, device or socket       "<path>: is not a regular file (a FIFO)"
//   a file larger than maxBytes    "<path>: file too large: 41.2 MiB (the limit is 4 MiB)"
// so a FIFO never blocks the program and /dev/zero is never read until memory runs out.
Result<std::string> readFile(const std::filesystem::path& path,
                             std::size_t maxBytes = kDefaultMaxFileBytes);

// "4 MiB", "41.2 MiB", "512 KiB", "100 bytes": sizes in messages and docs.
std::string formatBytes(std::size_t bytes);

// Writes `bytes` to `path` atomically: a temporary file in the target's directory is written,
// flushed (fsync) and renamed over the target, so readers see the old or the new content,
// never a torn file. Parent directories are created when missing.
// User files are never replaced by something else:
//  - a symbolic link is followed (also a chain of them): the link stays, its final target gets
//    the new content; a loop is an error;
//  - an existing target keeps its permission bits (a read-only file stays read-only; as root,
//    also its owner); a new file gets 0644;
//  - an existing target that is not a regular file (device, FIFO, socket, directory) is
//    refused and left alone ("<path>: is not a regular file (a character device); not
//    replaced"), since the rename would replace the device node or the pipe.
Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// An atomic write whose content is produced over time (a video encoder that writes and
// seeks in its output): the same target rules as writeFileAtomic (links followed, mode and
// owner kept, a non-regular target refused before anything is written). The content goes to
// a temporary file beside the resolved target (tempPath(), created empty; write it by name or
// through write()); commit() flushes it and renames it over the target. Destroying it, or
// discard(), without a commit removes the temporary file: a cancelled or failed write
// leaves nothing behind and the target as it was.
class AtomicFile {
 public:
  static Result<AtomicFile> create(const std::filesystem::path& path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::filesystem::path& tempPath() const { return temp_; }
  // Appends to the temporary file (through its own descriptor); a failure discards it.
  Status write(std::string_view bytes);
  // Keeps the target's mode (and, as root, its owner), fsyncs, renames. Once only.
  Status commit();
  void discard();

 private:
  AtomicFile() = default;
  std::filesystem::path path_;  // as the caller named it (for messages)
  std::filesystem::path dest_;  // links resolved
  std::filesystem::path temp_;
  int fd_ = -1;
  bool existed_ = false;
  unsigned mode_ = 0644;
  unsigned uid_ = 0, gid_ = 0;
};

// Checks, without writing the target, that writeFileAtomic(path, …) can succeed: the target
// resolves (links followed), is absent or a regular file, and a temporary file can be created
// and removed in its directory. For failing before expensive work (rendering a screenshot).
Status checkAtomicWritable(const std::filesystem::path& path);

}  // namespace sv
