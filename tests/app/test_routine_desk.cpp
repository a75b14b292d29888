// The routine panel from the app's side: exports run a slice at a time (progress, Cancel,
// nothing left behind), and the headless app plays a routine in session mode and exports
// from the panel's commands, in its own GL context, while its frames go on.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>

#include "app/app.h"
#include "app/context.h"
#include "app/export_job.h"
#include "app/routine_desk.h"
#include "app/stage.h"
#include "core/paths.h"
#include "render/gl_debug.h"
#include "routines/routine.h"
#include "routines/store.h"
#include "session/cast.h"
#include "session/session.h"
#include "stretches/library.h"
#include "support/clip_decode.h"
#include "support/file_size_limit.h"
#include "support/scratch.h"

namespace fs = std::filesystem;

namespace {

struct Content {
  sv::anatomy::RomTable rom;
  sv::stretches::Library library;
  Content() {
    auto r = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
    REQUIRE(r.ok());
    rom = std::move(*r);
    library = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), rom).library;
  }
};

sv::routines::Routine example(const sv::stretches::Library& library) {
  auto r = sv::routines::loadRoutineFile(sv::dataDir() / "assets" / "routines" / "after-a-run.json",
                                         {&library, nullptr});
  REQUIRE(r.ok());
  return *r.value;
}

// A short routine: one stretch, one side, one 5 s hold (a few seconds of clip).
sv::routines::Routine shortRoutine(const sv::stretches::Library& library) {
  sv::routines::Routine r = example(library);
  r.entries.resize(1);
  r.entries[0].side = sv::routines::EntrySide::Right;
  r.entries[0].holdSeconds = 5.0f;
  r.entries[0].repetitions = 1;
  return r;
}

int entriesIn(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

struct Gl {
  std::unique_ptr<sv::GlContext> context;
  std::unique_ptr<sv::Stage> stage;
  Gl() {
    sv::gldebug::resetErrorCount();
    auto ctx = sv::createHeadlessContext(64, 64);
    REQUIRE(ctx.ok());
    context = std::move(*ctx);
    auto s = sv::Stage::create(context->loader());
    REQUIRE(s.ok());
    stage = std::move(*s);
  }
};

}  // namespace

