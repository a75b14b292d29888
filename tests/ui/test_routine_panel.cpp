// The routine panel driven through ImGui without GL: its buttons issue the commands they
// name (found by hovering for the widget's id, then clicked), and drawing it — with a
// session playing and an export running — allocates nothing per frame.
#include <imgui.h>
#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include <optional>

#include "routines/book.h"
#include "support/alloc_count.h"
#include "support/scratch.h"
#include "ui/routine_panel.h"
#include "ui/style.h"
#include "ui/workspace.h"

namespace {

using sv::routines::EntrySide;

struct Panel {
  std::optional<sv::routines::RoutineBook> book;
  std::vector<sv::ui::RoutineRow> rows;
  sv::stretches::Stretch open;
  sv::ui::RoutinePanelUi ui;
  sv::ui::RoutinePanelView view;

  Panel() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280.0f, 720.0f);
    io.DeltaTime = 1.0f / 60.0f;
    sv::ui::applyStyle(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    // A store with one routine of two entries (no library: the book checks only the format).
    book.emplace(sv::routines::Store(sv::test::scratchDir("ui", "routine-panel")), nullptr);
    REQUIRE(book->createRoutine("After a run").ok());
    for (const char* id : {"hamstrings-supine-straight-leg", "quadriceps-prone-rectus-femoris"}) {
      sv::routines::RoutineEntry e;
      e.stretch = id;
      REQUIRE(book->addEntry(e).ok());
    }
    for (int i = 0; i < 2; ++i) {
      sv::ui::RoutineRow r;
      r.title = std::to_string(i + 1) + ". A stretch with a name long enough to wrap in the panel";
      r.detail = "Both sides · Passive static hold · Hold 30 s, repeat 2 times, once a day";
      rows.push_back(r);
    }
    open.name = "Hamstrings: straight-leg raise (supine)";
    view.book = &*book;
    view.rows = rows;
    view.openStretch = &open;
    view.openTechnique = "static";
    view.defaultHandoutPath = "/home/someone/Documents/after-a-run.pdf";
    view.defaultClipMp4Path = "/home/someone/Videos/after-a-run.mp4";
    view.defaultClipGifPath = "/home/someone/Videos/after-a-run.gif";
    view.rect = {8.0f, 27.0f, 300.0f, 685.0f};
  }
  ~Panel() { ImGui::DestroyContext(); }

  sv::ui::RoutinePanelCommands frame(ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    sv::ui::RoutinePanelCommands out;
    sv::ui::drawRoutinePanel(view, ui, out);
    ImGui::Render();
    return out;
  }

  // The id a widget labelled `label` has in the panel: at its top level, or in the
  // Stretches tab (inside PushID(row) when row >= 0).
  ImGuiID idOf(const char* label) {
    ImGuiWindow* w = ImGui::FindWindowByName("Routine###routinepanel");
    REQUIRE(w != nullptr);
    return ImHashStr(label, 0, w->ID);
  }
  ImGuiID idInList(const char* label, int row = -1) {
    const ImGuiID tab = ImHashStr("Stretches (2)###stretches", 0, idOf("##routinetabs"));
    const ImGuiID seed = row >= 0 ? ImHashData(&row, sizeof row, tab) : tab;
    return ImHashStr(label, 0, seed);
  }

  // Where the widget is: the first point of a grid over the panel that hovers it.
  std::optional<ImVec2> find(ImGuiID id) {
    for (float y = view.rect.y + 2; y < view.rect.bottom(); y += 3.0f) {
      for (float x = view.rect.x + 4; x < view.rect.right(); x += 10.0f) {
        frame(ImVec2(x, y), false);
        if (ImGui::GetCurrentContext()->HoveredId == id) return ImVec2(x, y);
      }
    }
    return std::nullopt;
  }

  sv::ui::RoutinePanelCommands click(ImVec2 at) {
    frame(at, false);
    frame(at, true);
    return frame(at, false);
  }
};

}  // namespace

