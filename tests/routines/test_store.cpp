// The store: loading with bad files beside good ones, atomic saves, never writing over a file
// it could not read, and never the user's real folders.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/paths.h"
#include "routine_support.h"
#include "routines/ids.h"
#include "routines/store.h"

namespace sv::routines::test {
namespace {

bool anyContains(const std::vector<std::string>& lines, const std::string& what) {
  for (const auto& l : lines) {
    if (l.find(what) != std::string::npos) return true;
  }
  return false;
}

// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(const char* n, const char* value) : name(n) {
    if (const char* v = std::getenv(n)) old = v;
    if (value) {
      ::setenv(n, value, 1);
    } else {
      ::unsetenv(n);
    }
  }
  ~ScopedEnv() {
    if (old) {
      ::setenv(name.c_str(), old->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
};

}  // namespace

TEST_CASE("the user's store lives in the test's own XDG data folder") {
  // The harness (tests/support/isolated_home.cpp) points XDG_DATA_HOME at a temporary folder:
  // the store the program would open is inside it, never the real ~/.local/share.
  const char* xdg = std::getenv("XDG_DATA_HOME");
  REQUIRE(xdg);
  auto store = Store::openUserStore();
  REQUIRE(store.ok());
  CHECK(store->root() == fs::path(xdg) / "stretchviz");
  CHECK(store->routinesDir() == fs::path(xdg) / "stretchviz" / "routines");
  const fs::path home = std::getenv("HOME");
  CHECK(fs::path(xdg).string().rfind(home.string(), 0) == 0);  // the temporary HOME's

  {  // A relative XDG_DATA_HOME is invalid (XDG spec) and ignored: HOME's default applies.
    ScopedEnv relative("XDG_DATA_HOME", "data");
    CHECK(userDataDir() == home / ".local" / "share" / "stretchviz");
  }
  {
    ScopedEnv noXdg("XDG_DATA_HOME", nullptr);
    ScopedEnv noHome("HOME", nullptr);
    CHECK(userDataDir().empty());
    CHECK_FALSE(Store::openUserStore().ok());
  }
}

TEST_CASE("a store round-trips clients and routines through its folders, atomically") {
  const Store store(scratch("roundtrip"));
  const Client c = fullClient();
  Routine r = exampleRoutine();
  r.client = c.id;
  REQUIRE(store.saveClient(c).ok());
  REQUIRE(store.saveRoutine(r, &library()).ok());
  CHECK(fs::exists(store.clientPath(c.id)));
  CHECK(fs::exists(store.routinePath(r.id)));
  // Only the files themselves: no temporary file is left beside them.
  CHECK(filesIn(store.clientsDir()) == 1);
  CHECK(filesIn(store.routinesDir()) == 1);
  const StoreLoad load = store.load(&library());
  INFO((load.errors.empty() ? std::string() : load.errors.front()));
  CHECK(load.ok());
  CHECK(load.warnings.empty());
  REQUIRE(load.clients.size() == 1);
  REQUIRE(load.routines.size() == 1);
  CHECK(load.clients[0] == c);
  CHECK(load.routines[0] == r);
  CHECK(load.client(c.id) == &load.clients[0]);
  CHECK(load.routine(r.id) == &load.routines[0]);
  // Saving again replaces the file (it loads) with the new content.
  r.name = "After a long run";
  REQUIRE(store.saveRoutine(r, &library()).ok());
  CHECK(store.load(&library()).routines[0].name == "After a long run");
}

TEST_CASE("one bad file is reported with its position and the others still load") {
  const Store store(scratch("bad-files"));
  REQUIRE(store.saveClient(fullClient()).ok());
  Client other = fullClient();
  other.id = "alex";
  other.name = "Alex";
  REQUIRE(store.saveClient(other).ok());
  Routine r = exampleRoutine();
  REQUIRE(store.saveRoutine(r, &library()).ok());
  r.id = "evening";
  r.client = "nobody";
  REQUIRE(store.saveRoutine(r, &library()).ok());

  // A client with a trailing comma, a routine naming a stretch the library lacks, a routine
  // of the wrong format and a folder named like a file.
  const std::string badClient = "{\"format\": \"stretchviz-client\", \"version\": 1,}";
  writeText(store.clientPath("broken"), badClient);
  std::string badRoutine = serializeRoutine(exampleRoutine());
  const std::size_t at = badRoutine.find("soleus-supine-knee-bent");
  badRoutine.replace(at, 23, "soleus-stretch");
  badRoutine.replace(badRoutine.find("\"after-a-run\""), 13, "\"typo\"");
  writeText(store.routinePath("typo"), badRoutine);
  writeText(store.routinePath("wrong-format"),
            "{\"format\": \"stretchviz-stretch\", \"version\": 1, \"id\": \"wrong-format\", "
            "\"name\": \"W\", \"entries\": []}");
  fs::create_directories(store.routinePath("folder"));

  const StoreLoad load = store.load(&library());
  CHECK_FALSE(load.ok());
  CHECK(load.clients.size() == 2);
  CHECK(load.routines.size() == 2);
  CHECK(load.routine("after-a-run"));
  CHECK(load.routine("evening"));
  CHECK(load.refused.size() == 4);
  const std::string clientFile = store.clientPath("broken").string();
  CHECK(anyContains(load.errors, clientFile + ":" + placeOf(badClient, "}") + ": malformed JSON"));
  CHECK(anyContains(load.errors, store.routinePath("typo").string() + ":" +
                                     placeOf(badRoutine, "\"soleus-stretch\"") +
                                     ": /entries/4/stretch: unknown stretch \"soleus-stretch\""));
  CHECK(anyContains(load.errors, store.routinePath("wrong-format").string() + ":1:12: /format: "
                                                                              "expected "
                                                                              "\"stretchviz-"
                                                                              "routine\""));
  CHECK(anyContains(load.errors,
                    store.routinePath("folder").string() + ": is a directory, not a file"));
  // The routine naming a client that is not there loads, with a warning.
  CHECK(anyContains(load.warnings, "/client: warning: no client \"nobody\" is loaded"));
}

TEST_CASE("the store never writes over a file it could not read") {
  const Store store(scratch("no-overwrite"));
  const std::string broken =
      "{\"format\": \"stretchviz-routine\", \"version\": 1, \"id\": "
      "\"after-a-run\", \"name\": \"Mine\", \"entries\": [{]}";
  writeText(store.routinePath("after-a-run"), broken);
  const Status s = store.saveRoutine(exampleRoutine(), &library());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("not replaced: the file there does not load") != std::string::npos);
  CHECK(s.error().message.find("malformed JSON") != std::string::npos);
  CHECK(readText(store.routinePath("after-a-run")) == broken);

  // A file valid on its own but failing against the library is not replaced either.
  std::string unknown = serializeRoutine(exampleRoutine());
  unknown.replace(unknown.find("hip-flexors-thomas"), 18, "hip-flexor-lunge");
  writeText(store.routinePath("after-a-run"), unknown);
  CHECK_FALSE(store.saveRoutine(exampleRoutine(), &library()).ok());
  CHECK(readText(store.routinePath("after-a-run")) == unknown);

  // Nor a client file that is not one (a FIFO would block a naive reader).
  fs::create_directories(store.clientsDir());
  REQUIRE(::mkfifo(store.clientPath("sam-rivera").c_str(), 0644) == 0);
  const Status fifo = store.saveClient(fullClient());
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.error().message.find("is not a regular file") != std::string::npos);
  CHECK(fs::is_fifo(store.clientPath("sam-rivera")));
}

