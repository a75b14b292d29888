#include "app/export.h"

#include <cmath>
#include <ctime>
#include <ostream>

#include "app/context.h"
#include "app/stage.h"
#include "clip/clip.h"
#include "core/text.h"
#include "handout/from_routine.h"
#include "handout/handout.h"
#include "muscles/muscle_set.h"
#include "routines/client.h"
#include "routines/routine.h"
#include "routines/session_plan.h"
#include "stretches/library.h"

namespace sv {
namespace {

// Pictures of the handout: 4:3, about two pixels per point of their box (handout.h).

std::string today() {
  char buf[16];
  const std::time_t now = std::time(nullptr);
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&now));
  return buf;
}

// Everything an export draws with: the library, the two bodies (the client's shape from the
// client file), a session with muscles, and a stage in a headless GL context.
struct Studio {
  std::unique_ptr<GlContext> context;
  std::unique_ptr<Stage> stage;
  anatomy::RomTable rom;
  stretches::Library library;
  session::Cast cast;
  std::unique_ptr<session::Session> session;
};

Status openStudio(Studio& s, const routines::Client* client, std::ostream& err) {
  auto ctx = createHeadlessContext(64, 64);
  if (!ctx) return ctx.error();
  s.context = std::move(*ctx);
  auto stage = Stage::create(s.context->loader());
  if (!stage) return stage.error();
  s.stage = std::move(*stage);
  auto rom = anatomy::loadRomTable(stretches::defaultRomPath());
  if (!rom) return rom.error();
  s.rom = std::move(*rom);
  auto lib = stretches::loadLibrary(stretches::defaultStretchDir(), s.rom);
  s.library = std::move(lib.library);
  for (const std::string& e : lib.report.errors) err << "stretchviz: error: " << e << "\n";
  std::string warning;
  Status st = s.cast.load(body::defaultBodyPath(), std::nullopt,
                          client ? client->body : body::defaultClientShape(),
                          body::defaultPractitionerShape(), &warning);
  if (!warning.empty()) err << "stretchviz: warning: " << warning << "\n";
  if (!st) return st;
  s.session = std::make_unique<session::Session>(s.library, s.rom, s.cast);
  auto set = muscles::loadMuscleSet(muscles::defaultMusclePath());
  if (set) {
    (void)s.session->setMuscleSet(std::move(*set));
  } else {
    err << "stretchviz: warning: muscle paths: " << escapeForTerminal(set.error().message)
        << " (pictures without the heat map)\n";
  }
  for (const std::string& p : s.session->takeProblems()) {
    err << "stretchviz: warning: " << p << "\n";
  }
  return {};
}

int indexOf(const stretches::Library& library, const stretches::Stretch* s) {
  return static_cast<int>(s - library.stretches.data());
}

int fail(std::ostream& err, const std::string& what) {
  err << "stretchviz: error: " << what << "\n";
  return 1;
}

// The client file (its body shapes the cast), its warnings printed; `ok` false on errors.
std::optional<routines::Client> loadClient(const Options& o, std::ostream& err, bool& ok) {
  ok = true;
  if (!o.client) return std::nullopt;
  auto c = routines::loadClientFile(*o.client);
  for (const std::string& e : c.errors) err << "stretchviz: error: " << e << "\n";
  for (const std::string& w : c.warnings) err << "stretchviz: warning: " << w << "\n";
  if (!c.ok()) {
    ok = false;
    return std::nullopt;
  }
  return std::move(*c.value);
}

// The routine, checked against the library, its warnings printed.
std::optional<routines::Routine> loadRoutine(const Options& o, const stretches::Library& library,
                                             std::ostream& err) {
  routines::RoutineContext ctx;
  ctx.library = &library;
  auto r = routines::loadRoutineFile(*o.routine, ctx);
  for (const std::string& e : r.errors) err << "stretchviz: error: " << e << "\n";
  for (const std::string& w : r.warnings) err << "stretchviz: warning: " << w << "\n";
  if (!r.ok()) return std::nullopt;
  return std::move(*r.value);
}

