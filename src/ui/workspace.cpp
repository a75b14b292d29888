#include "ui/workspace.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "ui/caption_text.h"
#include "ui/layout.h"
#include "ui/style.h"

namespace sv::ui {

namespace {

using stretches::PhaseKind;

constexpr float kPi = 3.14159265f;

float scaled(float px) {
  return px * ImGui::GetFontSize() / 16.0f;
}

ImU32 rgba(float r, float g, float b, float a = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, a));
}

// Phase colours: calm for passive phases, warm for the client's effort.
ImVec4 phaseColor(PhaseKind k) {
  switch (k) {
    case PhaseKind::Move:
      return ImVec4(0.33f, 0.55f, 0.80f, 1.0f);
    case PhaseKind::Hold:
      return ImVec4(0.24f, 0.62f, 0.62f, 1.0f);
    case PhaseKind::Contract:
      return ImVec4(0.90f, 0.58f, 0.20f, 1.0f);
    case PhaseKind::Relax:
      return ImVec4(0.45f, 0.70f, 0.42f, 1.0f);
    case PhaseKind::AgonistContract:
      return ImVec4(0.64f, 0.45f, 0.80f, 1.0f);
    case PhaseKind::Return:
      return ImVec4(0.50f, 0.52f, 0.56f, 1.0f);
  }
  return ImVec4(0.5f, 0.5f, 0.5f, 1.0f);
}

// The phase's title as a C string (stretches::phaseTitle's views are literals: they end in \0).
const char* phaseName(PhaseKind k) {
  return stretches::phaseTitle(k).data();
}

const char* positionLabel(stretches::ClientPosition p) {
  switch (p) {
    case stretches::ClientPosition::Supine:
      return "supine";
    case stretches::ClientPosition::Prone:
      return "prone";
    case stretches::ClientPosition::SideLying:
      return "side-lying";
    case stretches::ClientPosition::Seated:
      return "seated";
    case stretches::ClientPosition::Standing:
      return "standing";
    case stretches::ClientPosition::Kneeling:
      return "half-kneeling";
  }
  return "";
}

const char* techniqueLabel(std::string_view id) {
  if (id == "static") return "Static";
  if (id == "contract_relax") return "Contract-relax";
  if (id == "crac") return "CRAC";
  return "Technique";
}

void badge(const char* text, ImVec4 color) {
  ImGui::PushStyleColor(ImGuiCol_Button, color);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, color);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(scaled(5), scaled(1)));
  ImGui::SmallButton(text);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(3);
}

float badgeWidth(const char* text) {
  return ImGui::CalcTextSize(text).x + 2.0f * scaled(5);
}

// Whether an item `w` pixels wide still fits on the current line after the last item: else
// the caller lets it start the next line (text is wrapped, never cut off at a panel's edge).
bool fitsOnLine(float w) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  return ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <= right;
}

void bulletList(const std::vector<std::string>& items) {
  for (const std::string& s : items) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", s.c_str());
  }
}

void textDisabledWrapped(const char* fmt, const char* a, const char* b) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped(fmt, a, b);
  ImGui::PopStyleColor();
}

// "1:05.0" (minutes and tenths), in a fixed buffer.
struct Clock {
  char text[24];
};
Clock clockText(float seconds) {
  Clock c{};
  const float s = std::max(seconds, 0.0f);
  std::snprintf(c.text, sizeof c.text, "%d:%04.1f", static_cast<int>(s) / 60,
                static_cast<double>(std::fmod(s, 60.0f)));
  return c;
}

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
// Overlays over the 3D view: fixed rectangles from the layout, never resized by their content.
constexpr ImGuiWindowFlags kOverlayFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove |
    ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

float menuHeight() {
  return ImGui::GetFrameHeight();
}

void placeWindow(const LayoutRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
}

// A copy of the settings for this frame's panel edits, made only when something is edited.
Settings& editSettings(const WorkspaceView& v, WorkspaceCommands& out) {
  if (!out.panels) out.panels = *v.settings;
  return *out.panels;
}

// The small button that folds a column to its strip, at the right end of the current line.
void foldButton(const WorkspaceView& v, WorkspaceCommands& out, bool left) {
  const char* label = left ? "<" : ">";
  const float w = ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
  ImGui::PushID(left ? "foldleft" : "foldright");
  if (ImGui::SmallButton(label)) {
    (left ? editSettings(v, out).leftCollapsed : editSettings(v, out).rightCollapsed) = true;
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(left ? "Fold the muscle groups and stretches to a strip"
                           : "Fold the details, the gauge and the profile to a strip");
  }
  ImGui::PopID();
}