TEST_CASE("routine panel: its buttons issue the commands they name") {
  Panel p;
  p.frame(ImVec2(-1, -1), false);
  p.frame(ImVec2(-1, -1), false);

  auto add = p.find(p.idInList("+ Add the open stretch"));
  REQUIRE(add);
  CHECK(p.click(*add).addOpenStretch);

  auto play = p.find(p.idOf("Play the routine"));
  REQUIRE(play);
  const auto started = p.click(*play);
  REQUIRE(started.startSession);
  CHECK(*started.startSession == 0);

  auto down = p.find(p.idInList("##down", 0));
  REQUIRE(down);
  const auto moved = p.click(*down);
  REQUIRE(moved.move);
  CHECK(moved.move->first == 0);
  CHECK(moved.move->second == 1);

  auto up = p.find(p.idInList("##up", 1));
  REQUIRE(up);
  const auto movedUp = p.click(*up);
  REQUIRE(movedUp.move);
  CHECK(movedUp.move->first == 1);
  CHECK(movedUp.move->second == 0);

  auto remove = p.find(p.idInList("x", 1));
  REQUIRE(remove);
  const auto removed = p.click(*remove);
  REQUIRE(removed.remove);
  CHECK(*removed.remove == 1);

  auto handout = p.find(p.idOf("Handout (PDF)…"));
  REQUIRE(handout);
  const auto exported = p.click(*handout);
  REQUIRE(exported.startExport);
  CHECK(exported.startExport->kind == sv::ui::ExportKind::Handout);
  CHECK(exported.startExport->path.empty());  // the default path

  auto clip = p.find(p.idOf("Clip (MP4/GIF)…"));
  REQUIRE(clip);
  const auto clipped = p.click(*clip);
  REQUIRE(clipped.startExport);
  CHECK(clipped.startExport->kind == sv::ui::ExportKind::Clip);
  CHECK(clipped.startExport->path == "/home/someone/Videos/after-a-run.mp4");
  CHECK(clipped.startExport->width == 1280);

  // While exporting: the buttons are disabled, Cancel cancels.
  p.view.exporting = true;
  p.view.exportProgress = 0.4f;
  p.view.exportText = "Clip: frame 12 of 30";
  p.frame(ImVec2(-1, -1), false);
  CHECK_FALSE(p.click(*clip).startExport);
  auto cancel = p.find(p.idOf("Cancel"));
  REQUIRE(cancel);
  CHECK(p.click(*cancel).cancelExport);

  // Session mode: Next and Stop.
  p.view.sessionActive = true;
  p.view.sessionLabel = "1 of 2 — A stretch";
  p.frame(ImVec2(-1, -1), false);
  auto next = p.find(p.idOf("Next"));
  REQUIRE(next);
  CHECK(p.click(*next).next);
  auto stop = p.find(p.idOf("Stop"));
  REQUIRE(stop);
  CHECK(p.click(*stop).stopSession);
}

TEST_CASE("routine panel: a dose edit is one command, made when the field is let go") {
  Panel p;
  p.frame(ImVec2(-1, -1), false);
  p.ui.selected = 0;  // the first stretch's dose editor is open
  p.frame(ImVec2(-1, -1), false);
  auto own = p.find(p.idInList("Own repetitions", 0));
  REQUIRE(own);
  const auto c = p.click(*own);
  REQUIRE(c.dose);
  CHECK(c.dose->first == 0);
  CHECK(c.dose->second.repetitions == 1);  // the technique's own, now the entry's
  CHECK_FALSE(c.dose->second.holdSeconds.has_value());
}

TEST_CASE("routine panel: drawing allocates nothing per frame") {
  Panel p;
  p.view.sessionActive = true;
  p.view.sessionPlaying = true;
  p.view.sessionLabel = "2 of 6 — Quadriceps / rectus femoris (prone) (left)";
  p.view.sessionProgress = 0.3f;
  p.view.exporting = true;
  p.view.exportProgress = 0.5f;
  p.view.exportText = "Handout: picture 6 of 12";
  p.view.notice = "Wrote /home/someone/Documents/after-a-run.pdf (4 pages)";
  p.ui.selected = 1;
  for (int i = 0; i < 3; ++i) p.frame(ImVec2(100, 300), false);
  long allocations = 0;
  {
    sv::test::AllocationCount count;
    for (int i = 0; i < 30; ++i) p.frame(ImVec2(100, 300 + static_cast<float>(i)), false);
    allocations = count.count();
  }
  CHECK(allocations == 0);
}

TEST_CASE("routine panel: View ▸ Routine shows it (the panels command)") {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280.0f, 720.0f);
  io.DeltaTime = 1.0f / 60.0f;
  sv::ui::applyStyle(1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  sv::stretches::Library library;
  std::vector<sv::ui::BrowserEntry> browser;
  sv::ui::GroupSelection selection;
  sv::stretches::ClientProfile profile;
  sv::ui::Settings settings;
  sv::ui::WorkspaceUiState ui;
  sv::ui::WorkspaceView view;
  view.library = &library;
  view.browser = &browser;
  view.selection = &selection;
  view.profile = &profile;
  view.settings = &settings;
  const auto frame = [&](ImVec2 mouse, bool down) {
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    sv::ui::WorkspaceCommands out;
    sv::ui::drawWorkspace(view, ui, out);
    ImGui::Render();
    return out;
  };
  const auto click = [&](ImVec2 at) {
    frame(at, false);
    frame(at, true);
    return frame(at, false);
  };
  frame(ImVec2(-1, -1), false);
  frame(ImVec2(-1, -1), false);
  click(ImVec2(30, 10));  // the View menu
  ImGuiWindow* menu = ImGui::FindWindowByName("##Menu_00");
  REQUIRE(menu != nullptr);
  const ImGuiID id = ImHashStr("Routine (over the left column)", 0, menu->ID);
  std::optional<ImVec2> at;
  for (float y = 24; y < 500 && !at; y += 4) {
    frame(ImVec2(60, y), false);
    if (ImGui::GetCurrentContext()->HoveredId == id) at = ImVec2(60, y);
  }
  REQUIRE(at);
  frame(*at, true);
  const auto out = frame(*at, false);
  REQUIRE(out.panels);
  CHECK(out.panels->showRoutine);
  ImGui::DestroyContext();
}