int runHandout(const Options& o, std::ostream& err) {
  bool clientOk = true;
  const auto loadedClient = loadClient(o, err, clientOk);
  if (!clientOk) return 1;
  const routines::Client* client = loadedClient ? &*loadedClient : nullptr;
  Studio studio;
  if (Status st = openStudio(studio, client, err); !st) return fail(err, st.error().message);
  auto routine = loadRoutine(o, studio.library, err);
  if (!routine) return 1;
  auto plan = routines::planSession(*routine, studio.library, studio.rom, client);
  if (!plan) return fail(err, plan.error().message);
  auto h = handout::handoutFromRoutine(
      *routine, studio.library, client,
      {o.practitionerName, o.clinic, o.date.empty() ? today() : o.date});
  if (!h) return fail(err, h.error().message);
  // Client-facing pictures: both figures, the heat map on the target, no force arrows.
  session::SceneOptions scene;
  scene.forceArrows = false;
  const auto moments = handout::pictureMoments(*plan);
  session::Session& ses = *studio.session;
  for (std::size_t i = 0; i < moments.size() && i < h->stretches.size(); ++i) {
    const routines::PlanSegment& seg = plan->segments[moments[i].segment];
    if (Status st = openSegment(ses, studio.library, seg); !st)
      return fail(err, st.error().message);
    const OrbitState view = pictureView(
        ses, static_cast<float>(kHandoutPictureWidth) / static_cast<float>(kHandoutPictureHeight));
    for (const auto& [time, picture] : {std::pair{moments[i].startTime, &h->stretches[i].start},
                                        std::pair{moments[i].endTime, &h->stretches[i].end}}) {
      ses.player().seek(time);
      ses.evaluate();
      auto image =
          studio.stage->render(ses, scene, view, kHandoutPictureWidth, kHandoutPictureHeight);
      if (!image) return fail(err, image.error().message);
      *picture = {image->width, image->height, std::move(image->rgba)};
    }
  }
  const handout::Paper paper = o.paper == "letter" ? handout::Paper::Letter : handout::Paper::A4;
  handout::Layout layout;
  if (Status st = handout::writePdf(*h, paper, *o.handout, &layout); !st) {
    return fail(err, st.error().message);
  }
  err << "stretchviz: info: wrote " << o.handout->string() << " (" << layout.pages << " page"
      << (layout.pages == 1 ? "" : "s") << ", " << h->stretches.size() << " stretches)\n";
  return 0;
}