TEST_CASE("export job: a handout a picture at a time, its progress rising to the PDF") {
  Content c;
  Gl gl;
  const fs::path dir = sv::test::scratchDir("desk", "handout");
  sv::ExportRequest req;
  req.kind = sv::ExportRequest::Kind::Handout;
  req.routine = example(c.library);
  req.routine.entries.resize(2);
  req.path = dir / "handout.pdf";
  req.author = {"Jo Okafor", "Riverside Physio", "2024-03-12"};
  auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
  REQUIRE(job.ok());
  float last = -1.0f;
  int steps = 0;
  while ((*job)->running() && steps < 100) {
    (*job)->step(0.0);  // one unit per step
    ++steps;
    CHECK((*job)->progress() >= last);
    last = (*job)->progress();
    if ((*job)->running()) CHECK_FALSE(fs::exists(req.path));  // nothing before the end
  }
  INFO((*job)->message());
  REQUIRE((*job)->state() == sv::ExportJob::State::Written);
  CHECK((*job)->unitsTotal() == 2 * 2 + 1);  // two pictures per entry, then the PDF
  CHECK(steps == 1 + 5);                     // preparing, then the units
  CHECK((*job)->progress() == 1.0f);
  CHECK((*job)->message().find("Wrote " + req.path.string()) == 0);
  CHECK(fs::file_size(req.path) > 10000);
  CHECK(entriesIn(dir) == 1);
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("export job: a cancelled clip leaves nothing behind, the old file as it was") {
  Content c;
  Gl gl;
  const fs::path dir = sv::test::scratchDir("desk", "clip-cancel");
  sv::ExportRequest req;
  req.kind = sv::ExportRequest::Kind::Clip;
  req.routine = example(c.library);
  req.width = 160;
  req.height = 90;
  for (const char* name : {"clip.mp4", "clip.gif"}) {
    req.path = dir / name;
    auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
    REQUIRE(job.ok());
    for (int i = 0; i < 12; ++i) (*job)->step(0.0);
    CHECK((*job)->running());
    CHECK((*job)->unitsDone() == 11);
    CHECK((*job)->progress() > 0.0f);
    CHECK(std::strstr((*job)->progressText(), "frame 11 of ") != nullptr);
    CHECK(entriesIn(dir) == 1);  // the temporary file being encoded
    (*job)->cancel();
    CHECK((*job)->state() == sv::ExportJob::State::Cancelled);
    CHECK(entriesIn(dir) == 0);
    (*job)->step(1.0);  // no-op once cancelled
    CHECK(entriesIn(dir) == 0);
  }
  // Over an existing file: cancelled (or dropped while running), the file is untouched.
  req.path = dir / "old.mp4";
  sv::test::writeText(req.path, "the clip from last week");
  {
    auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
    REQUIRE(job.ok());
    for (int i = 0; i < 5; ++i) (*job)->step(0.0);
    CHECK(entriesIn(dir) == 2);
  }  // destroyed while running: cancels
  CHECK(entriesIn(dir) == 1);
  CHECK(sv::test::readText(req.path) == "the clip from last week");
}

TEST_CASE(
    "export job: the encoder's error (a refused write, no folder to write in) fails the job") {
  Content c;
  Gl gl;
  const fs::path dir = sv::test::scratchDir("desk", "clip-error");
  sv::ExportRequest req;
  req.kind = sv::ExportRequest::Kind::Clip;
  req.routine = example(c.library);
  req.width = 320;
  req.height = 180;
  req.path = dir / "full.mp4";
  {
    // The worker's writes fail part-way (as on a full disk): the job's status says so.
    auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
    REQUIRE(job.ok());
    sv::test::FileSizeLimit limit(16 * 1024);
    for (int i = 0; i < 2000 && (*job)->running(); ++i) (*job)->step(0.0);
    INFO((*job)->message());
    REQUIRE((*job)->state() == sv::ExportJob::State::Failed);
    CHECK((*job)->message().find("Clip not written: " + req.path.string() + ": writing failed") ==
          0);
    CHECK((*job)->message().find("File too large") != std::string::npos);
    CHECK(entriesIn(dir) == 0);
  }
  // The folder replaced by a file between the request and the first step (where the
  // encoder opens): refused there, by name.
  const fs::path gone = dir / "gone";
  fs::create_directories(gone);
  req.path = gone / "clip.gif";
  auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
  REQUIRE(job.ok());
  fs::remove(gone);
  sv::test::writeText(gone, "not a folder");
  (*job)->step(0.0);
  REQUIRE((*job)->state() == sv::ExportJob::State::Failed);
  INFO((*job)->message());
  CHECK((*job)->message().find("Clip not written: ") == 0);
  CHECK((*job)->message().find(gone.string()) != std::string::npos);
  CHECK(sv::test::readText(gone) == "not a folder");
  fs::remove(gone);
  CHECK(entriesIn(dir) == 0);
}

TEST_CASE("export job: a short routine's clip is written whole, at 30 fps") {
  Content c;
  Gl gl;
  const fs::path dir = sv::test::scratchDir("desk", "clip-written");
  sv::ExportRequest req;
  req.kind = sv::ExportRequest::Kind::Clip;
  req.routine = shortRoutine(c.library);
  req.path = dir / "short.mp4";
  req.width = 64;
  req.height = 36;
  req.captions = false;
  auto plan = sv::routines::planSession(req.routine, c.library, c.rom);
  REQUIRE(plan.ok());
  auto job = sv::ExportJob::create(req, *gl.stage, c.library, c.rom);
  REQUIRE(job.ok());
  for (int i = 0; i < 100000 && (*job)->running(); ++i) (*job)->step(0.05);
  INFO((*job)->message());
  REQUIRE((*job)->state() == sv::ExportJob::State::Written);
  const sv::test::Decoded d = sv::test::decode(req.path);
  CHECK(static_cast<int>(d.frames.size()) == sv::clip::framesFor(plan->total));
  CHECK(d.width == 64);
  CHECK(entriesIn(dir) == 1);
}

TEST_CASE("export job: bad requests are refused before any work") {
  Content c;
  Gl gl;
  const fs::path dir = sv::test::scratchDir("desk", "refused");
  sv::ExportRequest req;
  req.routine = example(c.library);
  req.path = dir / "no-such-folder" / "x.pdf";
  CHECK_FALSE(sv::ExportJob::create(req, *gl.stage, c.library, c.rom).ok());
  req.path = dir;
  CHECK_FALSE(sv::ExportJob::create(req, *gl.stage, c.library, c.rom).ok());
  req.kind = sv::ExportRequest::Kind::Clip;
  req.path = dir / "x.avi";
  CHECK_FALSE(sv::ExportJob::create(req, *gl.stage, c.library, c.rom).ok());
  req.path = dir / "x.mp4";
  req.width = 101;  // odd: MP4 needs even sides
  CHECK_FALSE(sv::ExportJob::create(req, *gl.stage, c.library, c.rom).ok());
  req.width = 160;
  req.routine.entries.clear();
  CHECK_FALSE(sv::ExportJob::create(req, *gl.stage, c.library, c.rom).ok());
  CHECK(entriesIn(dir) == 0);
}

TEST_CASE("export paths: the documents or videos folder, a free name") {
  const fs::path home = std::getenv("HOME");  // the test's own (support/isolated_home.cpp)
  CHECK(sv::defaultExportPath(sv::ExportRequest::Kind::Handout, "after-a-run", ".pdf") ==
        home / "after-a-run.pdf");
  sv::test::writeText(home / "after-a-run.pdf", "x");
  CHECK(sv::defaultExportPath(sv::ExportRequest::Kind::Handout, "after-a-run", ".pdf") ==
        home / "after-a-run-2.pdf");
  fs::remove(home / "after-a-run.pdf");
}

TEST_CASE("headless app: the routine panel plays a routine and exports from its commands") {
  Content c;
  // The store of this test's own XDG data folder, with the example routine in it.
  // Its client has a body of their own: session mode puts it on the figure.
  const sv::routines::Store store(sv::userDataDir());
  sv::routines::Client client;
  client.id = "ines-duarte";
  client.name = "Inês Duarte";
  client.body.sex = 0.0f;
  client.body.height = 1.58f;
  REQUIRE(store.saveClient(client).ok());
  sv::routines::Routine routine = example(c.library);
  routine.client = client.id;
  REQUIRE(store.saveRoutine(routine, &c.library).ok());
  sv::gldebug::resetErrorCount();
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.routinePanel = "after-a-run";
  o.playRoutine = true;
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  sv::App& a = **app;
  for (int i = 0; i < 3; ++i) a.runFrame();
  sv::RoutineDesk& desk = a.routineDesk();
  REQUIRE(desk.book() != nullptr);
  REQUIRE(desk.player().active());
  CHECK(std::string(desk.player().label()).rfind("1 of 6 — ", 0) == 0);
  REQUIRE(a.currentStretch() != nullptr);
  CHECK(a.currentStretch()->id == "hamstrings-supine-straight-leg");
  CHECK(a.player().playing());
  CHECK(desk.rows().size() == 6);
  REQUIRE(a.session().cast().client() != nullptr);
  CHECK(a.session().cast().client()->shape() == client.body);
  CHECK(a.settings().clientBody != client.body);  // the workspace's own body stays saved

  // The client's details from the panel: saved to their file; the pause between stretches
  // into the settings.
  desk.commands().clientDetails = {" Inês Duarte-Silva ", "Prefers morning sessions."};
  desk.commands().changeoverSeconds = 2.0f;
  a.runFrame();
  INFO(desk.notice());
  REQUIRE(desk.book()->client() != nullptr);
  CHECK(desk.book()->client()->name == "Inês Duarte-Silva");
  const sv::routines::StoreLoad reread = store.load(&c.library);
  REQUIRE(reread.client(client.id) != nullptr);
  CHECK(reread.client(client.id)->notes == "Prefers morning sessions.");
  CHECK(reread.client(client.id)->body == client.body);
  CHECK(a.settings().changeoverSeconds == 2.0f);

  desk.commands().next = true;
  a.runFrame();
  CHECK(desk.player().segment() == 1);
  CHECK(std::string(desk.player().label()).find("(left)") != std::string::npos);

  // A handout from the panel: the frames go on while it is made, a slice per frame.
  const fs::path dir = sv::test::scratchDir("desk", "app-export");
  sv::ui::RoutinePanelCommands::Export e;
  e.kind = sv::ui::ExportKind::Handout;
  e.path = (dir / "after-a-run.pdf").string();
  desk.commands().startExport = e;
  int frames = 0;
  a.runFrame();
  CHECK(desk.busy());
  while (desk.busy() && frames < 400) {
    a.runFrame();
    ++frames;
  }
  INFO(desk.notice());
  CHECK(frames > 3);  // not in one go
  REQUIRE(fs::exists(dir / "after-a-run.pdf"));
  CHECK_FALSE(desk.noticeIsError());
  CHECK(desk.notice().find("Wrote " + (dir / "after-a-run.pdf").string()) == 0);

  // The path chooser: Browse from a typed path lists its folder (the handout is there),
  // a folder entry goes in, Close closes.
  fs::create_directories(dir / "older");
  desk.commands().browse = {sv::ui::ExportKind::Handout, (dir / "next.pdf").string()};
  a.runFrame();
  REQUIRE(desk.listing() != nullptr);
  CHECK(desk.listing()->folder == fs::absolute(dir).lexically_normal());
  CHECK(desk.listing()->entries ==
        std::vector<sv::ui::FolderEntry>{{"older", true}, {"after-a-run.pdf", false}});
  desk.commands().browse = {sv::ui::ExportKind::Clip, (dir / "older").string()};
  a.runFrame();
  REQUIRE(desk.listing() != nullptr);
  CHECK(desk.listing()->folder == fs::absolute(dir / "older").lexically_normal());
  CHECK(desk.listing()->entries.empty());
  desk.commands().closeBrowser = true;
  a.runFrame();
  CHECK(desk.listing() == nullptr);
  fs::remove(dir / "older");

  // A clip, cancelled from the panel: nothing is left.
  e.kind = sv::ui::ExportKind::Clip;
  e.path = (dir / "after-a-run.mp4").string();
  e.width = 320;
  e.height = 180;
  e.entry = 2;  // "Only the selected stretch": the third alone
  desk.commands().startExport = e;
  for (int i = 0; i < 4; ++i) a.runFrame();
  REQUIRE(desk.job() != nullptr);
  CHECK(desk.job()->unitsDone() > 0);
  REQUIRE(desk.job()->request().routine.entries.size() == 1);
  CHECK(desk.job()->request().routine.entries[0] == example(c.library).entries[2]);
  desk.commands().cancelExport = true;
  a.runFrame();
  CHECK_FALSE(desk.busy());
  CHECK(desk.notice().find("cancelled") != std::string::npos);
  CHECK(entriesIn(dir) == 1);  // the handout only

  // Session mode still on, and the window's own picture still draws the studio.
  CHECK(desk.player().active());
  const sv::Image img = a.renderer().capture();
  CHECK(sv::gldebug::errorCount() == 0);
  const glm::u8vec4 centre = img.at(640, 360);
  CHECK(static_cast<int>(centre.r) + centre.g + centre.b > 150);  // the lit studio, not black

  // Stop: session mode ends.
  desk.commands().stopSession = true;
  a.runFrame();
  CHECK_FALSE(desk.player().active());
  CHECK(a.session().cast().client()->shape() == a.settings().clientBody);  // the workspace's
}

// Not run by ctest ([.]): how the window fares while exporting from the panel.
//   build/release/tests/app/test_app "[measure]"
TEST_CASE("measure: window frames while the panel exports a 1280x720 clip", "[.][measure]") {
  Content c;
  const sv::routines::Store store(sv::userDataDir());
  REQUIRE(store.saveRoutine(example(c.library), &c.library).ok());
  sv::Options o;
  o.headless = true;
  o.routinePanel = "after-a-run";
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  sv::App& a = **app;
  for (int i = 0; i < 3; ++i) a.runFrame();
  sv::RoutineDesk& desk = a.routineDesk();
  const fs::path dir = sv::test::scratchDir("desk", "measure");
  for (auto [kind, name] : {std::pair{sv::ui::ExportKind::Clip, "m.mp4"},
                            std::pair{sv::ui::ExportKind::Handout, "m.pdf"}}) {
    sv::ui::RoutinePanelCommands::Export e;
    e.kind = kind;
    e.path = (dir / name).string();
    desk.commands().startExport = e;
    const auto p0 = std::chrono::steady_clock::now();
    a.runFrame();  // the command; the job prepares (bodies, plan) in its first slice
    const double prepare =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
    a.runFrame();
    WARN(name << ": the frame that starts the export (stage, bodies, plan): " << prepare << " s");
    const auto t0 = std::chrono::steady_clock::now();
    const int units0 = desk.job() ? desk.job()->unitsDone() : 0;
    int frames = 0;
    while (desk.busy() && frames < 90) {
      a.runFrame();
      ++frames;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int units = desk.job() ? desk.job()->unitsDone() - units0 : -1;
    WARN(name << ": " << frames << " window frames in " << s << " s = " << frames / s << " fps; "
              << units << " units (-1: finished)");
    desk.commands().cancelExport = true;
    a.runFrame();
  }
}

// Not run by ctest ([.]): screenshots of the panel to look at, in
// <tmp>/sv_test_desk_<pid>/look/ (entries, a dose being edited, the export options, an
// export running).
TEST_CASE("look: the routine panel at 1280x720", "[.][look]") {
  Content c;
  const sv::routines::Store store(sv::userDataDir());
  REQUIRE(store.saveRoutine(example(c.library), &c.library).ok());
  sv::Options o;
  o.headless = true;
  o.routinePanel = "after-a-run";
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  sv::App& a = **app;
  const fs::path dir = sv::test::scratchDir("desk", "look");
  sv::RoutineDesk& desk = a.routineDesk();
  const auto shot = [&](const char* name) {
    for (int i = 0; i < 3; ++i) a.runFrame();
    REQUIRE(a.writeScreenshot(dir / name).ok());
  };
  desk.panelUi().selected = 1;
  desk.commands().startSession = 1;
  shot("dose.png");
  desk.panelUi().showTab = 1;
  shot("options.png");
  desk.commands().browse = {sv::ui::ExportKind::Clip, dir.string()};
  shot("chooser.png");
  desk.commands().closeBrowser = true;
  sv::ui::RoutinePanelCommands::Export e;
  e.kind = sv::ui::ExportKind::Clip;
  e.path = (dir / "x.mp4").string();
  desk.commands().startExport = e;
  for (int i = 0; i < 20; ++i) a.runFrame();
  shot("exporting.png");
  desk.commands().cancelExport = true;
  shot("cancelled.png");
  e.kind = sv::ui::ExportKind::Handout;
  e.path = (dir / "one.pdf").string();
  e.entry = 1;
  desk.commands().startExport = e;
  a.runFrame();  // the command is applied in the frame
  for (int i = 0; i < 40 && desk.busy(); ++i) a.runFrame();
  desk.panelUi().showTab = 0;
  shot("written.png");
  WARN("screenshots in " << dir);
}

// The window's renderer and an export's Stage share one GL context: neither may draw with
// the other's state (the skinning palettes' uniform block binding is the context's).
TEST_CASE("two renderers in one context draw independently") {
  Content c;
  Gl gl;  // stage 1
  sv::session::Cast cast;
  REQUIRE(cast.load(sv::body::defaultBodyPath(), std::nullopt, sv::body::defaultClientShape(),
                    sv::body::defaultPractitionerShape(), nullptr)
              .ok());
  sv::session::Session session(c.library, c.rom, cast);
  const auto* s = c.library.find("hamstrings-supine-straight-leg");
  REQUIRE(s != nullptr);
  REQUIRE(session.open(static_cast<int>(s - c.library.stretches.data()), s->side, "").ok());
  const sv::OrbitState view = sv::pictureView(session, 16.0f / 9.0f);
  const auto at = [&](sv::Stage& stage, float t) {
    session.player().seek(t);
    session.evaluate();
    auto img = stage.render(session, {}, view, 320, 180);
    REQUIRE(img.ok());
    return std::move(img->rgba);
  };
  const auto first = at(*gl.stage, 0.0f);
  (void)at(*gl.stage, 20.0f);  // so the next 0 s picture is drawn again, not kept
  auto second = sv::Stage::create(gl.context->loader());
  REQUIRE(second.ok());
  (void)at(**second, 40.0f);
  const auto again = at(*gl.stage, 0.0f);
  CHECK(sv::test::psnr(first, again) > 50.0);
  CHECK(sv::gldebug::errorCount() == 0);
}
