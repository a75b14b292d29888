#include "ui/workspace.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

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

void bulletList(const std::vector<std::string>& items) {
  for (const std::string& s : items) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", s.c_str());
  }
}

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

float menuHeight() {
  return ImGui::GetFrameHeight();
}

// --- Menu bar ---------------------------------------------------------------------------

void drawMenu(const WorkspaceView& v, WorkspaceCommands& out) {
  if (!ImGui::BeginMainMenuBar()) return;
  const Settings& st = *v.settings;
  // A click edits a copy of the settings, made only then (never a copy per frame).
  const auto edit = [&]() -> Settings& {
    if (!out.panels) out.panels = st;
    return *out.panels;
  };
  const auto toggle = [&](const char* label, bool Settings::*field) {
    if (ImGui::MenuItem(label, nullptr, st.*field)) edit().*field = !(st.*field);
  };
  if (ImGui::BeginMenu("View")) {
    toggle("Muscle groups", &Settings::showGroups);
    toggle("Stretches", &Settings::showBrowser);
    toggle("Stretch details", &Settings::showDetails);
    toggle("Target range", &Settings::showGauge);
    toggle("Client profile", &Settings::showProfile);
    toggle("Routine (over the left column)", &Settings::showRoutine);  // ui/routine_panel.h
    toggle("Frame statistics", &Settings::showStats);
    // Panel sizes back to their defaults and every panel shown.
    if (ImGui::MenuItem("Reset layout")) resetLayout(edit());
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
        if (ImGui::MenuItem(mode, nullptr, st.practitioner == mode)) edit().practitioner = mode;
      }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Presenter mode", "P", v.presenter)) out.presenter = !v.presenter;
    bool follow = v.followLimb;
    if (ImGui::MenuItem("Follow the moving limb", nullptr, &follow)) out.followLimb = follow;
    if (ImGui::MenuItem("Fullscreen", "F")) out.toggleFullscreen = true;
    ImGui::Separator();
    float scale = v.settings->uiScale;
    ImGui::SetNextItemWidth(scaled(140));
    if (ImGui::SliderFloat("UI scale", &scale, 0.75f, 2.0f, "%.2f×")) {
      // Applied when the slider is released: rebuilding fonts every drag step is wasteful.
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) out.uiScale = scale;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Camera")) {
    if (ImGui::MenuItem("Front", "1")) out.view = CameraView::Front;
    if (ImGui::MenuItem("Side", "2")) out.view = CameraView::Side;
    if (ImGui::MenuItem("Top", "3")) out.view = CameraView::Top;
    if (ImGui::MenuItem("Three-quarter", "4")) out.view = CameraView::ThreeQuarter;
    if (ImGui::MenuItem("This stretch's view", "5")) out.view = CameraView::Stretch;
    if (ImGui::MenuItem("Client's view", "6")) out.view = CameraView::Client;
    if (ImGui::MenuItem("Practitioner's view", "7")) out.view = CameraView::Practitioner;
    if (ImGui::MenuItem("Reset", "0")) out.view = CameraView::Reset;
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Screenshot")) out.screenshot = true;
  if (ImGui::MenuItem(v.presenter ? "Leave presenter" : "Presenter")) out.presenter = !v.presenter;
  if (ImGui::MenuItem("Help")) out.showHelp = !v.showHelp;
  if (v.stretch != nullptr) {
    char title[160];
    std::snprintf(title, sizeof title, "%s  (%s)", v.stretch->name.c_str(),
                  v.side == anatomy::Side::Left ? "left" : "right");
    const float w = ImGui::CalcTextSize(title).x;
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX() + scaled(20), (ImGui::GetIO().DisplaySize.x - w) * 0.5f));
    ImGui::TextUnformatted(title);
  }
  ImGui::EndMainMenuBar();
}

// --- Left column: muscle groups and stretch browser ---------------------------------------