// A folded column: a narrow strip with the button that opens it again.
void drawStrip(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out,
               const LayoutRect& r, bool left) {
  placeWindow(r);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(scaled(3), scaled(6)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1.0f, 1.0f));
  if (ImGui::Begin(left ? "##leftstrip" : "##rightstrip", nullptr,
                   kOverlayFlags & ~ImGuiWindowFlags_NoFocusOnAppearing)) {
    if (ImGui::Button(left ? ">" : "<", ImVec2(-1.0f, scaled(60)))) {
      Settings& s = editSettings(v, out);
      (left ? s.leftCollapsed : s.rightCollapsed) = false;
      ui.preferLeft = left;
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(left ? "Show the muscle groups and the stretches"
                             : "Show the stretch details, the gauge and the client profile");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

// --- Menu bar ---------------------------------------------------------------------------

constexpr struct {
  ViewPreset preset;
  const char* key;
} kPresetKeys[] = {{ViewPreset::Stretch, "0"},
                   {ViewPreset::Front, "1"},
                   {ViewPreset::Back, "2"},
                   {ViewPreset::Left, "3"},
                   {ViewPreset::Right, "4"},
                   {ViewPreset::Top, "5"},
                   {ViewPreset::ThreeQuarter, "6"},
                   {ViewPreset::ClientEyes, "7"},
                   {ViewPreset::PractitionerEyes, "8"}};

void drawMenu(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out) {
  if (!ImGui::BeginMainMenuBar()) return;
  const Settings& st = *v.settings;
  const auto toggle = [&](const char* label, bool Settings::*field) {
    if (ImGui::MenuItem(label, nullptr, st.*field)) editSettings(v, out).*field = !(st.*field);
  };
  if (ImGui::BeginMenu("View")) {
    toggle("Muscle groups", &Settings::showGroups);
    toggle("Stretches", &Settings::showBrowser);
    toggle("Stretch details", &Settings::showDetails);
    toggle("Target range", &Settings::showGauge);
    toggle("Client profile", &Settings::showProfile);
    toggle("Fold the left panels", &Settings::leftCollapsed);
    toggle("Fold the right panels", &Settings::rightCollapsed);
    toggle("Routine (over the left column)", &Settings::showRoutine);  // ui/routine_panel.h
    toggle("Frame statistics", &Settings::showStats);
    // Panel sizes back to their defaults and every panel shown and open.
    if (ImGui::MenuItem("Reset layout")) resetLayout(editSettings(v, out));
    ImGui::Separator();
    toggle("Skeleton overlay", &Settings::skeletonOverlay);
    toggle("Wireframe", &Settings::wireframe);
    toggle("Stretch heatmap", &Settings::heatmap);
    toggle("Muscle paths", &Settings::musclePaths);
    toggle("Force arrows", &Settings::forceArrows);
    toggle("Adaptive resolution", &Settings::adaptiveResolution);
    toggle("Clothing", &Settings::clothing);
    if (ImGui::BeginMenu("Practitioner")) {
      for (const char* mode : {"shown", "ghosted", "hidden"}) {
        if (ImGui::MenuItem(mode, nullptr, st.practitioner == mode)) {
          editSettings(v, out).practitioner = mode;
        }
      }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Fullscreen", "F")) out.toggleFullscreen = true;
    // The slider shows the dragged value until it is released, then the scale is applied
    // once (rebuilding the fonts at every step of a drag is wasteful).
    float scale = ui.uiScaleDrag.value_or(st.uiScale);
    ImGui::SetNextItemWidth(scaled(140));
    if (ImGui::SliderFloat("UI scale", &scale, kUiScaleRange[0], kUiScaleRange[1], "%.2f×")) {
      ui.uiScaleDrag = std::round(scale * 20.0f) / 20.0f;
    }
    if (ImGui::IsItemDeactivated()) {
      if (ui.uiScaleDrag && *ui.uiScaleDrag != st.uiScale) out.uiScale = *ui.uiScaleDrag;
      ui.uiScaleDrag.reset();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Camera")) {
    for (const auto& p : kPresetKeys) {
      if (ImGui::MenuItem(viewPresetLabel(p.preset).data(), p.key, v.view == p.preset)) {
        out.view = p.preset;
      }
    }
    ImGui::Separator();
    bool follow = v.followLimb;
    if (ImGui::MenuItem("Follow the moving limb", nullptr, &follow)) out.followLimb = follow;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Screenshot")) {
    if (ImGui::MenuItem("Save the window", "S")) out.screenshot = ScreenshotRequest{};
    if (ImGui::MenuItem("Save the 3D view")) {
      out.screenshot = ScreenshotRequest{true, st.screenshotWidth, st.screenshotHeight,
                                         st.screenshotTransparent};
    }
    ImGui::Separator();
    ImGui::TextDisabled("The 3D view at");
    constexpr struct {
      const char* label;
      int w, h;
    } kSizes[] = {{"its size on screen", 0, 0},
                  {"1280 × 720", 1280, 720},
                  {"1920 × 1080", 1920, 1080},
                  {"3840 × 2160", 3840, 2160}};
    for (const auto& sz : kSizes) {
      if (ImGui::MenuItem(sz.label, nullptr,
                          st.screenshotWidth == sz.w && st.screenshotHeight == sz.h)) {
        Settings& s = editSettings(v, out);
        s.screenshotWidth = sz.w;
        s.screenshotHeight = sz.h;
      }
    }
    toggle("Transparent background", &Settings::screenshotTransparent);
    if (!v.screenshotFolder.empty()) {
      ImGui::Separator();
      ImGui::TextDisabled("Saved in %.*s", static_cast<int>(v.screenshotFolder.size()),
                          v.screenshotFolder.data());
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Presenter")) {
    if (ImGui::MenuItem("Presenter mode", "P", v.presenter)) out.presenter = !v.presenter;
    if (v.canOpenWindows &&
        ImGui::MenuItem("Presenter window (for a second screen)", "W", v.presenterWindow)) {
      out.presenterWindow = !v.presenterWindow;
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Help")) out.showHelp = !v.showHelp;

  // The right end: a notice (a screenshot's path), the frame statistics; the stretch's name
  // in the middle when it fits between the menus and them (it is also the details' heading).
  const float W = ImGui::GetWindowWidth();
  const float pad = ImGui::GetStyle().ItemSpacing.x * 2.0f;
  float right = W - pad;
  char stats[96] = "";
  if (st.showStats && v.stats) formatStats(*v.stats, stats, sizeof stats);
  const float menusEnd = ImGui::GetCursorPosX();
  if (stats[0] != '\0') {
    const float w = ImGui::CalcTextSize(stats).x;
    if (right - w > menusEnd + pad) {
      right -= w;
      ImGui::SameLine(right);
      ImGui::TextDisabled("%s", stats);
      statsTooltip(*v.stats);
      right -= pad;
    }
  }
  if (!v.notice.empty()) {
    // The whole path when it fits, else its file name.
    std::string_view text = v.notice;
    float w = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    if (right - w <= menusEnd + pad) {
      const std::size_t slash = text.rfind('/');
      if (slash != std::string_view::npos) text = text.substr(slash + 1);
      w = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    }
    if (right - w > menusEnd + pad) {
      right -= w;
      ImGui::SameLine(right);
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.85f, 0.65f, 1.0f));
      ImGui::TextUnformatted(text.data(), text.data() + text.size());
      ImGui::PopStyleColor();
      right -= pad;
    }
  } else if (v.stretch != nullptr) {
    char title[160];
    std::snprintf(title, sizeof title, "%s  (%s)", v.stretch->name.c_str(),
                  v.side == anatomy::Side::Left ? "left" : "right");
    const float w = ImGui::CalcTextSize(title).x;
    const float x = std::max(menusEnd + pad, (W - w) * 0.5f);
    if (x + w < right) {
      ImGui::SameLine(x);
      ImGui::TextUnformatted(title);
    }
  }
  ImGui::EndMainMenuBar();
}

// --- Left column: muscle groups and stretch browser ---------------------------------------

void drawGroups(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out,
                const LayoutRect& r) {
  placeWindow(r);
  if (!ImGui::Begin("Muscle groups", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  const float fold = ImGui::CalcTextSize("<").x + 2.0f * ImGui::GetStyle().FramePadding.x +
                     ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - fold);
  if (ImGui::InputTextWithHint("##groupsearch", "Search muscles…", ui.groupSearch.data(),
                               ui.groupSearch.size())) {
    lowerInto(ui.groupSearch.data(), ui.groupSearchLower);  // once per edit, not per frame
  }
  foldButton(v, out, true);
  const GroupSelection& sel = *v.selection;
  int side = static_cast<int>(sel.side);
  const char* sides[] = {"Both sides", "Left", "Right"};
  const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  for (int i = 0; i < 3; ++i) {
    if (i && fitsOnLine(radio + ImGui::CalcTextSize(sides[i]).x)) ImGui::SameLine();
    if (ImGui::RadioButton(sides[i], side == i)) out.groupSide = static_cast<SideFilter>(i);
  }
  if (fitsOnLine(ImGui::CalcTextSize("Clear").x + 2.0f * ImGui::GetStyle().FramePadding.x)) {
    ImGui::SameLine();
  }
  if (ImGui::SmallButton("Clear")) out.clearGroups = true;
  ImGui::Separator();
  ImGui::BeginChild("##groups");
  const std::string_view search(ui.groupSearchLower.data());
  for (int a = 0; a < anatomy::kBodyAreaCount; ++a) {
    const auto area = static_cast<anatomy::BodyArea>(a);
    bool any = false;
    for (int g = 0; g < anatomy::kMuscleGroupCount; ++g) {
      const auto group = static_cast<anatomy::MuscleGroup>(g);
      if (anatomy::bodyAreaOf(group) == area && groupMatchesLowerSearch(group, search)) any = true;
    }
    if (!any) continue;
    ImGui::PushFont(headingFont());
    const std::string_view areaLabel = anatomy::bodyAreaLabel(area);
    ImGui::TextDisabled("%.*s", static_cast<int>(areaLabel.size()), areaLabel.data());
    ImGui::PopFont();
    for (int g = 0; g < anatomy::kMuscleGroupCount; ++g) {
      const auto group = static_cast<anatomy::MuscleGroup>(g);
      if (anatomy::bodyAreaOf(group) != area || !groupMatchesLowerSearch(group, search)) continue;
      bool on = sel.has(group);
      // Labels are string literals from the group table (null-terminated); the id scope keeps
      // the widgets distinct without building "label##id" strings every frame. The checkbox
      // has no label of its own: the name wraps beside it instead of running off the panel.
      ImGui::PushID(g);
      if (ImGui::Checkbox("##on", &on)) out.toggleGroup = group;
      ImGui::SameLine();
      ImGui::TextWrapped("%s", anatomy::muscleGroupLabel(group).data());
      if (ImGui::IsItemClicked()) out.toggleGroup = group;
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

// Heatmap colours in display sRGB (the body's scale, ColorBrewer PuOr ends): ochre =
// shortened, the mannequin's colour = anatomical length, violet = fully lengthened.
ImU32 heatColor(float share) {
  const ImVec4 minus(0.89f, 0.66f, 0.22f, 1.0f), mid(0.86f, 0.84f, 0.81f, 1.0f),
      plus(0.58f, 0.43f, 0.77f, 1.0f);
  const float t = std::clamp(share, -1.0f, 1.0f);
  const ImVec4 b = t < 0.0f ? minus : plus;
  const float w = std::abs(t);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(mid.x + (b.x - mid.x) * w, mid.y + (b.y - mid.y) * w,
                                               mid.z + (b.z - mid.z) * w, 1.0f));
}

void heatLegend(float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = scaled(12);
  const int steps = 24;
  for (int i = 0; i < steps; ++i) {
    const float t0 = -1.0f + 2.0f * static_cast<float>(i) / steps;
    const float t1 = -1.0f + 2.0f * static_cast<float>(i + 1) / steps;
    dl->AddRectFilledMultiColor(ImVec2(p.x + width * (t0 + 1.0f) * 0.5f, p.y),
                                ImVec2(p.x + width * (t1 + 1.0f) * 0.5f, p.y + h), heatColor(t0),
                                heatColor(t1), heatColor(t1), heatColor(t0));
  }
  ImGui::Dummy(ImVec2(width, h));
  ImGui::TextDisabled("shortened");
  ImGui::SameLine(width * 0.5f - ImGui::CalcTextSize("rest").x * 0.5f);
  ImGui::TextDisabled("rest");
  ImGui::SameLine(width - ImGui::CalcTextSize("100 %").x);
  ImGui::TextDisabled("100 %%");
}

void drawMuscles(const WorkspaceView& v) {
  if (v.muscles == nullptr) {
    ImGui::TextWrapped("The muscle model did not load (see the message above).");
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::TextWrapped(
      "Share of the available stretch: 0 %% at the anatomical position, 100 %% at the "
      "longest the muscle gets within normal joint ranges.");
  heatLegend(w);
  ImGui::Separator();
  if (v.targetMuscle >= 0 && !v.targetCurve.empty()) {
    const muscles::MuscleInfo& info = v.muscles->info(v.targetMuscle);
    ImGui::PushFont(headingFont());
    ImGui::TextWrapped("%s (%s)", info.name.c_str(),
                       info.side == anatomy::Side::Left ? "left" : "right");
    ImGui::PopFont();
    ImGui::TextDisabled(
        "over the technique; now %.0f %%",
        static_cast<double>(v.muscleValues[static_cast<std::size_t>(v.targetMuscle)].share *
                            100.0f));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = scaled(70);
    ImGui::PlotLines("##curve", v.targetCurve.data(), static_cast<int>(v.targetCurve.size()), 0,
                     nullptr, -0.2f, 1.1f, ImVec2(w, h));
    if (v.player && v.timeline && v.timeline->timeline.duration() > 0.0f) {
      const float x = p.x + w * v.player->time() / v.timeline->timeline.duration();
      ImGui::GetWindowDrawList()->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + h), rgba(1, 1, 1),
                                          scaled(2));
    }
    ImGui::Separator();
  }
  ImGui::TextDisabled("Most lengthened now");
  ImGui::BeginChild("##mlist");
  for (int idx : v.muscleOrder) {
    const muscles::MuscleInfo& info = v.muscles->info(idx);
    const muscles::MuscleValue& val = v.muscleValues[static_cast<std::size_t>(idx)];
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                          ImGui::ColorConvertU32ToFloat4(heatColor(val.share)));
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s %s  %.0f %%", info.name.c_str(),
                  info.side == anatomy::Side::Left ? "(L)" : "(R)",
                  static_cast<double>(val.share * 100.0f));
    ImGui::ProgressBar(std::clamp(val.share, 0.0f, 1.0f), ImVec2(-1, 0), overlay);
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
}

void drawBrowser(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out,
                 const LayoutRect& r, bool foldHere) {
  placeWindow(r);
  char title[64];
  std::snprintf(title, sizeof title, "Stretches (%zu)###stretches", v.browser->size());
  if (!ImGui::Begin(title, nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  if (!ImGui::BeginTabBar("##lefttabs")) {
    ImGui::End();
    return;
  }
  if (ImGui::BeginTabItem("Muscles")) {
    drawMuscles(v);
    ImGui::EndTabItem();
  }
  // The stretch list is the tab a new user needs first.
  if (!ImGui::BeginTabItem("Stretches", nullptr,
                           ImGui::GetFrameCount() < 2 ? ImGuiTabItemFlags_SetSelected : 0)) {
    ImGui::EndTabBar();
    ImGui::End();
    return;
  }
  const float fold = foldHere
                         ? ImGui::CalcTextSize("<").x + 2.0f * ImGui::GetStyle().FramePadding.x +
                               ImGui::GetStyle().ItemSpacing.x
                         : 0.0f;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - fold);
  if (ImGui::InputTextWithHint("##stretchsearch", "Search stretches…", ui.stretchSearch.data(),
                               ui.stretchSearch.size())) {
    out.selectionChanged = true;
  }
  if (foldHere) foldButton(v, out, true);
  ImGui::BeginChild("##list");
  if (v.browser->empty()) {
    ImGui::TextWrapped("No stretch targets the selected groups%s.",
                       ui.stretchSearch[0] ? " and matches the search" : "");
  }
  for (const BrowserEntry& e : *v.browser) {
    const stretches::Stretch& s = v.library->stretches[static_cast<std::size_t>(e.index)];
    ImGui::PushID(e.index);
    const bool current = e.index == v.stretchIndex;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    ImGui::PushFont(headingFont());
    ImGui::TextWrapped("%s", s.name.c_str());
    ImGui::PopFont();
    badge(positionLabel(s.clientPosition), ImVec4(0.25f, 0.30f, 0.36f, 1.0f));
    for (const stretches::Technique& t : s.techniques) {
      // Badges that do not fit start the next line.
      if (fitsOnLine(badgeWidth(techniqueLabel(t.id)))) ImGui::SameLine();
      badge(techniqueLabel(t.id), ImVec4(0.22f, 0.36f, 0.41f, 1.0f));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", e.why.c_str());
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    const ImVec2 end(start.x + w, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(start);
    if (ImGui::InvisibleButton("##pick", ImVec2(w, end.y - start.y))) out.selectStretch = e.index;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (current) {
      dl->AddRect(ImVec2(start.x - 4, start.y - 3), ImVec2(end.x, end.y + 3),
                  rgba(0.27f, 0.62f, 0.70f), scaled(5), 0, scaled(2));
    } else if (ImGui::IsItemHovered()) {
      dl->AddRectFilled(ImVec2(start.x - 4, start.y - 3), ImVec2(end.x, end.y + 3),
                        rgba(1, 1, 1, 0.05f), scaled(5));
    }
    ImGui::Dummy(ImVec2(1, scaled(6)));
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::EndTabItem();
  ImGui::EndTabBar();
  ImGui::End();
}

// --- Right column ------------------------------------------------------------------------

// Side and technique of the open stretch: the technique named as on the browser's badges
// (its full name from the file as the tooltip).
void drawStretchChoice(const WorkspaceView& v, WorkspaceCommands& out) {
  const float labelX = scaled(96);
  ImGui::TextDisabled("Side");
  ImGui::SameLine(labelX);
  if (ImGui::RadioButton("Left", v.side == anatomy::Side::Left)) out.side = anatomy::Side::Left;
  // "Right" under "Left" where the column is too narrow for both (never cut at the edge).
  const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  if (fitsOnLine(radio + ImGui::CalcTextSize("Right").x)) {
    ImGui::SameLine();
  } else {
    ImGui::SetCursorPosX(labelX);
  }
  if (ImGui::RadioButton("Right", v.side == anatomy::Side::Right)) out.side = anatomy::Side::Right;
  ImGui::TextDisabled("Technique");
  ImGui::SameLine(labelX);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##tech", techniqueLabel(v.technique))) {
    for (const stretches::Technique& t : v.stretch->techniques) {
      if (ImGui::Selectable(techniqueLabel(t.id), t.id == v.technique)) out.technique = t.id;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.name.c_str());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) {
    for (const stretches::Technique& t : v.stretch->techniques) {
      if (t.id == v.technique) ImGui::SetTooltip("%s", t.name.c_str());
    }
  }
}

// A red box sized to its content around `items` under `heading`, the full width of the
// window (no scrollbar narrows it). Returns the box's bottom in window-local, unscrolled
// coordinates.
float drawSafetyBox(const char* heading, ImVec4 headingColour, bool headingFont_,
                    const std::vector<std::string>& items, float alpha) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const ImVec2 pad(scaled(8), scaled(6));
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad.x, start.y + pad.y));
  ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - pad.x);
  ImGui::BeginGroup();
  if (headingFont_) ImGui::PushFont(headingFont());
  ImGui::TextColored(headingColour, "%s", heading);
  if (headingFont_) ImGui::PopFont();
  for (const std::string& c : items) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", c.c_str());
  }
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const ImVec2 end(right, ImGui::GetItemRectMax().y + pad.y);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(start, end, rgba(0.42f, 0.13f, 0.12f, alpha), scaled(6));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
  const float bottom = ImGui::GetCursorPosY();
  ImGui::Dummy(ImVec2(1, scaled(4)));
  return bottom;
}

// Every contraindication, in a red box sized to its content above everything else in the
// details, outside their scrolling text: where it cannot be missed. Returns the box's end (the
// cursor's y in the panel's coordinates): what the layout keeps in sight.
float drawContraindications(const stretches::Stretch& s) {
  if (s.contraindications.empty()) return ImGui::GetCursorPosY();
  return drawSafetyBox("Do not stretch if", ImVec4(1.0f, 0.78f, 0.72f, 1.0f), true,
                       s.contraindications, 0.55f);
}

// The precautions, in a fainter box at the top of the scrolling text.
void drawPrecautions(const stretches::Stretch& s) {
  if (s.precautions.empty()) return;
  drawSafetyBox("Take care with", ImVec4(1.0f, 0.85f, 0.6f, 1.0f), false, s.precautions, 0.35f);
}

void drawDetails(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out,
                 const LayoutRect& r) {
  placeWindow(r);
  // The panel itself never scrolls (its text below the contraindications does): a scrollbar
  // would narrow the safety box and wrap it longer than the layout measured.
  if (!ImGui::Begin("Stretch details", nullptr,
                    kPanelFlags | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::End();
    return;
  }
  const stretches::Stretch* s = v.stretch;
  if (s == nullptr) {
    ImGui::TextWrapped(
        "Pick a muscle group on the left (or click a muscle on the body), then a "
        "stretch.");
    foldButton(v, out, false);
    ImGui::End();
    return;
  }
  ImGui::PushFont(headingFont());
  ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - scaled(30));
  // The side is the radio buttons' below (and the menu bar's title): a line more for safety.
  ImGui::TextWrapped("%s", s->name.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  foldButton(v, out, false);
  drawStretchChoice(v, out);
  // The contraindications above the scrolling text, in a child as tall as they are (last
  // frame's measure) where the panel has the room: the panel height that keeps them in sight
  // is their end plus the window's padding (the precautions and the description below them
  // scroll). Where even the layout's most is too little (a small window at a large UI scale)
  // the list scrolls by itself, at the same width (no scrollbar: the measure stays the same),
  // and says so.
  const float padding = ImGui::GetStyle().WindowPadding.y;
  const float top = ImGui::GetCursorPosY();
  const float avail = ImGui::GetContentRegionAvail().y;
  const float measured = ui.detailsFor == s ? ui.detailsNeed - padding - top : 0.0f;
  // The panel clips half its padding below the content region: the list may use that too,
  // and be short by its box's bottom padding and a line's spacing (every line shows, no
  // hint needed).
  const float room = avail + 0.5f * padding;
  const bool clipped = measured <= 0.0f || measured > room + scaled(12);
  const float listH = clipped ? avail : measured;
  const float hintH = clipped ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
  ImGui::BeginChild("##safety", ImVec2(0, std::max(listH - hintH, scaled(20))), false,
                    ImGuiWindowFlags_NoScrollbar);
  const float listEnd = drawContraindications(*s);
  ImGui::EndChild();
  if (clipped && !s->contraindications.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.72f, 1.0f), "More below: scroll the list");
  }
  ui.detailsNeed = top + listEnd + padding;
  ui.detailsFor = s;
  ImGui::BeginChild("##detailtext");
  drawPrecautions(*s);
  ImGui::TextWrapped("%s", s->description.c_str());
  ImGui::Spacing();
  textDisabledWrapped("Client: %s. %s", positionLabel(s->clientPosition), s->placement.c_str());
  if (ImGui::CollapsingHeader("Practitioner cues", ImGuiTreeNodeFlags_DefaultOpen))
    bulletList(s->practitionerCues);
  if (ImGui::CollapsingHeader("Client cues", ImGuiTreeNodeFlags_DefaultOpen))
    bulletList(s->clientCues);
  if (ImGui::CollapsingHeader("Common mistakes")) bulletList(s->commonMistakes);
  if (ImGui::CollapsingHeader("Practitioner's position")) {
    ImGui::TextWrapped("%s", s->practitionerPlacement.c_str());
    for (const stretches::Contact& c : s->contacts) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s hand on the %s: %s",
                         c.hand == stretches::Hand::Left ? "Left" : "Right", c.landmark.c_str(),
                         c.forceDescription.c_str());
    }
  }
  if (ImGui::CollapsingHeader("References")) bulletList(s->references);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace

// A semicircular gauge: the normal range as the dial, the target band up to the client's own
// limit (never past it: the band's numbers are in the table below), the barrier, the client's
// limit and the live angle as a needle.
void drawGaugeWidget(const char* id, const stretches::KeyGauge& g, const stretches::Measurement& m,
                     float value, float clientLimit, float width) {
  ImGui::PushID(id);
  const float lo = std::min({m.normal.min, g.start, g.target.min, value, clientLimit}) - 5.0f;
  const float hi = std::max({m.normal.max, g.target.max, clientLimit, value}) + 5.0f;
  const float radius = width * 0.42f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 c(origin.x + width * 0.5f, origin.y + radius + scaled(10));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Angle on the dial: lo at the left (π), hi at the right (2π), counter-clockwise on screen.
  auto angleOf = [&](float deg) {
    return kPi + kPi * std::clamp((deg - lo) / (hi - lo), 0.0f, 1.0f);
  };
  auto arc = [&](float a0, float a1, float r, ImU32 col, float thick) {
    if (a1 <= a0) return;
    dl->PathArcTo(c, r, angleOf(a0), angleOf(a1), 48);
    dl->PathStroke(col, 0, thick);
  };
  const float t = scaled(14);
  arc(lo, hi, radius, rgba(0.25f, 0.27f, 0.30f), t);
  arc(m.normal.min, m.normal.max, radius, rgba(0.42f, 0.45f, 0.50f), t);
  // The band as far as this client goes (the stretch moves the value in g.direction), never
  // past the client's own limit.
  const stretches::Range reach = g.reachableBand(clientLimit);
  arc(reach.min, reach.max, radius, rgba(0.27f, 0.70f, 0.55f), t);
  auto tick = [&](float deg, ImU32 col, float len, float thick) {
    const float a = angleOf(deg);
    const ImVec2 d(std::cos(a), std::sin(a));
    dl->AddLine(ImVec2(c.x + d.x * (radius - len), c.y + d.y * (radius - len)),
                ImVec2(c.x + d.x * (radius + len), c.y + d.y * (radius + len)), col, thick);
  };
  tick(g.barrier, rgba(0.95f, 0.75f, 0.30f), t, scaled(3));
  tick(clientLimit, rgba(0.95f, 0.95f, 0.95f), t * 0.9f, scaled(2));
  // Needle.
  const float a = angleOf(value);
  const ImVec2 tip(c.x + std::cos(a) * (radius - t), c.y + std::sin(a) * (radius - t));
  const stretches::Zone zone = g.zone(value);
  const ImU32 needle = zone == stretches::Zone::InTarget       ? rgba(0.35f, 0.85f, 0.65f)
                       : zone == stretches::Zone::BeyondTarget ? rgba(0.95f, 0.45f, 0.35f)
                                                               : rgba(0.95f, 0.95f, 0.95f);
  dl->AddLine(c, tip, needle, scaled(4));
  dl->AddCircleFilled(c, scaled(6), needle);
  // Read-out in the middle of the dial.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f°",
                static_cast<double>(
                    anatomy::readingOf(m.motion, value, stretches::readsNegative(m)).degrees));
  ImGui::PushFont(largeFont());
  const ImVec2 ts = ImGui::CalcTextSize(buf);
  dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y - scaled(14)), needle, buf);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(width, radius + scaled(18)));
  const char* zoneText = zone == stretches::Zone::BelowBarrier ? "short of the first barrier"
                         : zone == stretches::Zone::Stretching
                             ? "past the barrier, approaching the target"
                         : zone == stretches::Zone::InTarget ? "in the target band"
                                                             : "beyond the target band";
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(needle));
  ImGui::TextWrapped("%s", zoneText);
  ImGui::PopStyleColor();
  ImGui::PopID();
}

