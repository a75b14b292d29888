// The workspace driven frame by frame through ImGui without GL (ImGui needs no renderer to
// lay out and answer input): dragging a panel's inner edge resizes it live and stores the size
// through the panels command on release; a double-click restores the default; the frame path
// allocates nothing, at rest, while dragging and while searching the muscle groups.
#include <imgui.h>
#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include <vector>

#include "support/alloc_count.h"
#include "anatomy/rom.h"
#include "stretches/library.h"
#include "ui/layout.h"
#include "ui/style.h"
#include "ui/workspace.h"

namespace {

struct Workspace {
  sv::stretches::Library library;
  std::vector<sv::ui::BrowserEntry> browser;
  sv::ui::GroupSelection selection;
  sv::stretches::ClientProfile profile;
  sv::ui::Settings settings;
  sv::ui::WorkspaceUiState ui;
  sv::ui::WorkspaceView view;
  int commandsWithPanels = 0;

  Workspace() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280.0f, 720.0f);
    io.DeltaTime = 1.0f / 60.0f;
    sv::ui::applyStyle(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no texture needed
    settings.lastStretch = "a-stretch-id-longer-than-any-small-string-buffer";
    settings.selectedGroups = {"hamstrings", "calves"};
    view.library = &library;
    view.browser = &browser;
    view.selection = &selection;
    view.profile = &profile;
    view.settings = &settings;
  }
  ~Workspace() { ImGui::DestroyContext(); }

  // One frame with the mouse at `mouse`, the left button up or down; applies the panels command
  // the way the app does and returns the commands.
  sv::ui::WorkspaceCommands frame(ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    sv::ui::WorkspaceCommands out;
    sv::ui::drawWorkspace(view, ui, out);
    ImGui::Render();
    if (out.panels) {
      settings = *out.panels;
      ++commandsWithPanels;
    }
    return out;
  }

  sv::ui::WorkspaceLayout layout() const {
    sv::ui::LayoutInput in;
    in.width = 1280.0f;
    in.height = 720.0f;
    in.fontSize = ImGui::GetFontSize();
    in.menuHeight = ImGui::GetFrameHeight();
    in.sizes = settings.layout;
    return sv::ui::computeLayout(in);
  }
};

ImVec2 centreOf(const sv::ui::LayoutRect& r) {
  return ImVec2(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
}

float windowWidth(const char* name) {
  const ImGuiWindow* w = ImGui::FindWindowByName(name);
  return w ? w->Size.x : -1.0f;
}
float windowHeight(const char* name) {
  const ImGuiWindow* w = ImGui::FindWindowByName(name);
  return w ? w->Size.y : -1.0f;
}

}  // namespace

TEST_CASE("workspace: dragging the left column's edge resizes it live and stores the width") {
  Workspace ws;
  const ImVec2 away(640.0f, 400.0f);
  for (int i = 0; i < 3; ++i) ws.frame(away, false);
  CHECK(windowWidth("Muscle groups") == 300.0f);
  CHECK(windowWidth("Stretch details") == 360.0f);

  const ImVec2 grab = centreOf(ws.layout().splitters[0]);  // Splitter::Left
  ws.frame(grab, false);
  ws.frame(grab, false);
  CHECK(ImGui::GetIO().WantCaptureMouse);  // the camera does not orbit from the grab area
  CHECK(ImGui::GetMouseCursor() == ImGuiMouseCursor_ResizeEW);
  ws.frame(grab, true);
  REQUIRE(ws.ui.dragging == sv::ui::Splitter::Left);
  for (float dx : {20.0f, 60.0f, 100.0f}) {
    const auto out = ws.frame(ImVec2(grab.x + dx, grab.y + 30.0f), true);
    CHECK_FALSE(out.panels);  // nothing is stored while dragging
  }
  // The panels follow live: the browser below the groups too, and the viewport shrinks.
  ws.frame(ImVec2(grab.x + 100.0f, grab.y), true);
  CHECK(windowWidth("Muscle groups") == 400.0f);
  CHECK(windowWidth("###stretches") == 400.0f);
  CHECK(ws.settings.layout.leftWidth == 300.0f);
  CHECK(sv::ui::workspaceLayout(ws.view, ws.ui).centre.x == 400.0f + 16.0f);  // for the app

  const auto released = ws.frame(ImVec2(grab.x + 100.0f, grab.y), false);
  REQUIRE(released.panels);
  CHECK(released.panels->layout.leftWidth == 400.0f);
  CHECK(released.panels->layout.rightWidth == 360.0f);
  CHECK(released.panels->lastStretch == ws.settings.lastStretch);  // the rest is unchanged
  CHECK_FALSE(ws.ui.dragging);
  ws.frame(away, false);
  CHECK(windowWidth("Muscle groups") == 400.0f);

  // A drag past the limit stops where the viewport keeps its minimum width.
  const ImVec2 grab2 = centreOf(ws.layout().splitters[0]);
  CHECK(grab2.x == grab.x + 100.0f);
  ws.frame(grab2, false);
  ws.frame(grab2, true);
  ws.frame(ImVec2(grab2.x + 900.0f, grab2.y), true);
  ws.frame(ImVec2(grab2.x + 900.0f, grab2.y), false);
  CHECK(ws.layout().centre.w == Approx(0.3f * 1280.0f));

  // A double-click on the edge restores the default width.
  const ImVec2 grab3 = centreOf(ws.layout().splitters[0]);
  ws.frame(grab3, false);
  ws.frame(grab3, true);
  ws.frame(grab3, false);
  ws.frame(grab3, true);
  ws.frame(grab3, false);
  CHECK(ws.settings.layout.leftWidth == 300.0f);
  ws.frame(away, false);
  CHECK(windowWidth("Muscle groups") == 300.0f);
}