TEST_CASE("what would not load back is never saved") {
  const Store store(scratch("refuse-invalid"));
  Routine r = exampleRoutine();
  r.entries[0].technique = "crac";
  r.entries[0].stretch = "piriformis-supine-cross-body";  // offers no CRAC
  const Status s = store.saveRoutine(r, &library());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("would not load back") != std::string::npos);
  CHECK(s.error().message.find("does not offer the technique \"crac\"") != std::string::npos);
  CHECK_FALSE(fs::exists(store.routinePath(r.id)));
  Client c = fullClient();
  c.id = "../escape";
  CHECK_FALSE(store.saveClient(c).ok());
  CHECK_FALSE(fs::exists(store.root() / "escape.json"));
  c.id = "ok";
  c.measurements[0].date = "yesterday";
  CHECK_FALSE(store.saveClient(c).ok());
  CHECK_FALSE(fs::exists(store.clientPath("ok")));
}

TEST_CASE("new ids come from the name and skip files that exist, loaded or not") {
  const Store store(scratch("ids"));
  CHECK(store.newRoutineId("After a run") == "after-a-run");
  writeText(store.routinePath("after-a-run"), "not json");
  CHECK(store.newRoutineId("After a run") == "after-a-run-2");
  writeText(store.routinePath("after-a-run-2"), "{}");
  CHECK(store.newRoutineId("After a run") == "after-a-run-3");
  CHECK(store.newClientId("!!!") == "client");
  CHECK(isValidId(store.newClientId(std::string(100, 'x'))));
}

}  // namespace sv::routines::test