namespace {

// The clinician's name of a measurement, in the direction it reads (anatomy/motion.h): never
// its id, never a negative value of the opposite motion.
struct MotionLabel {
  const char* text;
};
MotionLabel motionLabel(const stretches::Measurement& m) {
  return {anatomy::directionName(m.motion, stretches::readsNegative(m)).data()};
}

// A range as read in the measurement's direction: "55–70°", or across neutral "10° wrist
// flexion to 70°" (the far end in the opposite motion's name).
void rangeText(char* buf, std::size_t n, const stretches::Measurement& m, stretches::Range r) {
  const bool neg = stretches::readsNegative(m);
  const float lo = neg ? -r.max : r.min;
  const float hi = neg ? -r.min : r.max;
  if (lo >= 0.0f) {
    std::snprintf(buf, n, "%.0f–%.0f°", static_cast<double>(lo), static_cast<double>(hi));
    return;
  }
  char other[64];
  std::snprintf(other, sizeof other, "%s", anatomy::directionName(m.motion, !neg).data());
  if (other[0] >= 'A' && other[0] <= 'Z') other[0] = static_cast<char>(other[0] - 'A' + 'a');
  std::snprintf(buf, n, "%.0f° %s to %.0f°", static_cast<double>(-lo), other,
                static_cast<double>(hi));
}

void gaugeBlock(const char* id, const stretches::KeyGauge& g, const stretches::Measurement& m,
                float value, float clientLimit, float width) {
  ImGui::PushFont(headingFont());
  ImGui::TextUnformatted(motionLabel(m).text);
  ImGui::PopFont();
  if (!m.condition.empty()) textDisabledWrapped("%s%s", m.condition.c_str(), "");
  drawGaugeWidget(id, g, m, value, clientLimit, width);
  if (ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) {
    auto row = [](const char* k, const char* fmt, double a, double b) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", k);
      ImGui::TableNextColumn();
      ImGui::Text(fmt, a, b);
    };
    const bool neg = stretches::readsNegative(m);
    auto read = [&](float deg) {
      return static_cast<double>(anatomy::readingOf(m.motion, deg, neg).degrees);
    };
    row("Live", "%.1f°%.0s", read(value), 0.0);
    row("First barrier", "%.0f°%.0s", read(g.barrier), 0.0);
    row("Client's limit", "%.0f°%.0s", read(clientLimit), 0.0);
    char band[128];
    rangeText(band, sizeof band, m, g.target);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Target band");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(band);
    rangeText(band, sizeof band, m, m.normal);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Normal range");
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", band);
    ImGui::EndTable();
  }
  textDisabledWrapped("Normal range: %s%s", m.normalSourceLabel.c_str(), "");
}