TEST_CASE("workspace: the edge between two right panels trades their heights") {
  Workspace ws;
  const ImVec2 away(640.0f, 400.0f);
  for (int i = 0; i < 3; ++i) ws.frame(away, false);
  const float gauge = windowHeight("Target range");
  const float profile = windowHeight("Client profile");
  const ImVec2 grab = centreOf(ws.layout().splitters[4]);  // Splitter::RightLower
  ws.frame(grab, false);
  CHECK(ImGui::GetMouseCursor() == ImGuiMouseCursor_ResizeNS);
  ws.frame(grab, true);
  ws.frame(ImVec2(grab.x, grab.y - 50.0f), true);
  ws.frame(ImVec2(grab.x, grab.y - 50.0f), false);
  REQUIRE(ws.settings.layout.gaugeHeight);
  REQUIRE(ws.settings.layout.profileHeight);
  ws.frame(away, false);
  CHECK(windowHeight("Target range") == Approx(gauge - 50.0f).margin(1.0f));
  CHECK(windowHeight("Client profile") == Approx(profile + 50.0f).margin(1.0f));
}

TEST_CASE("workspace: a frame allocates nothing, at rest, while dragging or searching groups") {
  Workspace ws;
  const ImVec2 away(640.0f, 400.0f);
  for (int i = 0; i < 3; ++i) ws.frame(away, false);
  const ImVec2 grab = centreOf(ws.layout().splitters[0]);
  ws.frame(grab, false);
  ws.frame(grab, true);  // the drag begins
  ws.frame(ImVec2(grab.x + 10.0f, grab.y), true);

  {
    sv::test::AllocationCount allocations;
    for (int i = 1; i <= 5; ++i)
      ws.frame(ImVec2(grab.x + 10.0f * static_cast<float>(i), grab.y), true);
    CHECK(allocations.count() == 0);
  }
  ws.frame(ImVec2(grab.x + 50.0f, grab.y), false);  // released: one settings copy
  CHECK(ws.commandsWithPanels == 1);

  // The search box as it is after the user typed "HAM" into it.
  std::snprintf(ws.ui.groupSearch.data(), ws.ui.groupSearch.size(), "HAM");
  sv::ui::lowerInto(ws.ui.groupSearch.data(), ws.ui.groupSearchLower);
  ws.frame(away, false);
  {
    sv::test::AllocationCount allocations;
    for (int i = 0; i < 5; ++i) ws.frame(away, false);
    CHECK(allocations.count() == 0);
  }
  CHECK(ws.commandsWithPanels == 1);
}

TEST_CASE("workspace: with a stretch open, a frame allocates nothing either") {
  Workspace ws;
  auto rom = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
  REQUIRE(rom.ok());
  auto load = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), *rom);
  REQUIRE(load.report.ok());
  ws.library = std::move(load.library);
  const sv::stretches::Stretch* found = ws.library.find("hamstrings-supine-straight-leg");
  REQUIRE(found != nullptr);
  const sv::stretches::Stretch stretch = *found;
  auto timeline =
      sv::stretches::buildTimeline(stretch, "contract_relax", stretch.side, ws.profile, *rom);
  REQUIRE(timeline.ok());
  sv::animation::Player player(&timeline->timeline);
  player.seek(20.0f);
  ws.selection.set(sv::anatomy::MuscleGroup::Hamstrings, true);
  ws.browser = sv::ui::filterStretches(ws.library, ws.selection, "");
  ws.view.stretchIndex = static_cast<int>(found - ws.library.stretches.data());
  ws.view.stretch = &stretch;
  ws.view.timeline = &*timeline;
  ws.view.player = &player;
  ws.view.technique = "contract_relax";
  ws.view.side = stretch.side;

  const ImVec2 away(640.0f, 400.0f);
  for (int i = 0; i < 3; ++i) ws.frame(away, false);
  CHECK(windowWidth("##playback") > 0.0f);
  sv::test::AllocationCount allocations;
  for (int i = 0; i < 5; ++i) ws.frame(away, false);
  CHECK(allocations.count() == 0);
}
