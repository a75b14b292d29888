// GL error reporting. KHR_debug messages go to the log; messages of type ERROR, and any
// error glGetError reports at a checkpoint, are counted so tests can fail on them.
#pragma once

namespace sv::gldebug {

// Enables synchronous KHR_debug output when the context offers it. Returns whether it did.
bool install();
// Drains glGetError(); each error is logged with `where` and counted.
void check(const char* where);
int errorCount();
void resetErrorCount();

}  // namespace sv::gldebug
