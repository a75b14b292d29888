#include "app/export_job.h"

#include <cstdio>
#include <ctime>

#include "app/export.h"
#include "core/file_io.h"
#include "core/paths.h"
#include "core/text.h"
#include "muscles/muscle_set.h"
#include "routines/ids.h"
#include "routines/session_plan.h"
#include "session/cast.h"
#include "session/session.h"

namespace sv {

struct ExportJob::Work {
  session::Cast cast;
  std::unique_ptr<session::Session> session;
  routines::SessionPlan plan;
  session::SceneOptions scene;
  // Handout.
  handout::Handout handout;
  std::vector<handout::PictureMoment> moments;
  // Clip.
  std::unique_ptr<clip::ClipPipeline> writer;  // encodes on its worker thread
  bool finishing = false;  // every frame submitted; the worker flushes and renames
  int frames = 0;
  std::size_t openSegment = static_cast<std::size_t>(-1);
  OrbitState view;
};

Result<std::unique_ptr<ExportJob>> ExportJob::create(ExportRequest request, Stage& stage,
                                                     const stretches::Library& library,
                                                     const anatomy::RomTable& rom) {
  if (request.routine.entries.empty()) return Error{"the routine has no stretches"};
  if (request.path.empty()) return Error{"no file to write"};
  std::error_code ec;
  const auto parent =
      request.path.has_parent_path() ? request.path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(parent, ec)) {
    return Error{escapeForTerminal("folder " + parent.string() + " does not exist")};
  }
  if (std::filesystem::is_directory(request.path, ec)) {
    return Error{escapeForTerminal(request.path.string() + " is a folder")};
  }
  if (Status st = checkAtomicWritable(request.path); !st) return st.error();
  if (request.kind == ExportRequest::Kind::Clip) {
    auto format = clip::formatForPath(request.path);
    if (!format) return Error{"a clip's file must end in .mp4 or .gif"};
    clip::ClipOptions co;
    co.format = *format;
    co.width = request.width;
    co.height = request.height;
    if (Status st = clip::checkClipOptions(co); !st) return st.error();
  }
  return std::unique_ptr<ExportJob>(new ExportJob(std::move(request), stage, library, rom));
}

ExportJob::ExportJob(ExportRequest request, Stage& stage, const stretches::Library& library,
                     const anatomy::RomTable& rom)
    : request_(std::move(request)), stage_(stage), library_(library), rom_(rom) {}

ExportJob::~ExportJob() {
  if (running()) cancel();
}

float ExportJob::progress() const {
  return total_ > 0 ? static_cast<float>(done_) / static_cast<float>(total_) : 0.0f;
}

void ExportJob::cancel() {
  if (!running()) return;
  if (work_ && work_->writer) work_->writer->cancel();
  work_.reset();
  state_ = State::Cancelled;
  message_ = request_.kind == ExportRequest::Kind::Clip ? "Clip cancelled: nothing was written"
                                                        : "Handout cancelled: nothing was written";
}

void ExportJob::fail(const std::string& why) {
  if (work_ && work_->writer) work_->writer->cancel();
  work_.reset();
  state_ = State::Failed;
  message_ = (request_.kind == ExportRequest::Kind::Clip ? "Clip not written: "
                                                         : "Handout not written: ") +
             why;
}

void ExportJob::updateText() {
  if (request_.kind == ExportRequest::Kind::Clip) {
    const int frames = work_ ? work_->frames : 0;
    std::snprintf(progressText_, sizeof progressText_, "Clip: frame %d of %d (%d:%02d)", done_,
                  frames, frames / clip::kFramesPerSecond / 60,
                  frames / clip::kFramesPerSecond % 60);
  } else {
    std::snprintf(progressText_, sizeof progressText_, "Handout: picture %d of %d", done_,
                  total_ - 1);
  }
}

void ExportJob::step(double budgetSeconds) {
  if (!running()) return;
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  do {
    yield_ = false;
    Status st = prepared_ ? unit() : prepare();
    if (!st) {
      fail(st.error().message);
      return;
    }
    if (!running() || yield_) return;
  } while (std::chrono::duration<double>(clock::now() - start).count() < budgetSeconds);
}

Status ExportJob::prepare() {
  prepared_ = true;
  work_ = std::make_unique<Work>();
  Work& w = *work_;
  const routines::Client* client = request_.client ? &*request_.client : nullptr;
  std::string warning;
  if (Status st = w.cast.load(body::defaultBodyPath(), std::nullopt,
                              client ? client->body : body::defaultClientShape(),
                              body::defaultPractitionerShape(), &warning);
      !st) {
    return st;
  }
  w.session = std::make_unique<session::Session>(library_, rom_, w.cast);
  if (auto set = muscles::loadMuscleSet(muscles::defaultMusclePath())) {
    (void)w.session->setMuscleSet(std::move(*set));  // without it: no heat map, still a picture
  }
  (void)w.session->takeProblems();
  auto plan = routines::planSession(request_.routine, library_, rom_, client);
  if (!plan) return plan.error();
  if (plan->segments.empty()) return Error{"the routine has no stretches"};
  w.plan = std::move(*plan);
  if (request_.kind == ExportRequest::Kind::Handout) {
    handout::Author author = request_.author;
    if (author.date.empty()) author.date = routines::todayIsoDate();
    auto h = handout::handoutFromRoutine(request_.routine, library_, client, author);
    if (!h) return h.error();
    w.handout = std::move(*h);
    w.moments = handout::pictureMoments(w.plan);
    w.scene.forceArrows = false;  // client-facing pictures
    total_ = 2 * static_cast<int>(std::min(w.moments.size(), w.handout.stretches.size())) + 1;
  } else {
    clip::ClipOptions co;
    co.format = *clip::formatForPath(request_.path);
    co.width = request_.width;
    co.height = request_.height;
    auto writer = clip::ClipPipeline::open(request_.path, co);
    if (!writer) return writer.error();
    w.writer = std::move(*writer);
    w.frames = clip::framesFor(w.plan.total);
    total_ = w.frames + 1;
  }
  updateText();
  return {};
}