int runClip(const Options& o, std::ostream& err, clip::PipelineStats* stats) {
  bool clientOk = true;
  const auto loadedClient = loadClient(o, err, clientOk);
  if (!clientOk) return 1;
  const routines::Client* client = loadedClient ? &*loadedClient : nullptr;
  clip::ClipOptions co;
  co.format = *clip::formatForPath(*o.clip);
  co.width = o.width;
  co.height = o.height;
  if (Status st = clip::checkClipOptions(co); !st)
    return fail(err, "--clip: " + st.error().message);
  Studio studio;
  if (Status st = openStudio(studio, client, err); !st) return fail(err, st.error().message);
  session::Session& ses = *studio.session;
  // What plays: one stretch's technique, or the routine's segments one after the other.
  std::optional<routines::SessionPlan> plan;
  float duration = 0.0f;
  if (o.routine) {
    auto routine = loadRoutine(o, studio.library, err);
    if (!routine) return 1;
    auto p = routines::planSession(*routine, studio.library, studio.rom, client);
    if (!p) return fail(err, p.error().message);
    if (p->segments.empty()) return fail(err, "--clip: the routine has no stretches");
    plan = std::move(*p);
    duration = plan->total;
  } else {
    const stretches::Stretch* s = studio.library.find(o.stretchId);
    if (s == nullptr) {
      return fail(err, "--stretch: no stretch '" + o.stretchId +
                           "' in the library (stretchviz --list shows them)");
    }
    const anatomy::Side side = o.side.empty()     ? s->side
                               : o.side == "left" ? anatomy::Side::Left
                                                  : anatomy::Side::Right;
    if (Status st = ses.open(indexOf(studio.library, s), side, o.technique); !st) {
      return fail(err, "--technique: " + st.error().message);
    }
    duration = ses.timeline()->timeline.duration();
  }
  // --time and --duration choose a part.
  const float start = o.time.value_or(0.0f);
  if (start >= duration) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "--time: %g s is at or past the end (%.1f s)",
                  static_cast<double>(start), static_cast<double>(duration));
    return fail(err, buf);
  }
  const float length = std::min(o.duration.value_or(duration - start), duration - start);
  const float aspect = static_cast<float>(co.width) / static_cast<float>(co.height);
  OrbitState view = pictureView(ses, aspect);
  std::size_t openSegmentIndex = static_cast<std::size_t>(-1);
  session::SceneOptions scene;
  std::string problem;
  const int frames = clip::framesFor(length);
  // Rendered straight into the encoder's ring (no copy, nothing allocated per frame).
  const auto source = [&](int i, std::uint8_t* rgba) -> Status {
    const float t = start + static_cast<float>(i) / static_cast<float>(clip::kFramesPerSecond);
    float local = t;
    if (plan) {
      const auto pos = plan->at(t);
      if (pos->segment != openSegmentIndex) {
        if (Status st = openSegment(ses, studio.library, plan->segments[pos->segment]); !st) {
          return st;
        }
        openSegmentIndex = pos->segment;
        view = pictureView(ses, aspect);
      }
      local = pos->local;
    }
    ses.player().seek(local);
    ses.evaluate();
    if (Status st = studio.stage->renderInto(ses, scene, view, co.width, co.height, rgba); !st) {
      return st;
    }
    if (o.captions) {
      if (Status st = clip::drawCaption(rgba, co.width, co.height, 0, captionFor(ses)); !st) {
        return st;
      }
    }
    return {};
  };
  int lastTenth = -1;
  const auto progress = [&](int done, int total) {
    const int tenth = done * 10 / std::max(total, 1);
    if (tenth != lastTenth) {
      lastTenth = tenth;
      err << "stretchviz: info: clip " << tenth * 10 << " % (" << done << " of " << total
          << " frames)\n";
    }
    return true;
  };
  auto written = clip::exportClipInto(*o.clip, co, frames, source, progress, stats);
  if (!written) return fail(err, written.error().message);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", static_cast<double>(frames) / clip::kFramesPerSecond);
  err << "stretchviz: info: wrote " << o.clip->string() << " (" << frames << " frames, " << secs
      << " s, " << co.width << "x" << co.height << ")\n";
  return 0;
}

}  // namespace

Status openSegment(session::Session& session, const stretches::Library& library,
                   const routines::PlanSegment& seg) {
  session.setCycleCount(seg.dose.repetitions);
  session.setProfile(seg.profile);
  return session.open(indexOf(library, seg.stretch), seg.side, seg.technique);
}

clip::Caption captionFor(const session::Session& session) {
  clip::Caption c;
  const stretches::StretchTimeline* tl = session.timeline();
  if (tl == nullptr || tl->timeline.phaseCount() == 0) return c;
  const animation::Player& player = session.player();
  const stretches::Phase& ph = tl->phaseText(std::max(player.phaseIndex(), 0));
  c.headline = std::string(stretches::phaseTitle(ph.kind));
  if (!ph.cue.empty()) c.headline += " — " + ph.cue;
  c.detail = ph.client;
  c.countdown = static_cast<int>(std::ceil(player.remainingInPhase() - 1e-3f));
  switch (ph.kind) {  // the workspace's phase colours, in sRGB
    case stretches::PhaseKind::Move:
      c.accent = {84, 140, 204};
      break;
    case stretches::PhaseKind::Hold:
      c.accent = {61, 158, 158};
      break;
    case stretches::PhaseKind::Contract:
      c.accent = {230, 148, 51};
      break;
    case stretches::PhaseKind::Relax:
      c.accent = {115, 179, 107};
      break;
    case stretches::PhaseKind::AgonistContract:
      c.accent = {163, 115, 204};
      break;
    case stretches::PhaseKind::Return:
      c.accent = {128, 133, 143};
      break;
  }
  return c;
}

std::optional<int> runExportCommand(const Options& o, std::ostream& err,
                                    clip::PipelineStats* clipStats) {
  if (o.handout) return runHandout(o, err);
  if (o.clip) return runClip(o, err, clipStats);
  return std::nullopt;
}

}  // namespace sv