void drawGaugePanel(const WorkspaceView& v, WorkspaceCommands& out, const LayoutRect& r,
                    bool foldHere) {
  placeWindow(r);
  if (!ImGui::Begin("Target range", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  if (foldHere) foldButton(v, out, false);
  if (v.stretch && v.timeline) {
    const float w = ImGui::GetContentRegionAvail().x;
    gaugeBlock("key", v.timeline->key, v.stretch->key, v.keyValue, v.clientLimit, w);
    if (v.timeline->second && v.stretch->second) {
      ImGui::Separator();
      gaugeBlock("second", *v.timeline->second, *v.stretch->second, v.secondValue,
                 v.timeline->second->target.max, w);
    }
  } else {
    ImGui::TextDisabled("No stretch open.");
  }
  ImGui::End();
}

// Sliders for one figure's body shape, under a header closed by default. A change is sent on
// every step of a drag: reshaping takes a few milliseconds.
void drawBodyShape(const char* label, const body::BodyShape& shape,
                   std::optional<body::BodyShape>& out) {
  if (!ImGui::CollapsingHeader(label)) return;
  ImGui::PushID(label);
  body::BodyShape b = shape;
  bool changed = false;
  const float labelX = scaled(110);
  auto row = [&](const char* name) {
    ImGui::TextDisabled("%s", name);
    ImGui::SameLine(labelX);
    ImGui::SetNextItemWidth(-1);
  };
  // A 0…1 parameter, its slider showing a word for its third of the range.
  struct Scale {
    const char* name;
    float body::BodyShape::*field;
    const char* words[3];
  };
  const Scale scales[] = {{"Sex", &body::BodyShape::sex, {"female", "between", "male"}},
                          {"Age", &body::BodyShape::age, {"young adult", "middle-aged", "older"}},
                          {"Muscle", &body::BodyShape::muscle, {"slight", "average", "muscular"}},
                          {"Weight", &body::BodyShape::weight, {"light", "average", "heavy"}}};
  for (const Scale& sc : scales) {
    float& v = b.*sc.field;
    if (sc.field == &body::BodyShape::muscle) {  // height goes between age and build
      row("Height");
      float cm = b.height * 100.0f;
      if (ImGui::SliderFloat("##height", &cm, body::kMinHeight * 100.0f, body::kMaxHeight * 100.0f,
                             "%.0f cm")) {
        b.height = cm / 100.0f;
        changed = true;
      }
    }
    row(sc.name);
    ImGui::PushID(sc.name);
    changed |= ImGui::SliderFloat("##v", &v, 0.0f, 1.0f,
                                  sc.words[v < 0.34f   ? 0
                                           : v > 0.66f ? 2
                                                       : 1]);
    ImGui::PopID();
  }
  if (changed) out = body::clampShape(b);
  ImGui::PopID();
}

void drawProfile(const WorkspaceView& v, WorkspaceCommands& out, const LayoutRect& r,
                 bool foldHere) {
  placeWindow(r);
  if (!ImGui::Begin("Client profile", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  if (foldHere) foldButton(v, out, false);
  const stretches::ClientProfile& p = *v.profile;
  const float labelX = scaled(96);
  ImGui::TextDisabled("Flexibility");
  ImGui::SameLine(labelX);
  const char* flex[] = {"Stiff", "Average", "Flexible"};
  const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  int f = static_cast<int>(p.flexibility);
  for (int i = 0; i < 3; ++i) {
    if (i) {
      // The choices wrap under each other, aligned, when the panel is narrow.
      if (fitsOnLine(radio + ImGui::CalcTextSize(flex[i]).x)) {
        ImGui::SameLine();
      } else {
        ImGui::SetCursorPosX(labelX);
      }
    }
    if (ImGui::RadioButton(flex[i], !p.measuredKeyRange && f == i)) {
      out.flexibility = static_cast<stretches::Flexibility>(i);
      out.measuredRange = std::optional<float>();
    }
  }
  bool measured = p.measuredKeyRange.has_value();
  if (ImGui::Checkbox("Measured range", &measured)) {
    out.measuredRange = measured ? std::optional<float>(v.clientLimit) : std::optional<float>();
  }
  if (measured) {
    // In the key measurement's reading direction (wrist extension 62°, not -62°).
    const float sign = v.stretch && stretches::readsNegative(v.stretch->key) ? -1.0f : 1.0f;
    float value = sign * *p.measuredKeyRange;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##measured", &value, -60.0f, 180.0f, "%.0f°");
    if (ImGui::IsItemDeactivatedAfterEdit()) out.measuredRange = std::optional<float>(sign * value);
  }
  bool hold = p.holdSeconds.has_value();
  if (ImGui::Checkbox("Hold time", &hold)) {
    out.holdSeconds = hold ? std::optional<float>(30.0f) : std::optional<float>();
  }
  if (hold) {
    float h = *p.holdSeconds;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##hold", &h, 5.0f, 120.0f, "%.0f s");
    if (ImGui::IsItemDeactivatedAfterEdit()) out.holdSeconds = std::optional<float>(h);
  }
  if (v.timeline && v.timeline->rangeLimited) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.8f, 0.5f, 1.0f));
    ImGui::TextWrapped("Range capped at the normal range + 10 %%.");
    ImGui::PopStyleColor();
  }
  if (v.clientIsModel) {
    // A --model rig keeps the shape it was made with.
    ImGui::TextDisabled("Client's body: the loaded model's own shape");
  } else {
    drawBodyShape("Client's body", v.settings->clientBody, out.clientBody);
  }
  drawBodyShape("Practitioner's body", v.settings->practitionerBody, out.practitionerBody);
  ImGui::End();
}

// --- Overlays: the phase caption, the legend, the playback bar ---------------------------

// One phase's caption as drawn: the first line (phase, cue and, in the workspace, the
// countdown) and the lines under it. Fixed buffers: built every frame for every phase.
struct CaptionText {
  char head[320] = "";
  char practitioner[400] = "";
  char client[400] = "";
  char effort[400] = "";
};

// `remaining` < 0: the widest countdown, for measuring.
void captionText(const stretches::Phase& ph, float remaining, bool presenter, CaptionText& out) {
  char countdown[16] = "888 s";
  if (remaining >= 0.0f) {
    std::snprintf(countdown, sizeof countdown, "%.0f s", static_cast<double>(std::ceil(remaining)));
  }
  if (presenter) {
    // For the client: what to do and how hard, without the practitioner's notes or the
    // sources (the countdown has its own box).
    std::snprintf(out.head, sizeof out.head, "%s — %s", phaseName(ph.kind), ph.cue.c_str());
    out.practitioner[0] = '\0';
    withoutCitations(ph.client, out.client);
    char effort[360];
    withoutCitations(ph.effort, effort);
    if (effort[0] != '\0') {
      std::snprintf(out.effort, sizeof out.effort, "Effort: %s", effort);
    } else {
      out.effort[0] = '\0';
    }
    return;
  }
  std::snprintf(out.head, sizeof out.head, "%s — %s — %s", phaseName(ph.kind), ph.cue.c_str(),
                countdown);
  const auto line = [](char* dst, std::size_t n, const char* label, const std::string& s) {
    if (s.empty()) {
      dst[0] = '\0';
    } else {
      std::snprintf(dst, n, "%s%s", label, s.c_str());
    }
  };
  line(out.practitioner, sizeof out.practitioner, "Practitioner: ", ph.practitioner);
  line(out.client, sizeof out.client, "Client: ", ph.client);
  line(out.effort, sizeof out.effort, "Effort: ", ph.effort);
}

ImFont* captionHeadFont(bool presenter) {
  return presenter ? presenterHeadFont() : headingFont();
}
ImFont* captionBodyFont(bool presenter) {
  return presenter ? presenterBodyFont() : ImGui::GetFont();
}

float wrappedHeight(ImFont* font, const char* text, float wrap) {
  if (text[0] == '\0') return 0.0f;
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text).y;
}