Status ExportJob::unit() {
  Work& w = *work_;
  session::Session& ses = *w.session;
  if (request_.kind == ExportRequest::Kind::Handout) {
    if (done_ + 1 < total_) {
      const std::size_t i = static_cast<std::size_t>(done_ / 2);
      const bool end = done_ % 2 == 1;
      const handout::PictureMoment& m = w.moments[i];
      if (!end) {
        if (Status st = openSegment(ses, library_, w.plan.segments[m.segment]); !st) return st;
        w.view = pictureView(ses, static_cast<float>(kHandoutPictureWidth) /
                                      static_cast<float>(kHandoutPictureHeight));
      }
      ses.player().seek(end ? m.endTime : m.startTime);
      ses.evaluate();
      auto image = stage_.render(ses, w.scene, w.view, kHandoutPictureWidth, kHandoutPictureHeight);
      if (!image) return image.error();
      handout::Picture& pic = end ? w.handout.stretches[i].end : w.handout.stretches[i].start;
      pic = {image->width, image->height, std::move(image->rgba)};
      ++done_;
      updateText();
      return {};
    }
    handout::Layout layout;
    if (Status st = handout::writePdf(w.handout, request_.paper, request_.path, &layout); !st) {
      return st;
    }
    ++done_;
    state_ = State::Written;
    message_ = "Wrote " + request_.path.string() + " (" + std::to_string(layout.pages) +
               (layout.pages == 1 ? " page)" : " pages)");
    work_.reset();
    return {};
  }
  if (done_ < w.frames) {
    const float t = static_cast<float>(done_) / static_cast<float>(clip::kFramesPerSecond);
    const auto pos = w.plan.at(t);
    const float aspect = static_cast<float>(request_.width) / static_cast<float>(request_.height);
    if (pos->segment != w.openSegment) {
      if (Status st = openSegment(ses, library_, w.plan.segments[pos->segment]); !st) return st;
      w.openSegment = pos->segment;
      w.view = pictureView(ses, aspect);
    }
    ses.player().seek(pos->local);
    ses.evaluate();
    // Rendered straight into a slot of the encoder's ring: acquire() returns at once unless
    // the encoder is a whole ring behind, and an error the worker met on an earlier frame
    // comes back from it.
    auto slot = w.writer->acquire();
    if (!slot) return slot.error();
    if (Status st = stage_.renderInto(ses, w.scene, w.view, request_.width, request_.height, *slot);
        !st) {
      return st;
    }
    if (request_.captions) {
      if (Status st = clip::drawCaption(*slot, request_.width, request_.height, 0, captionFor(ses));
          !st) {
        return st;
      }
    }
    w.writer->commit();
    ++done_;
    updateText();
    return {};
  }
  // The encoder's flush (its look-ahead frames), the index and the rename run on the worker;
  // the window's frames go on meanwhile, each step only asking whether it is done.
  if (!w.finishing) {
    w.writer->beginFinish();
    w.finishing = true;
  }
  // A few milliseconds at most per step: the window's frame goes on.
  const std::optional<Status> finished = w.writer->pollFinish(0.005);
  if (!finished) {
    yield_ = true;
    return {};
  }
  if (!*finished) return *finished;
  ++done_;
  state_ = State::Written;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", static_cast<double>(w.frames) / clip::kFramesPerSecond);
  message_ = "Wrote " + request_.path.string() + " (" + secs + " s, " +
             std::to_string(request_.width) + "x" + std::to_string(request_.height) + ")";
  work_.reset();
  return {};
}

std::filesystem::path defaultExportPath(ExportRequest::Kind kind, const std::string& routineId,
                                        const std::string& extension) {
  const std::filesystem::path folder =
      userFolder(kind == ExportRequest::Kind::Clip ? UserFolder::Videos : UserFolder::Documents);
  const std::string stem = routineId.empty() ? "routine" : routineId;
  std::filesystem::path p = folder / (stem + extension);
  std::error_code ec;
  for (int n = 2;
       std::filesystem::symlink_status(p, ec).type() != std::filesystem::file_type::not_found &&
       n < 1000;
       ++n) {
    p = folder / (stem + "-" + std::to_string(n) + extension);
  }
  return p;
}

}  // namespace sv
