// Counts this thread's calls of the global operator new while an AllocationCount is alive, to
// check that per-frame code paths allocate nothing. The test binary replaces operator new and
// delete (alloc_count.cpp) with malloc/free plus the count. ImGui's own allocations go through
// its allocator (malloc) and are not counted: only the project's std containers and strings.
#pragma once

namespace sv::test {

class AllocationCount {
 public:
  AllocationCount();
  ~AllocationCount();
  AllocationCount(const AllocationCount&) = delete;
  AllocationCount& operator=(const AllocationCount&) = delete;

  long count() const;  // operator new calls since construction
};

}  // namespace sv::test