struct CaptionHeights {
  float full = 0.0f, head = 0.0f;
};

// The caption's heights at `width`: the largest over every phase of the technique, so its box
// keeps one size from phase to phase.
CaptionHeights captionHeights(const WorkspaceView& v, float width, bool presenter) {
  CaptionHeights h;
  if (!v.timeline || v.timeline->timeline.phaseCount() == 0 || width <= 0.0f) return h;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float wrap = std::max(width - 2.0f * st.WindowPadding.x, 1.0f);
  ImFont* headFont = captionHeadFont(presenter);
  ImFont* body = captionBodyFont(presenter);
  CaptionText t;
  for (int i = 0; i < v.timeline->timeline.phaseCount(); ++i) {
    captionText(v.timeline->phaseText(i), -1.0f, presenter, t);
    const float head = wrappedHeight(headFont, t.head, wrap);
    float full = head;
    for (const char* line : {t.practitioner, t.client, t.effort}) {
      const float lh = wrappedHeight(body, line, wrap);
      if (lh > 0.0f) full += st.ItemSpacing.y + lh;
    }
    h.head = std::max(h.head, head + 2.0f * st.WindowPadding.y);
    h.full = std::max(h.full, full + 2.0f * st.WindowPadding.y);
  }
  return h;
}

// "Contract — Push your heel into my shoulder — 4 s" with the what-to-do lines under it, in
// the layout's fixed box (folded: the first line only).
void drawCaption(const WorkspaceView& v, const LayoutRect& r, bool folded, bool presenter) {
  if (!v.timeline || !v.player || v.timeline->timeline.phaseCount() == 0 || r.empty()) return;
  const int pi = std::max(v.player->phaseIndex(), 0);
  const stretches::Phase& ph = v.timeline->phaseText(pi);
  CaptionText t;
  captionText(ph, v.player->remainingInPhase(), presenter, t);
  placeWindow(r);
  ImGui::SetNextWindowBgAlpha(presenter ? 0.85f : 0.78f);
  ImGui::Begin(presenter ? "##presentercaption" : "##caption", nullptr,
               kOverlayFlags | ImGuiWindowFlags_NoInputs);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushFont(captionHeadFont(presenter));
  ImGui::PushStyleColor(ImGuiCol_Text, phaseColor(ph.kind));
  ImGui::TextWrapped("%s", t.head);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (!folded) {
    ImGui::PushFont(captionBodyFont(presenter));
    if (t.practitioner[0]) ImGui::TextWrapped("%s", t.practitioner);
    if (t.client[0]) ImGui::TextWrapped("%s", t.client);
    if (t.effort[0]) textDisabledWrapped("%s%s", t.effort, "");
    ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
}

// The legend: what the colours on the body and the arrows mean, one row each.
struct LegendContent {
  bool heat = false, arrows = false;
  bool onPaths = false;  // the heat is on the target muscles' paths (WorkspaceView::heatOnPaths)
};
LegendContent legendContent(const WorkspaceView& v) {
  LegendContent c;
  c.heat = v.settings->heatmap && v.muscles && v.stretch;
  c.arrows = v.arrowsShown;
  c.onPaths = v.heatOnPaths;
  return c;
}

// A client without muscle regions shows its target muscles as paths (grey at rest to violet
// at full stretch, session/stretch_scene.cpp).
constexpr const char* kPathsLabel = "Target muscle paths";

constexpr const char* kArrowLabels[3] = {"practitioner moves", "holds", "client pushes"};
constexpr const char* kArrowGlyph = "——→";

float heatBarWidth() {
  return scaled(120);
}

ImVec2 legendSize(const LegendContent& c) {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = 0.0f;
  int rows = 0;
  if (c.heat) {
    w = std::max(w, ImGui::CalcTextSize(c.onPaths ? kPathsLabel : "Muscle stretch").x +
                        ImGui::CalcTextSize(c.onPaths ? "rest" : "shorter").x +
                        ImGui::CalcTextSize("longer").x + heatBarWidth() + 3.0f * st.ItemSpacing.x);
    ++rows;
  }
  if (c.arrows) {
    float a = 0.0f;
    for (const char* l : kArrowLabels) {
      a += ImGui::CalcTextSize(kArrowGlyph).x + ImGui::CalcTextSize(l).x + 2.0f * st.ItemSpacing.x;
    }
    w = std::max(w, a - st.ItemSpacing.x);
    ++rows;
  }
  if (rows == 0) return ImVec2(0.0f, 0.0f);
  const float h = static_cast<float>(rows) * ImGui::GetTextLineHeight() +
                  static_cast<float>(rows - 1) * st.ItemSpacing.y;
  return ImVec2(std::ceil(w + 2.0f * st.WindowPadding.x), std::ceil(h + 2.0f * st.WindowPadding.y));
}

void legendRows(const WorkspaceView& v, const LegendContent& c) {
  if (c.heat) {
    ImGui::TextUnformatted(c.onPaths ? kPathsLabel : "Muscle stretch");
    ImGui::SameLine();
    ImGui::TextDisabled(c.onPaths ? "rest" : "shorter");
    ImGui::SameLine();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = heatBarWidth(), lineH = ImGui::GetTextLineHeight();
    const float h = std::min(scaled(10), lineH), y = p.y + (lineH - h) * 0.5f;
    constexpr int kSteps = 16;
    if (c.onPaths) {
      dl->AddRectFilledMultiColor(ImVec2(p.x, y), ImVec2(p.x + w, y + h),
                                  IM_COL32(217, 217, 217, 255), IM_COL32(158, 115, 242, 255),
                                  IM_COL32(158, 115, 242, 255), IM_COL32(217, 217, 217, 255));
    } else {
      for (int i = 0; i < kSteps; ++i) {
        const float t0 = -1.0f + 2.0f * static_cast<float>(i) / kSteps;
        const float t1 = -1.0f + 2.0f * static_cast<float>(i + 1) / kSteps;
        dl->AddRectFilledMultiColor(ImVec2(p.x + w * (t0 + 1.0f) * 0.5f, y),
                                    ImVec2(p.x + w * (t1 + 1.0f) * 0.5f, y + h), heatColor(t0),
                                    heatColor(t1), heatColor(t1), heatColor(t0));
      }
    }
    ImGui::Dummy(ImVec2(w, lineH));
    ImGui::SameLine();
    ImGui::TextDisabled("longer");
  }
  if (c.arrows) {
    const ImVec4 colours[3] = {ImVec4(0.25f, 0.60f, 0.95f, 1.0f), ImVec4(0.62f, 0.66f, 0.72f, 1.0f),
                               ImVec4(0.95f, 0.60f, 0.15f, 1.0f)};
    for (int i = 0; i < 3; ++i) {
      if (i) ImGui::SameLine();
      ImGui::TextColored(colours[i], "%s", kArrowGlyph);
      ImGui::SameLine();
      ImGui::TextUnformatted(kArrowLabels[i]);
    }
    if (ImGui::IsWindowHovered() && v.clientPushing) {
      ImGui::SetTooltip("The client pushes isometrically in this phase.");
    }
  }
}

void drawLegend(const WorkspaceView& v, const LayoutRect& r) {
  const LegendContent c = legendContent(v);
  if (r.empty() || (!c.heat && !c.arrows)) return;
  placeWindow(r);
  ImGui::SetNextWindowBgAlpha(0.6f);
  ImGui::Begin("##legend", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs);
  legendRows(v, c);
  ImGui::End();
}

const char* phaseInitial(PhaseKind k) {
  switch (k) {
    case PhaseKind::Move:
      return "M";
    case PhaseKind::Hold:
      return "H";
    case PhaseKind::Contract:
      return "C";
    case PhaseKind::Relax:
      return "R";
    case PhaseKind::AgonistContract:
      return "A";
    case PhaseKind::Return:
      return "B";  // back
  }
  return "";
}

// The timeline: one coloured segment per phase, labelled (the initial when the name does not
// fit), the play head, and a tooltip naming the phase under the cursor.
void drawTimeline(const WorkspaceView& v, WorkspaceCommands& out, float width) {
  const stretches::StretchTimeline& tl = *v.timeline;
  const float duration = tl.timeline.duration();
  const float h = scaled(kTimelineHeight);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::InvisibleButton("##scrub", ImVec2(width, h));
  if (ImGui::IsItemActive() && duration > 0.0f) {
    const float x = ImGui::GetIO().MousePos.x - p0.x;
    out.seek = std::clamp(x / width, 0.0f, 1.0f) * duration;
  }
  const bool hovered = ImGui::IsItemHovered();
  const float mouseT =
      duration > 0.0f
          ? std::clamp((ImGui::GetIO().MousePos.x - p0.x) / width, 0.0f, 1.0f) * duration
          : 0.0f;
  for (int i = 0; i < tl.timeline.phaseCount(); ++i) {
    const animation::PhaseInfo& ph = tl.timeline.phase(i);
    const float x0 = p0.x + width * ph.start / duration;
    const float x1 = p0.x + width * (ph.start + ph.duration) / duration;
    const auto kind = static_cast<PhaseKind>(ph.kind);
    ImVec4 col = phaseColor(kind);
    if (i != v.player->phaseIndex()) col.w = 0.55f;
    dl->AddRectFilled(ImVec2(x0 + 1, p0.y), ImVec2(x1 - 1, p0.y + h),
                      ImGui::ColorConvertFloat4ToU32(col), scaled(3));
    const char* label = phaseName(kind);
    ImVec2 ts = ImGui::CalcTextSize(label);
    if (ts.x + scaled(6) >= x1 - x0) {
      label = phaseInitial(kind);
      ts = ImGui::CalcTextSize(label);
    }
    if (ts.x + scaled(4) < x1 - x0) {
      dl->AddText(ImVec2(x0 + (x1 - x0 - ts.x) * 0.5f, p0.y + (h - ts.y) * 0.5f),
                  rgba(0.05f, 0.06f, 0.08f), label);
    }
    if (hovered && mouseT >= ph.start && mouseT < ph.start + ph.duration) {
      const Clock a = clockText(ph.start), b = clockText(ph.start + ph.duration);
      ImGui::BeginTooltip();
      ImGui::TextColored(phaseColor(kind), "%s", phaseName(kind));
      ImGui::SameLine();
      ImGui::TextDisabled("%s – %s", a.text, b.text);
      const stretches::Phase& text = tl.phaseText(i);
      if (!text.cue.empty()) ImGui::TextUnformatted(text.cue.c_str());
      // The key to the segments' letters, for the kinds this timeline has.
      bool present[6] = {};
      for (int j = 0; j < tl.timeline.phaseCount(); ++j) {
        const int k = tl.timeline.phase(j).kind;
        if (k >= 0 && k < 6) present[k] = true;
      }
      ImGui::TextDisabled("Segments:");
      for (int k = 0; k < 6; ++k) {
        if (!present[k]) continue;
        const auto pk = static_cast<PhaseKind>(k);
        ImGui::SameLine();
        ImGui::TextColored(phaseColor(pk), "%s %s", phaseInitial(pk), phaseName(pk));
      }
      ImGui::TextDisabled("Click or drag to move the play head");
      ImGui::EndTooltip();
    }
  }
  const float xp = p0.x + width * (duration > 0.0f ? v.player->time() / duration : 0.0f);
  dl->AddLine(ImVec2(xp, p0.y - scaled(4)), ImVec2(xp, p0.y + h + scaled(4)), rgba(1, 1, 1),
              scaled(3));
  dl->AddTriangleFilled(ImVec2(xp - scaled(6), p0.y - scaled(8)),
                        ImVec2(xp + scaled(6), p0.y - scaled(8)), ImVec2(xp, p0.y - scaled(1)),
                        rgba(1, 1, 1));
}

void speedLoopRepeat(const animation::Player& pl, WorkspaceCommands& out, bool inRow) {
  float speed = pl.speed();
  ImGui::SetNextItemWidth(scaled(120));
  if (ImGui::SliderFloat("##speed", &speed, 0.25f, 2.0f, "speed %.2f×")) out.speed = speed;
  if (inRow) ImGui::SameLine();
  bool loop = pl.loop();
  if (ImGui::Checkbox("Loop", &loop)) out.loop = loop;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again after the last pass");
  if (inRow) ImGui::SameLine();
  int reps = pl.repeatCount();
  ImGui::SetNextItemWidth(scaled(130));
  if (ImGui::SliderInt("##reps", &reps, 1, 10, reps == 1 ? "play once" : "play %d times")) {
    out.repetitions = reps;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How many times the technique plays through");
}

float speedLoopRepeatWidth() {
  const ImGuiStyle& st = ImGui::GetStyle();
  return scaled(120) + scaled(130) + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x +
         ImGui::CalcTextSize("Loop").x + 2.0f * st.ItemSpacing.x;
}

// rows: the rows of controls the layout gave the bar (1 or 2); foldOptions: speed, loop and
// repetitions go behind an options button (the layout needed the room).
void drawPlayback(const WorkspaceView& v, WorkspaceCommands& out, const LayoutRect& r, int rows,
                  bool foldOptions, bool legendButton) {
  placeWindow(r);
  ImGui::SetNextWindowBgAlpha(0.85f);
  if (!ImGui::Begin("##playback", nullptr, kOverlayFlags)) {
    ImGui::End();
    return;
  }
  const animation::Player& pl = *v.player;
  const float btn = scaled(34);
  if (ImGui::Button("|<", ImVec2(btn, 0))) out.rewind = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the start (0:00)");
  ImGui::SameLine();
  if (ImGui::Button("<", ImVec2(btn, 0))) out.previousPhase = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous phase (Left arrow)");
  ImGui::SameLine();
  if (ImGui::Button(pl.playing() ? "Pause" : "Play", ImVec2(btn * 2.0f, 0))) out.togglePlay = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play or pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">", ImVec2(btn, 0))) out.nextPhase = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next phase (Right arrow)");
  ImGui::SameLine();
  const Clock now = clockText(pl.time()), total = clockText(v.timeline->timeline.duration());
  const float right = ImGui::GetWindowContentRegionMax().x;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float colours =
      legendButton ? ImGui::CalcTextSize("Colours").x + 2.0f * st.FramePadding.x : 0.0f;
  // The time and the duration, or the time alone where both would run into what follows on
  // the row (the options button, or the window's edge).
  char time[64];
  std::snprintf(time, sizeof time, "%s / %s", now.text, total.text);
  const float optionsRoom =
      rows > 1 ? 0.0f
               : st.ItemSpacing.x + ImGui::CalcTextSize("Options…").x + 2.0f * st.FramePadding.x;
  if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(time).x + optionsRoom > right) {
    std::snprintf(time, sizeof time, "%s", now.text);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(time);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s of %s", now.text, total.text);
  // Speed, loop and repetitions after the time when the layout gave one row, else on the second
  // row (behind an options button when they do not fit there); the folded legend's button at
  // the right end of the last row.
  const float extras = speedLoopRepeatWidth();
  float rowEnd = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + st.ItemSpacing.x;
  if (rows > 1) rowEnd = st.WindowPadding.x;
  const float optionsW = ImGui::CalcTextSize("Options…").x + 2.0f * st.FramePadding.x;
  // Where not even the options button and the legend's fit beside the time, the legend goes
  // into the options popup too (text never runs over text).
  if (legendButton && rowEnd + optionsW + st.ItemSpacing.x + colours > right) {
    legendButton = false;
    foldOptions = true;
  }
  const bool legendInOptions = !legendButton && colours > 0.0f;
  const float reserved = legendButton ? colours + st.ItemSpacing.x : 0.0f;
  const auto startExtras = [&](float w) {
    if (rows > 1) {
      ImGui::SetCursorPosX(rowEnd);
    } else {
      ImGui::SameLine(right - w - reserved);
    }
  };
  if (!foldOptions && rowEnd + extras + reserved <= right) {
    startExtras(extras);
    speedLoopRepeat(pl, out, true);
  } else {
    startExtras(optionsW);
    if (ImGui::Button("Options…")) ImGui::OpenPopup("##playoptions");
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(legendInOptions ? "Speed, loop, repetitions and the colours' legend"
                                        : "Speed, loop and repetitions");
    }
    if (ImGui::BeginPopup("##playoptions")) {
      speedLoopRepeat(pl, out, false);
      if (legendInOptions) {
        ImGui::Separator();
        legendRows(v, legendContent(v));
      }
      ImGui::EndPopup();
    }
  }
  if (legendButton) {
    ImGui::SameLine(right - colours);
    ImGui::Button("Colours");
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      legendRows(v, legendContent(v));
      ImGui::EndTooltip();
    }
  }
  ImGui::Dummy(ImVec2(1, scaled(4)));
  drawTimeline(v, out, ImGui::GetContentRegionAvail().x);
  ImGui::End();
}