void drawGroups(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out, ImVec2 pos,
                ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  if (!ImGui::Begin("Muscle groups", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##groupsearch", "Search muscles…", ui.groupSearch.data(),
                               ui.groupSearch.size())) {
    lowerInto(ui.groupSearch.data(), ui.groupSearchLower);  // once per edit, not per frame
  }
  const GroupSelection& sel = *v.selection;
  int side = static_cast<int>(sel.side);
  const char* sides[] = {"Both sides", "Left", "Right"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(sides[i], side == i)) out.groupSide = static_cast<SideFilter>(i);
  }
  ImGui::SameLine();
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
      // the widgets distinct without building "label##id" strings every frame.
      ImGui::PushID(g);
      if (ImGui::Checkbox(anatomy::muscleGroupLabel(group).data(), &on)) out.toggleGroup = group;
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
    ImGui::Text("%s (%s)", info.name.c_str(), info.side == anatomy::Side::Left ? "left" : "right");
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

void drawBrowser(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out, ImVec2 pos,
                 ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
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
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##stretchsearch", "Search stretches…", ui.stretchSearch.data(),
                               ui.stretchSearch.size())) {
    out.selectionChanged = true;
  }
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
      ImGui::SameLine();
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

void drawDetails(const WorkspaceView& v, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  if (!ImGui::Begin("Stretch details", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  const stretches::Stretch* s = v.stretch;
  if (s == nullptr) {
    ImGui::TextWrapped(
        "Pick a muscle group on the left (or click a muscle on the body), then a stretch.");
    ImGui::End();
    return;
  }
  // Safety first, where it cannot be missed: a red-tinted box above everything else.
  if (!s->contraindications.empty() || !s->precautions.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.42f, 0.13f, 0.12f, 0.55f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, scaled(6));
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const float h = std::min(
        lineH *
            (2.5f + static_cast<float>(s->contraindications.size() + s->precautions.size()) * 1.6f),
        size.y * 0.38f);
    ImGui::BeginChild("##safety", ImVec2(0, h), false);
    ImGui::PushFont(headingFont());
    ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.72f, 1.0f), "Safety — do not stretch if");
    ImGui::PopFont();
    bulletList(s->contraindications);
    if (!s->precautions.empty()) {
      ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.6f, 1.0f), "Take care with");
      bulletList(s->precautions);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  ImGui::BeginChild("##detailtext");
  ImGui::TextWrapped("%s", s->description.c_str());
  ImGui::Spacing();
  ImGui::TextDisabled("Client: %s. %s", positionLabel(s->clientPosition), s->placement.c_str());
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

// A semicircular gauge: the normal range as the dial, the target band, the barrier, the
// client's limit and the live angle as a needle. Public within the file's users via
// drawGauge() below.
void drawGaugeWidget(const char* id, const stretches::KeyGauge& g, const stretches::Measurement& m,
                     float value, float clientLimit, float width) {
  ImGui::PushID(id);
  const float lo = std::min({m.normal.min, g.start, g.target.min, value}) - 5.0f;
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
    dl->PathArcTo(c, r, angleOf(a0), angleOf(a1), 48);
    dl->PathStroke(col, 0, thick);
  };
  const float t = scaled(14);
  arc(lo, hi, radius, rgba(0.25f, 0.27f, 0.30f), t);
  arc(m.normal.min, m.normal.max, radius, rgba(0.42f, 0.45f, 0.50f), t);
  arc(g.target.min, g.target.max, radius, rgba(0.27f, 0.70f, 0.55f), t);
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
  std::snprintf(buf, sizeof buf, "%.0f°", static_cast<double>(value));
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
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(needle), "%s", zoneText);
  ImGui::PopID();
}

namespace {

// "hip.flexion" → "Hip flexion", in a fixed buffer (drawn every frame: no allocation).
struct MotionLabel {
  char text[64];
};
MotionLabel motionLabel(anatomy::Motion mo) {
  MotionLabel l{};
  const std::string_view id = anatomy::motionId(mo);
  const std::size_t n = std::min(id.size(), sizeof l.text - 1);
  for (std::size_t i = 0; i < n; ++i) l.text[i] = (id[i] == '.' || id[i] == '_') ? ' ' : id[i];
  l.text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(l.text[0])));
  return l;
}

