// A process-wide file size limit for the scope of a test (RLIMIT_FSIZE), so that a write
// fails part-way as it would on a full disk: SIGXFSZ is ignored meanwhile, so the write
// returns EFBIG ("File too large") instead of killing the test. Both are restored on leaving.
// Tests run one per process (catch_discover_tests), so no other test shares the limit.
#pragma once

#include <signal.h>
#include <sys/resource.h>

namespace sv::test {

struct FileSizeLimit {
  rlimit old{};
  void (*oldHandler)(int) = nullptr;
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &old);
    oldHandler = signal(SIGXFSZ, SIG_IGN);
    rlimit r = old;
    r.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &r);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, oldHandler);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
};

}  // namespace sv::test