// --- Presenter mode ---------------------------------------------------------------------

// Down the presenter's right side: the phase and a large countdown, the next phase, the gauge.
void drawPresenterSide(const WorkspaceView& v, const LayoutRect& r) {
  if (r.empty()) return;
  placeWindow(r);
  ImGui::SetNextWindowBgAlpha(0.8f);
  ImGui::Begin("##presenterside", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs);
  if (v.timeline && v.player && v.timeline->timeline.phaseCount() > 0) {
    const int pi = std::max(v.player->phaseIndex(), 0);
    const auto kind = static_cast<PhaseKind>(v.timeline->timeline.phase(pi).kind);
    ImGui::PushFont(presenterHeadFont());
    ImGui::TextColored(phaseColor(kind), "%s", phaseName(kind));
    ImGui::PopFont();
    char count[16];
    std::snprintf(count, sizeof count, "%.0f s",
                  static_cast<double>(std::ceil(v.player->remainingInPhase())));
    ImGui::PushFont(countdownFont());
    ImGui::TextUnformatted(count);
    ImGui::PopFont();
    if (pi + 1 < v.timeline->timeline.phaseCount()) {
      const animation::PhaseInfo& next = v.timeline->timeline.phase(pi + 1);
      ImGui::PushFont(headingFont());
      ImGui::TextDisabled("Next: %s, %.0f s", phaseName(static_cast<PhaseKind>(next.kind)),
                          static_cast<double>(next.duration));
      ImGui::PopFont();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
  }
  if (v.stretch && v.timeline) {
    ImGui::PushFont(headingFont());
    ImGui::TextWrapped("%s", motionLabel(v.stretch->key).text);
    ImGui::PopFont();
    drawGaugeWidget("pkey", v.timeline->key, v.stretch->key, v.keyValue, v.clientLimit,
                    ImGui::GetContentRegionAvail().x);
  }
  if (!v.inPresenterWindow) {
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y -
                         ImGui::GetTextLineHeight());
    ImGui::TextDisabled("P or Esc: back to the workspace");
  }
  ImGui::End();
}

