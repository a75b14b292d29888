#include "support/alloc_count.h"

#include <cstdlib>
#include <new>

namespace {
thread_local long g_allocations = 0;
thread_local int g_counting = 0;

void* allocate(std::size_t size) {
  if (g_counting > 0) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
// Every unaligned form is replaced, so no allocation is freed by another allocator's delete
// (AddressSanitizer checks that pairing).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (g_counting > 0) ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace sv::test {

AllocationCount::AllocationCount() {
  ++g_counting;
  g_allocations = 0;
}
AllocationCount::~AllocationCount() {
  --g_counting;
}
long AllocationCount::count() const {
  return g_allocations;
}

}  // namespace sv::test
