#include "app/routine_desk.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <span>

#include <imgui.h>

#include "core/log.h"
#include "core/text.h"
#include "routines/session_plan.h"

namespace sv {
namespace {

std::string techniqueName(const stretches::Stretch& s, const std::string& id) {
  const stretches::Technique* t = s.technique(id);
  return t ? t->name : id;
}

const char* sideWords(routines::EntrySide s) {
  switch (s) {
    case routines::EntrySide::Left:
      return "Left side";
    case routines::EntrySide::Right:
      return "Right side";
    case routines::EntrySide::Both:
      return "Both sides";
  }
  return "";
}

}  // namespace

RoutineDesk::RoutineDesk(const stretches::Library& library, const anatomy::RomTable& rom,
                         std::optional<routines::Store> store)
    : library_(library), rom_(rom), pendingStore_(std::move(store)) {}

RoutineDesk::~RoutineDesk() {
  job_.reset();  // cancels a running export (its temporary file goes) before the stage goes
}

void RoutineDesk::ensureBook() {
  if (book_ || bookTried_) return;
  bookTried_ = true;
  if (!pendingStore_) {
    auto store = routines::Store::openUserStore();
    if (!store) {
      report(Error{"Routines cannot be stored: " + store.error().message});
      return;
    }
    pendingStore_ = std::move(*store);
  }
  book_.emplace(std::move(*pendingStore_), &library_);
  pendingStore_.reset();
  for (const std::string& p : book_->problems()) log::warn(p);
  rebuildRows();
}

void RoutineDesk::report(const Status& st) {
  if (st) return;
  notice_ = st.error().message;
  noticeIsError_ = true;
}

void RoutineDesk::rebuildRows() {
  rows_.clear();
  const routines::Routine* r = book_ ? book_->routine() : nullptr;
  if (r == nullptr) {
    refreshDefaultPaths();
    return;
  }
  for (std::size_t i = 0; i < r->entries.size(); ++i) {
    const routines::RoutineEntry& e = r->entries[i];
    ui::RoutineRow row;
    row.dose = routines::doseOf(e);
    row.side = e.side;
    const stretches::Stretch* s = library_.find(e.stretch);
    if (s == nullptr) {
      row.title = std::to_string(i + 1) + ". " + e.stretch + " (not in the library)";
      rows_.push_back(std::move(row));
      continue;
    }
    row.title = std::to_string(i + 1) + ". " + s->name;
    std::string dose;
    if (auto d = routines::effectiveDose(e, *s)) dose = routines::describeDose(*d);
    routines::RoutineEntry plain = e;
    plain.holdSeconds.reset();
    plain.repetitions.reset();
    if (auto d = routines::effectiveDose(plain, *s)) {
      row.hasHold = d->holdSeconds.has_value();
      row.defaultHold = d->holdSeconds.value_or(30.0f);
      row.defaultRepetitions = d->repetitions;
    }
    row.detail =
        std::string(sideWords(e.side)) + " · " + techniqueName(*s, e.technique) + " · " + dose;
    if (!e.notes.empty()) row.detail += " · “" + e.notes + "”";
    rows_.push_back(std::move(row));
  }
  refreshDefaultPaths();
}

void RoutineDesk::refreshDefaultPaths() {
  const routines::Routine* r = book_ ? book_->routine() : nullptr;
  const std::string id = r ? r->id : std::string("routine");
  defaultHandout_ = defaultExportPath(ExportRequest::Kind::Handout, id, ".pdf").string();
  defaultMp4_ = defaultExportPath(ExportRequest::Kind::Clip, id, ".mp4").string();
  defaultGif_ = defaultExportPath(ExportRequest::Kind::Clip, id, ".gif").string();
}

Status RoutineDesk::applyOptions(const Options& options, ui::Settings& settings) {
  if (!options.routinePanel) return {};
  settings.showRoutine = true;
  ensureBook();
  if (!book_) return Error{"--routine-panel: " + notice_};
  if (options.routinePanel->empty()) return {};
  if (Status st = book_->chooseRoutine(*options.routinePanel); !st) {
    return Error{"--routine-panel: " + st.error().message + " (" +
                 book_->store().routinesDir().string() + ")"};
  }
  rebuildRows();
  if (options.playRoutine) cmds_.startSession = 0;
  return {};
}

void RoutineDesk::draw(const session::Session& session, const ui::Settings& settings,
                       const ui::WorkspaceLayout* layout) {
  if (settings.showRoutine) ensureBook();
  ui::RoutinePanelView v;
  v.book = book();
  v.rows = rows_;
  v.openStretch = session.stretch();
  v.openSide = session.side();
  v.openTechnique = session.technique();
  v.sessionActive = player_.active();
  v.sessionFinished = player_.finished();
  v.sessionPlaying = session.player().playing();
  v.sessionLabel = player_.label();
  v.sessionNext = player_.changeoverText();
  v.changeoverSeconds = settings.changeoverSeconds;
  v.sessionProgress = player_.progress(session);
  if (player_.active()) v.sessionEntry = player_.plan().segments[player_.segment()].entry;
  if (job_) {
    v.exporting = job_->running();
    v.exportProgress = job_->progress();
    v.exportText = job_->progressText();
  }
  v.notice = notice_;
  v.noticeIsError = noticeIsError_;
  v.defaultHandoutPath = defaultHandout_.c_str();
  v.defaultClipMp4Path = defaultMp4_.c_str();
  v.defaultClipGifPath = defaultGif_.c_str();
  v.listing = listing_ ? &*listing_ : nullptr;
  v.listingFor = listingFor_;
  v.practitionerName = settings.practitionerName.c_str();
  v.clinic = settings.clinic.c_str();
  const ImGuiIO& io = ImGui::GetIO();
  const float em = ImGui::GetFontSize() / 16.0f;
  if (layout == nullptr) {
    ui::drawSessionBanner(v, ui::kGap * em, io.DisplaySize.y - ui::kGap * em,
                          io.DisplaySize.x * 0.4f);
    return;
  }
  if (!settings.showRoutine) return;
  // Over the left column; where that is hidden, a column of its width in its place.
  const ui::LayoutRect& g = layout->groups;
  const ui::LayoutRect& b = layout->browser;
  if (!g.empty() || !b.empty()) {
    const ui::LayoutRect& first = g.empty() ? b : g;
    const ui::LayoutRect& last = b.empty() ? g : b;
    v.rect = {first.x, first.y, std::max(g.w, b.w), last.bottom() - first.y};
  } else {
    const float w = std::min(settings.layout.leftWidth * em, io.DisplaySize.x * 0.4f);
    v.rect = {layout->gap, layout->top, w, io.DisplaySize.y - layout->top - layout->gap};
  }
  ui::drawRoutinePanel(v, ui_, cmds_);
}

RoutineDesk::Effects RoutineDesk::apply(session::Session& session, ui::Settings& settings) {
  Effects fx;
  ui::RoutinePanelCommands c = std::move(cmds_);
  cmds_ = {};
  if (settings.showRoutine) ensureBook();
  if (c.close) {
    settings.showRoutine = false;
    fx.settingsChanged = true;
  }
  if (!settings.showRoutine && player_.active()) c.stopSession = true;  // the panel went
  if (c.practitionerName) {
    settings.practitionerName = c.practitionerName->substr(0, ui::kMaxHeaderTextBytes);
    fx.settingsChanged = true;
  }
  if (c.clinic) {
    settings.clinic = c.clinic->substr(0, ui::kMaxHeaderTextBytes);
    fx.settingsChanged = true;
  }
  if (c.changeoverSeconds) {
    settings.changeoverSeconds =
        std::clamp(*c.changeoverSeconds, ui::kChangeoverRange[0], ui::kChangeoverRange[1]);
    fx.settingsChanged = true;
  }
  if (c.dismissNotice) notice_.clear();
  if (c.closeBrowser) listing_.reset();
  if (c.browse) {
    // Listed once per request (never while drawing): from the typed path, else the
    // default path's folder.
    const bool clip = c.browse->kind == ui::ExportKind::Clip;
    const std::filesystem::path fallback =
        std::filesystem::path(clip ? defaultMp4_ : defaultHandout_).parent_path();
    listing_ = ui::listFolder(ui::folderOf(c.browse->path, fallback),
                              clip ? std::span<const std::string_view>(ui::kClipExtensions)
                                   : std::span<const std::string_view>(ui::kHandoutExtensions));
    listingFor_ = c.browse->kind;
  }
  if (!book_) return fx;
  routines::RoutineBook& book = *book_;
  bool changed = false;
  const auto run = [&](const Status& st) {
    report(st);
    changed = true;
  };
  if (c.reload) {
    book.reload();
    changed = true;
  }
  if (c.createClient) {
    auto id = book.createClient(*c.createClient);
    run(id ? Status{} : Status{id.error()});
  }
  if (c.chooseClient) run(book.chooseClient(*c.chooseClient));
  if (c.createRoutine) {
    auto id = book.createRoutine(*c.createRoutine);
    run(id ? Status{} : Status{id.error()});
  }
  if (c.chooseRoutine) run(book.chooseRoutine(*c.chooseRoutine));
  if (c.renameRoutine) run(book.renameRoutine(*c.renameRoutine));
  if (c.clientDetails) {
    run(book.setClientDetails(c.clientDetails->name, c.clientDetails->notes));
    // The fields show what the book now holds: the cleaned name, or after a refused save
    // what is on disk (the notice says why).
    ui_.detailsFor.clear();
  }
  if (c.addOpenStretch) {
    if (const stretches::Stretch* s = session.stretch()) {
      routines::RoutineEntry e;
      e.stretch = s->id;
      e.side = session.side() == anatomy::Side::Left ? routines::EntrySide::Left
                                                     : routines::EntrySide::Right;
      e.technique = session.technique();
      run(book.addEntry(e));
    }
  }
  if (c.move) run(book.moveEntry(c.move->first, c.move->second));
  if (c.remove) run(book.removeEntry(*c.remove));
  if (c.dose) run(book.setDose(c.dose->first, c.dose->second));
  if (c.side) run(book.setSide(c.side->first, c.side->second));
  if (changed) rebuildRows();

  // Session mode.
  if (c.startSession) {
    if (const routines::Routine* r = book.routine()) {
      auto plan =
          routines::planSession(*r, library_, rom_, book.client(), {settings.changeoverSeconds});
      if (!plan) {
        report(plan.error());
      } else {
        std::size_t first = 0;
        while (first < plan->segments.size() && plan->segments[first].entry < *c.startSession) {
          ++first;
        }
        report(player_.start(session, std::move(*plan), *r, first));
        fx.stretchChanged = true;
        // The client's own body on the figure (their flexibility and measured ranges are in
        // the plan's profiles already).
        if (player_.active() && book.client() != nullptr) fx.clientBody = book.client()->body;
      }
    }
  }
  if (player_.active()) {
    if (c.next) {
      report(player_.next(session));
      fx.stretchChanged = true;
    }
    if (c.previous) {
      report(player_.previous(session));
      fx.stretchChanged = true;
    }
    if (c.togglePlay) {
      if (player_.finished()) {
        report(player_.go(session, 0));
        fx.stretchChanged = true;
      } else if (player_.inChangeover()) {
        player_.skipChangeover(session);  // the practitioner is ready: no need to wait
      } else {
        session.player().togglePlay();
      }
    }
    if (c.stopSession) {
      player_.stop(session);
      session.setProfile(ui::clientProfile(settings));
      fx.profileRestored = true;
      fx.clientBody = settings.clientBody;
    }
  }

  // Exports.
  if (c.cancelExport && job_) {
    job_->cancel();
    notice_ = job_->message();
    noticeIsError_ = false;
    job_.reset();
  }
  if (c.startExport && !busy()) startExport(*c.startExport, settings);
  return fx;
}

void RoutineDesk::startExport(const ui::RoutinePanelCommands::Export& e,
                              const ui::Settings& settings) {
  const routines::Routine* r = book_ ? book_->routine() : nullptr;
  if (r == nullptr) return;
  ExportRequest req;
  req.kind =
      e.kind == ui::ExportKind::Clip ? ExportRequest::Kind::Clip : ExportRequest::Kind::Handout;
  req.routine = *r;
  if (e.entry && *e.entry < r->entries.size()) {
    // One stretch of the routine: its dose and sides, the routine's name and client.
    req.routine.entries = {r->entries[*e.entry]};
  }
  if (const routines::Client* c = book_->client()) req.client = *c;
  std::string path = e.path;
  if (path.empty()) path = req.kind == ExportRequest::Kind::Clip ? defaultMp4_ : defaultHandout_;
  // "~/x.pdf" as a shell would read it.
  if (path.rfind("~/", 0) == 0) {
    if (const char* h = std::getenv("HOME"); h && *h) path = std::string(h) + path.substr(1);
  }
  req.path = path;
  req.author = {settings.practitionerName, settings.clinic, ""};
  req.paper = e.letter ? handout::Paper::Letter : handout::Paper::A4;
  req.width = e.width;
  req.height = e.height;
  req.captions = e.captions;
  if (!stage_) {
    // Created on the first export's first work() (the GL context is current there).
    pendingRequest_ = std::move(req);
    return;
  }
  auto job = ExportJob::create(std::move(req), *stage_, library_, rom_);
  if (!job) {
    report(job.error());
    return;
  }
  job_ = std::move(*job);
  notice_.clear();
}

bool RoutineDesk::advance(session::Session& session, float dt, float ownTime) {
  return player_.advance(session, dt, ownTime);
}

void RoutineDesk::work(GlLoader loader, double budgetSeconds) {
  if (pendingRequest_) {
    ExportRequest req = std::move(*pendingRequest_);
    pendingRequest_.reset();
    if (!stage_) {
      auto stage = Stage::create(loader);
      if (!stage) {
        report(Error{"Exports need an offscreen renderer: " + stage.error().message});
        return;
      }
      stage_ = std::move(*stage);
    }
    auto job = ExportJob::create(std::move(req), *stage_, library_, rom_);
    if (!job) {
      report(job.error());
      return;
    }
    job_ = std::move(*job);
    notice_.clear();
  }
  if (!job_) return;
  job_->step(budgetSeconds);
  if (!job_->running()) {
    notice_ = job_->message();
    noticeIsError_ = job_->state() == ExportJob::State::Failed;
    if (noticeIsError_) {
      log::error(notice_);
    } else {
      log::info(notice_);
    }
    job_.reset();
    refreshDefaultPaths();  // the next default does not name the file just written
  }
}

}  // namespace sv