void drawHelp(WorkspaceCommands& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(vp->Size.x * 0.9f, vp->Size.y * 0.9f));
  bool open = true;
  if (ImGui::Begin("Keyboard and mouse", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoCollapse)) {
    const char* rows[][2] = {
        {"Space", "play / pause"},
        {"← / →", "previous / next phase"},
        {"0 or Home", "the stretch's own view (chosen per phase)"},
        {"1 2 3 4", "front, back, left side, right side"},
        {"5 6", "top, three-quarter"},
        {"7 / 8", "from beside the client's / the practitioner's head"},
        {"P", "presenter mode"},
        {"W", "presenter window for a second screen (there: F11 or double-click, fullscreen)"},
        {"F", "fullscreen"},
        {"S", "screenshot of the window (Screenshot menu: the 3D view alone)"},
        {"H or F1", "this help"},
        {"Left-drag", "orbit (the automatic view stops until a preset or the next stretch)"},
        {"Right- or middle-drag", "pan"},
        {"Wheel", "zoom toward the cursor"},
        {"Double-click", "re-centre on the point"},
        {"Click a muscle", "select its group (the name shows under the cursor)"},
        {"Drag a panel's edge", "resize the panel (double-click: default size)"},
        {"< and >", "fold a column of panels to a strip, and open it again"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& r : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r[0]);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", r[1]);
      }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("Timeline colours:");
    for (PhaseKind k : {PhaseKind::Move, PhaseKind::Hold, PhaseKind::Contract, PhaseKind::Relax,
                        PhaseKind::AgonistContract, PhaseKind::Return}) {
      ImGui::SameLine();
      ImGui::TextColored(phaseColor(k), "%s", phaseName(k));
    }
  }
  ImGui::End();
  if (!open) out.showHelp = false;
}

