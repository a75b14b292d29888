// The app's side of the routine panel (ui/routine_panel.h): the user's store (through
// routines/book.h), session mode (session/routine_player.h) and the exports run from the
// panel (app/export_job.h), kept out of app.cpp. Per frame the app calls, in order:
//   draw()    — inside the ImGui frame, after the workspace: the panel (and the session
//               banner) from this frame's state; records the panel's commands;
//   apply()   — at the app's command sync point: applies them;
//   advance() — instead of Session::advance: plays the routine in session mode;
//   work()    — with the GL context current, before the window's scene is drawn: a slice
//               of a running export.
// The store is read the first time the panel is shown, so a run that never shows it never
// touches the user's data folder.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "anatomy/rom.h"
#include "app/cli.h"
#include "app/export_job.h"
#include "app/stage.h"
#include "render/renderer.h"
#include "routines/book.h"
#include "session/routine_player.h"
#include "session/session.h"
#include "stretches/library.h"
#include "ui/layout.h"
#include "ui/routine_panel.h"
#include "ui/settings.h"

namespace sv {

class RoutineDesk {
 public:
  // What apply() and advance() changed for the app to follow.
  struct Effects {
    bool stretchChanged = false;   // another stretch opened: meshes, framing, remembered stretch
    bool profileRestored = false;  // session mode ended: the settings' profile is back
    bool settingsChanged = false;  // `settings` was edited (panel shown, header texts)
    // The client figure's body for the app to take (not into the settings): the routine's
    // client's when session mode starts, the settings' own when it ends.
    std::optional<body::BodyShape> clientBody;
  };

  // `store` null: the user's store (core/paths.h userDataDir), opened when first needed.
  RoutineDesk(const stretches::Library& library, const anatomy::RomTable& rom,
              std::optional<routines::Store> store = std::nullopt);
  ~RoutineDesk();

  // The panel over the left column of `layout` (a column of the default width where that is
  // hidden) when settings.showRoutine; `layout` null (presenter mode): only the session
  // banner, in the lower left. Session mode needs the panel: closing it ends the session.
  void draw(const session::Session& session, const ui::Settings& settings,
            const ui::WorkspaceLayout* layout);
  // --routine-panel [ID] and --play-routine. Error: no routine ID in the store.
  Status applyOptions(const Options& options, ui::Settings& settings);
  Effects apply(session::Session& session, ui::Settings& settings);
  // Commands from elsewhere (tests, the command line) go through here too.
  ui::RoutinePanelCommands& commands() { return cmds_; }

  // Per frame, instead of session.advance(dt, ownTime). True when another stretch opened.
  bool advance(session::Session& session, float dt, float ownTime);
  // A slice of the running export (about `budgetSeconds`), in the current GL context.
  void work(GlLoader loader, double budgetSeconds);
  // Something runs that needs frames without input (an export).
  bool busy() const { return pendingRequest_.has_value() || (job_ && job_->running()); }

  // State, for the app and tests.
  routines::RoutineBook* book() { return book_ ? &*book_ : nullptr; }
  const session::RoutinePlayer& player() const { return player_; }
  const ExportJob* job() const { return job_.get(); }
  const std::string& notice() const { return notice_; }
  bool noticeIsError() const { return noticeIsError_; }
  const std::vector<ui::RoutineRow>& rows() const { return rows_; }
  const ui::FolderListing* listing() const { return listing_ ? &*listing_ : nullptr; }
  ui::RoutinePanelUi& panelUi() { return ui_; }  // what is typed and open (tests, captures)

  // Opens the store when it is not open yet (the panel's first showing).
  void ensureBook();

 private:
  void rebuildRows();
  void report(const Status& st);
  void startExport(const ui::RoutinePanelCommands::Export& e, const ui::Settings& settings);
  void refreshDefaultPaths();

  const stretches::Library& library_;
  const anatomy::RomTable& rom_;
  std::optional<routines::Store> pendingStore_;
  std::optional<routines::RoutineBook> book_;
  bool bookTried_ = false;
  std::vector<ui::RoutineRow> rows_;
  ui::RoutinePanelUi ui_;
  ui::RoutinePanelCommands cmds_;
  session::RoutinePlayer player_;
  std::unique_ptr<Stage> stage_;
  std::unique_ptr<ExportJob> job_;
  std::optional<ExportRequest> pendingRequest_;  // started before the stage exists
  std::string notice_;
  bool noticeIsError_ = false;
  std::string defaultHandout_, defaultMp4_, defaultGif_;
  std::optional<ui::FolderListing> listing_;  // the panel's path chooser, when open
  ui::ExportKind listingFor_ = ui::ExportKind::Handout;
};

}  // namespace sv
