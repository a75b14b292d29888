#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace sv {

namespace fs = std::filesystem;

namespace {

const char* fileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes a file descriptor on every path out of a function.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Follows symbolic links from `path` to the file they finally name (which may not exist
// yet). Relative link targets are relative to the link's directory.
Result<fs::path> resolveLinks(const fs::path& path) {
  fs::path p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno == ENOENT) return p;
      return Error{path.string() + ": " + std::strerror(errno)};
    }
    if (!S_ISLNK(st.st_mode)) return p;
    std::error_code ec;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) return Error{path.string() + ": cannot read the symbolic link: " + ec.message()};
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return Error{path.string() + ": too many levels of symbolic links (a loop?)"};
}

struct WriteTarget {
  fs::path path;        // the file that gets the content (links resolved)
  bool exists = false;  // a regular file is there now
  struct stat st {};
};

Result<WriteTarget> writeTarget(const fs::path& path) {
  auto resolved = resolveLinks(path);
  if (!resolved) return resolved.error();
  WriteTarget t;
  t.path = *resolved;
  if (::stat(t.path.c_str(), &t.st) == 0) {
    if (!S_ISREG(t.st.st_mode)) {
      return Error{path.string() + ": is not a regular file (" + fileKind(t.st.st_mode) +
                   "); not replaced"};
    }
    t.exists = true;
  } else if (errno != ENOENT) {
    return Error{path.string() + ": " + std::strerror(errno)};
  }
  return t;
}

}  // namespace

std::string formatBytes(std::size_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  auto unit = [&](double scale, const char* name) {
    const double v = b / scale;
    if (v == static_cast<double>(static_cast<long long>(v))) {
      std::snprintf(buf, sizeof buf, "%lld %s", static_cast<long long>(v), name);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f %s", v, name);
    }
    return std::string(buf);
  };
  if (bytes >= (std::size_t{1} << 30)) return unit(1024.0 * 1024.0 * 1024.0, "GiB");
  if (bytes >= (std::size_t{1} << 20)) return unit(1024.0 * 1024.0, "MiB");
  if (bytes >= (std::size_t{1} << 10)) return unit(1024.0, "KiB");
  return std::to_string(bytes) + " bytes";
}

Result<std::string> readFile(const fs::path& path, std::size_t maxBytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It has no
  // effect on regular files, the only kind read.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (f.fd < 0) return Error{path.string() + ": cannot open: " + std::strerror(errno)};
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return Error{path.string() + ": " + std::strerror(errno)};
  if (S_ISDIR(st.st_mode)) return Error{path.string() + ": is a directory, not a file"};
  if (!S_ISREG(st.st_mode)) {
    return Error{path.string() + ": is not a regular file (" + fileKind(st.st_mode) + ")"};
  }
  const auto tooLarge = [&](std::size_t size) {
    return Error{path.string() + ": file too large: " + formatBytes(size) + " (the limit is " +
                 formatBytes(maxBytes) + ")"};
  };
  if (static_cast<std::uintmax_t>(st.st_size) > maxBytes) {
    return tooLarge(static_cast<std::size_t>(st.st_size));
  }
  auto readSome = [&](char* into, std::size_t n) -> ssize_t {
    while (true) {
      const ssize_t r = ::read(f.fd, into, n);
      if (r >= 0 || errno != EINTR) return r;
    }
  };
  const auto readError = [&] {
    return Error{path.string() + ": read error: " + std::strerror(errno)};
  };
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = readSome(out.data() + got, out.size() - got);
    if (n < 0) return readError();
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got < out.size()) {
    out.resize(got);  // the file shrank since fstat
    return out;
  }
  // Past the size fstat reported: the file grew, or it is a /proc file whose size reads as 0.
  char chunk[16384];
  while (true) {
    const ssize_t n = readSome(chunk, sizeof chunk);
    if (n < 0) return readError();
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > maxBytes) {
      return tooLarge(out.size() + static_cast<std::size_t>(n));
    }
    out.append(chunk, static_cast<std::size_t>(n));
  }
  return out;
}

Status checkAtomicWritable(const fs::path& path) {
  auto target = writeTarget(path);
  if (!target) return target.error();
  const fs::path dir = target->path.has_parent_path() ? target->path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{path.string() + ": directory " + dir.string() + " does not exist"};
  }
  // The real test: can a temporary file be made beside the target? (access(2) says yes to
  // root on a read-only file system or in /proc.)
  std::string tmpl = target->path.string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return Error{path.string() + ": cannot create a file in " + dir.string() + ": " +
                 std::strerror(errno)};
  }
  ::close(fd);
  ::unlink(tmpl.c_str());
  return {};
}

Result<AtomicFile> AtomicFile::create(const fs::path& path) {
  auto target = writeTarget(path);
  if (!target) return target.error();
  AtomicFile f;
  f.path_ = path;
  f.dest_ = target->path;
  f.existed_ = target->exists;
  f.mode_ = target->exists ? (target->st.st_mode & 07777) : 0644;
  f.uid_ = target->st.st_uid;
  f.gid_ = target->st.st_gid;
  std::error_code ec;
  const auto parent = f.dest_.parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return Error{parent.string() + ": cannot create directory: " + ec.message()};
  }
  std::string tmpl = f.dest_.string() + ".tmp.XXXXXX";
  f.fd_ = ::mkstemp(tmpl.data());
  if (f.fd_ < 0) {
    return Error{path.string() + ": cannot create temporary file: " + std::strerror(errno)};
  }
  f.temp_ = tmpl;
  return f;
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept {
  *this = std::move(o);
}

AtomicFile& AtomicFile::operator=(AtomicFile&& o) noexcept {
  if (this != &o) {
    discard();
    path_ = std::move(o.path_);
    dest_ = std::move(o.dest_);
    temp_ = std::move(o.temp_);
    fd_ = std::exchange(o.fd_, -1);
    existed_ = o.existed_;
    mode_ = o.mode_;
    uid_ = o.uid_;
    gid_ = o.gid_;
    o.temp_.clear();
  }
  return *this;
}

AtomicFile::~AtomicFile() {
  discard();
}

void AtomicFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

Status AtomicFile::write(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      discard();
      return Error{path_.string() + ": write failed: " + reason};
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return {};
}

Status AtomicFile::commit() {
  if (fd_ < 0 || temp_.empty()) return Error{path_.string() + ": nothing to commit"};
  auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    discard();
    return Status(Error{path_.string() + ": " + what + ": " + reason});
  };
  if (::fchmod(fd_, mode_) != 0) return fail("chmod failed");
  if (existed_ && ::geteuid() == 0) {
    // Root saving a user's file must not hand it to root. Failure is not fatal.
    (void)!::fchown(fd_, uid_, gid_);
  }
  // fsync flushes the file, whichever descriptor wrote it (an encoder may write by name).
  if (::fsync(fd_) != 0) return fail("fsync failed");
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return fail("close failed");
  if (std::rename(temp_.c_str(), dest_.c_str()) != 0) return fail("rename failed");
  temp_.clear();
  return {};
}

Status writeFileAtomic(const fs::path& path, std::string_view bytes) {
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  if (Status s = file->write(bytes); !s) return s;
  return file->commit();
}

}  // namespace sv