// Load problems, at the top of the stage until dismissed (they are meant to be seen).
void drawMessages(const WorkspaceView& v, WorkspaceCommands& out, const LayoutRect& stage) {
  if (!v.messages || v.messages->empty() || stage.empty()) return;
  ImGui::SetNextWindowPos(ImVec2(stage.x + stage.w * 0.5f, stage.y), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(stage.w, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.35f, 0.16f, 0.12f, 0.95f));
  ImGui::Begin("##messages", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushTextWrapPos(stage.w - scaled(24));
  const std::size_t shown = std::min<std::size_t>(v.messages->size(), 6);
  for (std::size_t i = 0; i < shown; ++i) ImGui::TextUnformatted((*v.messages)[i].c_str());
  if (v.messages->size() > shown)
    ImGui::TextDisabled("… and %zu more (see the terminal)", v.messages->size() - shown);
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton("Dismiss")) out.dismissMessages = true;
  ImGui::End();
  ImGui::PopStyleColor();
}

// --- Layout and the panels' draggable edges ---------------------------------------------

LayoutInput layoutInput(const WorkspaceView& v, const WorkspaceUiState& ui,
                        const PanelSizes& sizes) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const Settings& st = *v.settings;
  LayoutInput in;
  in.width = vp->Size.x;
  in.height = vp->Size.y;
  in.fontSize = ImGui::GetFontSize();
  in.presenter = v.presenter;
  in.menuHeight = v.presenter ? 0.0f : menuHeight();
  in.showGroups = st.showGroups;
  in.showBrowser = st.showBrowser;
  in.showDetails = st.showDetails;
  in.showGauge = st.showGauge;
  in.showProfile = st.showProfile;
  in.leftCollapsed = st.leftCollapsed;
  in.rightCollapsed = st.rightCollapsed;
  in.preferLeft = ui.preferLeft;
  in.twoGauges = v.timeline && v.timeline->second;
  in.profileHold = v.profile && v.profile->holdSeconds;
  in.sizes = sizes;
  in.detailsNeed = v.stretch != nullptr && ui.detailsFor == v.stretch ? ui.detailsNeed : 0.0f;
  measureOverlays(v, in);
  return in;
}

// Panel sizes go to the settings through the panels command, merged with any menu edit made
// in the same frame; nothing is issued when they did not change.
void commitSizes(const WorkspaceView& v, const PanelSizes& sizes, WorkspaceCommands& out) {
  if (!out.panels && sizes == v.settings->layout) return;
  if (!out.panels) out.panels = *v.settings;
  out.panels->layout = sizes;
}

const char* const kSplitterNames[kSplitterCount] = {"##split-left", "##split-right",
                                                    "##split-groups", "##split-right-upper",
                                                    "##split-right-lower"};

constexpr ImGuiWindowFlags kSplitterFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse;

// Each draggable panel edge is an invisible window over the gap along it, holding one
// invisible button: hovering shows a resize cursor and a highlight line, dragging moves the
// edge (ui.dragSizes, followed live by the layout), releasing stores the sizes, a
// double-click restores that edge's default. Nothing is drawn at rest.
void drawSplitters(const WorkspaceView& v, const LayoutInput& in, const WorkspaceLayout& layout,
                   WorkspaceUiState& ui, WorkspaceCommands& out) {
  for (int i = 0; i < kSplitterCount; ++i) {
    const LayoutRect& r = layout.splitters[static_cast<std::size_t>(i)];
    if (r.empty()) continue;
    const auto s = static_cast<Splitter>(i);
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1.0f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    const bool open = ImGui::Begin(kSplitterNames[i], nullptr, kSplitterFlags);
    ImGui::PopStyleVar(3);
    if (open) {
      ImGui::InvisibleButton("##grab", ImVec2(r.w, r.h));
      const bool hovered = ImGui::IsItemHovered();
      const bool active = ImGui::IsItemActive();
      if (ImGui::IsItemActivated()) {
        ui.dragging = s;
        ui.dragStart = in.sizes;
        ui.dragSizes = in.sizes;
      }
      if (active && ui.dragging == s) {
        LayoutInput start = in;
        start.sizes = ui.dragStart;
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        ui.dragSizes = dragSplitter(start, s, movesSideways(s) ? d.x : d.y);
      }
      if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        PanelSizes sizes = out.panels ? out.panels->layout : v.settings->layout;
        resetSplitter(sizes, s);
        commitSizes(v, sizes, out);
        ui.dragging.reset();
      } else if (ImGui::IsItemDeactivated() && ui.dragging == s) {
        commitSizes(v, ui.dragSizes, out);
        ui.dragging.reset();
      }
      if (hovered || active) {
        ImGui::SetMouseCursor(movesSideways(s) ? ImGuiMouseCursor_ResizeEW
                                               : ImGuiMouseCursor_ResizeNS);
        const ImU32 col =
            ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : ImGuiCol_SeparatorHovered);
        const float t = std::max(2.0f, scaled(3));
        if (movesSideways(s)) {
          const float x = r.x + r.w * 0.5f;
          ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x - t * 0.5f, r.y),
                                                    ImVec2(x + t * 0.5f, r.bottom()), col, t);
        } else {
          const float y = r.y + r.h * 0.5f;
          ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(r.x, y - t * 0.5f),
                                                    ImVec2(r.right(), y + t * 0.5f), col, t);
        }
      }
    }
    ImGui::End();
  }
}

}  // namespace

void measureOverlays(const WorkspaceView& v, LayoutInput& in) {
  in.playback = !v.presenter && v.timeline && v.player;
  in.captionFull = in.captionHead = 0.0f;
  in.legendWidth = in.legendHeight = 0.0f;
  if (v.timeline && v.player) {
    const CaptionHeights h = captionHeights(v, captionWidth(in), v.presenter);
    in.captionFull = h.full;
    in.captionHead = h.head;
  }
  if (!v.presenter) {
    const ImVec2 legend = legendSize(legendContent(v));
    in.legendWidth = legend.x;
    in.legendHeight = legend.y;
  }
}

WorkspaceLayout workspaceLayout(const WorkspaceView& v, const WorkspaceUiState& ui) {
  return computeLayout(layoutInput(v, ui, ui.dragging ? ui.dragSizes : v.settings->layout));
}

void drawPresenterScreen(const WorkspaceView& v, const WorkspaceUiState& ui,
                         WorkspaceCommands& out) {
  WorkspaceView pv = v;
  pv.presenter = true;
  const WorkspaceLayout layout = computeLayout(layoutInput(pv, ui, v.settings->layout));
  drawCaption(pv, layout.caption, layout.captionFolded, true);
  drawPresenterSide(pv, layout.presenterSide);
  if (v.showHelp) drawHelp(out);
}

void drawWorkspace(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out) {
  if (v.presenter) {
    drawPresenterScreen(v, ui, out);
    return;
  }
  drawMenu(v, ui, out);
  LayoutInput in = layoutInput(v, ui, ui.dragging ? ui.dragSizes : v.settings->layout);
  WorkspaceLayout layout = computeLayout(in);
  drawSplitters(v, in, layout, ui, out);
  if (ui.dragging && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    // Released where its grab area was not drawn (a panel hidden mid-drag): keep the sizes.
    commitSizes(v, ui.dragSizes, out);
    ui.dragging.reset();
  }
  if (ui.dragging && ui.dragSizes != in.sizes) {  // the panels follow the drag live
    in.sizes = ui.dragSizes;
    layout = computeLayout(in);
  }
  // The fold button sits in each column's first panel.
  if (layout.leftCollapsed) drawStrip(v, ui, out, layout.leftStrip, true);
  if (layout.rightCollapsed) drawStrip(v, ui, out, layout.rightStrip, false);
  if (!layout.groups.empty()) drawGroups(v, ui, out, layout.groups);
  if (!layout.browser.empty()) drawBrowser(v, ui, out, layout.browser, layout.groups.empty());
  if (!layout.details.empty()) drawDetails(v, ui, out, layout.details);
  if (!layout.gauge.empty()) drawGaugePanel(v, out, layout.gauge, layout.details.empty());
  if (!layout.profile.empty()) {
    drawProfile(v, out, layout.profile, layout.details.empty() && layout.gauge.empty());
  }
  if (v.timeline && v.player) {
    drawPlayback(v, out, layout.playback, layout.playbackRows, layout.playbackOptions,
                 layout.legendFolded && in.legendHeight > 0.0f);
    drawCaption(v, layout.caption, layout.captionFolded, false);
  }
  drawLegend(v, layout.legend);
  drawMessages(v, out, layout.stage);
  // The muscle under the cursor in the 3D view, named where the click would select it.
  if (!v.hovered.empty() && !ImGui::GetIO().WantCaptureMouse) {
    ImGui::SetTooltip("%.*s — click to select", static_cast<int>(v.hovered.size()),
                      v.hovered.data());
  }
  if (v.showHelp) drawHelp(out);
}

}  // namespace sv::ui
