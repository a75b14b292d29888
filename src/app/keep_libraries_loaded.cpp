// Sanitizer builds only (SV_SANITIZE, linked into the programs that create GL contexts):
// libraries are never unloaded, so LeakSanitizer's check at exit sees them.
//
// Why: eglTerminate / glfwTerminate unload Mesa's driver (swrast_dri.so) while blocks it
// allocated are still referenced from its own globals. Once the module is unmapped those
// blocks look leaked (240 bytes with llvmpipe), and their stacks show only
// "<unknown module>", which no suppression can name. With the driver kept mapped, its blocks
// stay reachable, and any real leak inside it is attributed to the library, where
// tests/lsan.supp suppresses that one library's leaks; leak checking stays on for the
// program's own code.
//
// How: this definition of dlclose(3) interposes the C library's (the executable comes first
// in symbol lookup) and leaves every library loaded until the process exits.
extern "C" int dlclose(void* /*handle*/) {
  return 0;
}