void gaugeBlock(const char* id, const stretches::KeyGauge& g, const stretches::Measurement& m,
                float value, float clientLimit, float width) {
  ImGui::PushFont(headingFont());
  ImGui::TextUnformatted(motionLabel(m.motion).text);
  ImGui::PopFont();
  if (!m.condition.empty()) ImGui::TextDisabled("%s", m.condition.c_str());
  drawGaugeWidget(id, g, m, value, clientLimit, width);
  if (ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) {
    auto row = [](const char* k, const char* fmt, double a, double b) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", k);
      ImGui::TableNextColumn();
      ImGui::Text(fmt, a, b);
    };
    row("Live", "%.1f°%.0s", static_cast<double>(value), 0.0);
    row("Target band", "%.0f–%.0f°", static_cast<double>(g.target.min),
        static_cast<double>(g.target.max));
    row("First barrier", "%.0f°%.0s", static_cast<double>(g.barrier), 0.0);
    row("Client's limit", "%.0f°%.0s", static_cast<double>(clientLimit), 0.0);
    row("Normal range", "%.0f–%.0f°", static_cast<double>(m.normal.min),
        static_cast<double>(m.normal.max));
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Normal range: %s", m.normalSource.c_str());
  ImGui::PopStyleColor();
}

void drawGaugePanel(const WorkspaceView& v, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  if (!ImGui::Begin("Target range", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
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

void drawProfile(const WorkspaceView& v, WorkspaceCommands& out, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  if (!ImGui::Begin("Client profile", nullptr, kPanelFlags | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  const stretches::ClientProfile& p = *v.profile;
  ImGui::TextDisabled("Side");
  ImGui::SameLine(scaled(110));
  if (ImGui::RadioButton("Left", v.side == anatomy::Side::Left)) out.side = anatomy::Side::Left;
  ImGui::SameLine();
  if (ImGui::RadioButton("Right", v.side == anatomy::Side::Right)) out.side = anatomy::Side::Right;
  if (v.stretch) {
    ImGui::TextDisabled("Technique");
    ImGui::SameLine(scaled(110));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##tech", techniqueLabel(v.technique))) {
      for (const stretches::Technique& t : v.stretch->techniques) {
        if (ImGui::Selectable(t.name.c_str(), t.id == v.technique)) out.technique = t.id;
      }
      ImGui::EndCombo();
    }
  }
  ImGui::TextDisabled("Flexibility");
  ImGui::SameLine(scaled(110));
  const char* flex[] = {"Stiff", "Average", "Flexible"};
  int f = static_cast<int>(p.flexibility);
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
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
    float r = *p.measuredKeyRange;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##measured", &r, -60.0f, 180.0f, "%.0f°");
    if (ImGui::IsItemDeactivatedAfterEdit()) out.measuredRange = std::optional<float>(r);
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
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.5f, 1.0f), "Range capped at the normal range + 10 %%.");
  }
  drawBodyShape("Client's body", v.settings->clientBody, out.clientBody);
  drawBodyShape("Practitioner's body", v.settings->practitionerBody, out.practitionerBody);
  ImGui::End();
}

// --- Bottom: playback bar; top: phase caption ---------------------------------------------

void drawTimeline(const WorkspaceView& v, WorkspaceCommands& out, float width) {
  const stretches::StretchTimeline& tl = *v.timeline;
  const float duration = tl.timeline.duration();
  const float h = scaled(30);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::InvisibleButton("##scrub", ImVec2(width, h));
  if (ImGui::IsItemActive() && duration > 0.0f) {
    const float x = ImGui::GetIO().MousePos.x - p0.x;
    out.seek = std::clamp(x / width, 0.0f, 1.0f) * duration;
  }
  for (int i = 0; i < tl.timeline.phaseCount(); ++i) {
    const animation::PhaseInfo& ph = tl.timeline.phase(i);
    const float x0 = p0.x + width * ph.start / duration;
    const float x1 = p0.x + width * (ph.start + ph.duration) / duration;
    const auto kind = static_cast<PhaseKind>(ph.kind);
    ImVec4 col = phaseColor(kind);
    if (i != v.player->phaseIndex()) col.w = 0.55f;
    dl->AddRectFilled(ImVec2(x0 + 1, p0.y), ImVec2(x1 - 1, p0.y + h),
                      ImGui::ColorConvertFloat4ToU32(col), scaled(3));
    const char* label = stretches::phaseTitle(kind).data();  // a literal: ends in \0
    const ImVec2 ts = ImGui::CalcTextSize(label);
    if (ts.x + scaled(6) < x1 - x0) {
      dl->AddText(ImVec2(x0 + (x1 - x0 - ts.x) * 0.5f, p0.y + (h - ts.y) * 0.5f),
                  rgba(0.05f, 0.06f, 0.08f), label);
    }
  }
  const float xp = p0.x + width * (duration > 0.0f ? v.player->time() / duration : 0.0f);
  dl->AddLine(ImVec2(xp, p0.y - scaled(4)), ImVec2(xp, p0.y + h + scaled(4)), rgba(1, 1, 1),
              scaled(3));
  dl->AddTriangleFilled(ImVec2(xp - scaled(6), p0.y - scaled(8)),
                        ImVec2(xp + scaled(6), p0.y - scaled(8)), ImVec2(xp, p0.y - scaled(1)),
                        rgba(1, 1, 1));
}

void drawPlayback(const WorkspaceView& v, WorkspaceCommands& out, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  if (!ImGui::Begin("##playback", nullptr,
                    kPanelFlags | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar |
                        ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  const animation::Player& pl = *v.player;
  const float btn = scaled(34);
  if (ImGui::Button("|<", ImVec2(btn, 0))) out.previousPhase = true;
  ImGui::SameLine();
  if (ImGui::Button(pl.playing() ? "Pause" : "Play", ImVec2(btn * 2.0f, 0))) out.togglePlay = true;
  ImGui::SameLine();
  if (ImGui::Button(">|", ImVec2(btn, 0))) out.nextPhase = true;
  ImGui::SameLine();
  const float dur = v.timeline->timeline.duration();
  ImGui::Text("%d:%04.1f / %d:%04.1f", static_cast<int>(pl.time()) / 60,
              static_cast<double>(std::fmod(pl.time(), 60.0f)), static_cast<int>(dur) / 60,
              static_cast<double>(std::fmod(dur, 60.0f)));
  // Speed, loop and repetitions sit on the right when there is room, else on a second row.
  const float controlsW =
      scaled(120) + scaled(70) + scaled(110) + 2 * ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetCursorPosX() + ImGui::GetItemRectSize().x + controlsW + scaled(20) < right) {
    ImGui::SameLine(right - controlsW);
  }
  float speed = pl.speed();
  ImGui::SetNextItemWidth(scaled(120));
  if (ImGui::SliderFloat("##speed", &speed, 0.25f, 2.0f, "speed %.2f×")) out.speed = speed;
  ImGui::SameLine();
  bool loop = pl.loop();
  if (ImGui::Checkbox("Loop", &loop)) out.loop = loop;
  ImGui::SameLine();
  int reps = pl.repeatCount();
  ImGui::SetNextItemWidth(scaled(110));
  if (ImGui::SliderInt("##reps", &reps, 1, 10, reps == 1 ? "once" : "%d passes"))
    out.repetitions = reps;
  ImGui::Dummy(ImVec2(1, scaled(6)));
  drawTimeline(v, out, ImGui::GetContentRegionAvail().x);
  ImGui::End();
}

// "Contract — Push your heel into my shoulder — 4 s" with the what-to-do lines under it.
void drawCaption(const WorkspaceView& v, ImVec2 centreTop, float maxWidth, bool large) {
  if (!v.timeline || !v.player || v.timeline->timeline.phaseCount() == 0) return;
  const int pi = std::max(v.player->phaseIndex(), 0);
  const stretches::Phase& ph = v.timeline->phaseText(pi);
  const float remaining = v.player->remainingInPhase();
  char head[256];
  std::snprintf(head, sizeof head, "%s — %s — %.0f s", stretches::phaseTitle(ph.kind).data(),
                ph.cue.c_str(), static_cast<double>(std::ceil(remaining)));
  ImGui::SetNextWindowPos(centreTop, ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxWidth, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.78f);
  ImGui::Begin("##caption", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
  ImGui::PushFont(largeFont());
  ImGui::PushStyleColor(ImGuiCol_Text, phaseColor(ph.kind));
  ImGui::PushTextWrapPos(maxWidth - scaled(24));
  ImGui::TextUnformatted(head);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PushTextWrapPos(maxWidth - scaled(24));
  if (large) ImGui::PushFont(headingFont());
  if (!ph.practitioner.empty()) ImGui::TextWrapped("Practitioner: %s", ph.practitioner.c_str());
  if (!ph.client.empty()) ImGui::TextWrapped("Client: %s", ph.client.c_str());
  if (!ph.effort.empty()) ImGui::TextDisabled("Effort: %s", ph.effort.c_str());
  if (large) ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::End();
}

void drawHelp(WorkspaceCommands& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  bool open = true;
  if (ImGui::Begin("Keyboard and mouse", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoCollapse)) {
    const char* rows[][2] = {
        {"Space", "play / pause"},
        {"← / →", "previous / next phase"},
        {"1 2 3 4", "front, side, top, three-quarter view"},
        {"5", "this stretch's own view"},
        {"6 / 7", "client's / practitioner's view"},
        {"0 or Home", "reset the view"},
        {"P", "presenter mode"},
        {"F", "fullscreen"},
        {"S", "screenshot (PNG in the current folder)"},
        {"H or F1", "this help"},
        {"Left-drag", "orbit"},
        {"Right- or middle-drag", "pan"},
        {"Wheel", "zoom toward the cursor"},
        {"Double-click", "re-centre on the point"},
        {"Click a muscle", "select its group"},
        {"Drag a panel's edge", "resize the panel (double-click: default size)"},
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
  }
  ImGui::End();
  if (!open) out.showHelp = false;
}

void drawMessages(const WorkspaceView& v, WorkspaceCommands& out, ImVec2 pos, float width) {
  if (!v.messages || v.messages->empty()) return;
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(width, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.35f, 0.16f, 0.12f, 0.95f));
  ImGui::Begin("##messages", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushTextWrapPos(width - scaled(24));
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

LayoutInput layoutInput(const WorkspaceView& v, const PanelSizes& sizes) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const Settings& st = *v.settings;
  LayoutInput in;
  in.width = vp->Size.x;
  in.height = vp->Size.y;
  in.fontSize = ImGui::GetFontSize();
  in.menuHeight = menuHeight();
  in.showGroups = st.showGroups;
  in.showBrowser = st.showBrowser;
  in.showDetails = st.showDetails;
  in.showGauge = st.showGauge;
  in.showProfile = st.showProfile;
  in.twoGauges = v.timeline && v.timeline->second;
  in.profileHold = v.profile && v.profile->holdSeconds;
  in.sizes = sizes;
  return in;
}

ImVec2 topLeft(const LayoutRect& r) {
  return ImVec2(r.x, r.y);
}
ImVec2 extent(const LayoutRect& r) {
  return ImVec2(r.w, r.h);
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

WorkspaceLayout workspaceLayout(const WorkspaceView& v, const WorkspaceUiState& ui) {
  return computeLayout(layoutInput(v, ui.dragging ? ui.dragSizes : v.settings->layout));
}

void drawWorkspace(const WorkspaceView& v, WorkspaceUiState& ui, WorkspaceCommands& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float W = vp->Size.x, H = vp->Size.y;
  const float gap = scaled(kGap);

  if (v.presenter) {
    // One large caption and the gauge, nothing else: for a client on a second screen.
    drawCaption(v, ImVec2(W * 0.5f, gap), W * 0.8f, true);
    if (v.stretch && v.timeline) {
      const float gw = std::min(W * 0.3f, scaled(420));
      ImGui::SetNextWindowPos(ImVec2(W - gap, H - gap), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
      ImGui::SetNextWindowBgAlpha(0.75f);
      ImGui::Begin("##presentergauge", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                       ImGuiWindowFlags_NoSavedSettings);
      ImGui::PushFont(headingFont());
      ImGui::TextUnformatted(motionLabel(v.stretch->key.motion).text);
      ImGui::PopFont();
      drawGaugeWidget("pkey", v.timeline->key, v.stretch->key, v.keyValue, v.clientLimit, gw);
      ImGui::End();
    }
    if (v.showHelp) drawHelp(out);
    return;
  }

  drawMenu(v, out);
  LayoutInput in = layoutInput(v, ui.dragging ? ui.dragSizes : v.settings->layout);
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
  const Settings& st = *v.settings;
  const float top = layout.top;
  if (st.showGroups) drawGroups(v, ui, out, topLeft(layout.groups), extent(layout.groups));
  if (st.showBrowser) drawBrowser(v, ui, out, topLeft(layout.browser), extent(layout.browser));
  if (st.showDetails) drawDetails(v, topLeft(layout.details), extent(layout.details));
  if (st.showGauge) drawGaugePanel(v, topLeft(layout.gauge), extent(layout.gauge));
  if (st.showProfile) drawProfile(v, out, topLeft(layout.profile), extent(layout.profile));

  const float cx0 = layout.centre.x;
  const float cx1 = layout.centre.x + layout.centre.w;
  if (v.timeline && v.player) {
    const float ph = layout.playbackHeight;
    drawPlayback(v, out, ImVec2(cx0, H - ph - gap), ImVec2(layout.centre.w, ph));
    drawCaption(v, ImVec2((cx0 + cx1) * 0.5f, top), layout.centre.w, false);
  }
  // Overlays stand on the playback bar (or the bottom gap without a stretch).
  const float overlayBottom = v.timeline ? H - layout.playbackHeight - 2 * gap : H - gap;
  if (st.showStats && v.stats) drawStatsOverlayAt(*v.stats, ImVec2(cx1, overlayBottom));
  // One legend box in the view's lower left: what the colours on the body and the arrows
  // mean. (Separate floating boxes covered the figures in the narrow view between panels.)
  const bool heat = st.heatmap && v.muscles && v.stretch;
  if (heat || v.arrowsShown) {
    ImGui::SetNextWindowPos(ImVec2(cx0 + gap, overlayBottom), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##legend", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
    if (heat) {
      ImGui::TextUnformatted("Muscle stretch (share of the available stretch)");
      heatLegend(scaled(230));
    }
    if (v.arrowsShown) {
      if (heat) ImGui::Spacing();
      ImGui::TextColored(ImVec4(0.25f, 0.60f, 0.95f, 1.0f), "——→");
      ImGui::SameLine();
      ImGui::TextUnformatted("practitioner moves");
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.62f, 0.66f, 0.72f, 1.0f), "——→");
      ImGui::SameLine();
      ImGui::TextUnformatted("holds");
      ImGui::TextColored(ImVec4(0.95f, 0.60f, 0.15f, 1.0f), "——→");
      ImGui::SameLine();
      ImGui::TextUnformatted(v.clientPushing ? "client pushes (isometric)"
                                             : "client pushes (contract phases)");
    }
    ImGui::End();
  }
  drawMessages(v, out, ImVec2((cx0 + cx1) * 0.5f, top + scaled(150)), cx1 - cx0);
  if (v.showHelp) drawHelp(out);
}

}  // namespace sv::ui
