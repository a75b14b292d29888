#include "ui/routine_panel.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <tuple>

#include "ui/settings.h"
#include "ui/style.h"

namespace sv::ui {
namespace {

using routines::EntrySide;
using routines::Period;

float scaled(float px) {
  return px * ImGui::GetFontSize() / 16.0f;
}

const ImVec4 kMuted(0.62f, 0.66f, 0.72f, 1.0f);
const ImVec4 kGood(0.45f, 0.80f, 0.50f, 1.0f);
const ImVec4 kBad(1.0f, 0.55f, 0.45f, 1.0f);
const ImVec4 kAccent(0.27f, 0.62f, 0.70f, 1.0f);

const char* sideName(EntrySide s) {
  switch (s) {
    case EntrySide::Left:
      return "Left";
    case EntrySide::Right:
      return "Right";
    case EntrySide::Both:
      return "Both sides";
  }
  return "";
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushFont(headingFont());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  ImGui::Separator();
}

// A popup with one name field and a button: `buf` typed in, the command set on the button or
// Enter. Returns true when it was used.
bool namePopup(const char* id, const char* hint, const char* button, std::array<char, 96>& buf,
               std::optional<std::string>& command) {
  bool used = false;
  if (ImGui::BeginPopup(id)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(scaled(220));
    const bool enter = ImGui::InputTextWithHint("##name", hint, buf.data(), buf.size(),
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(button) || enter) && buf[0]) {
      command = std::string(buf.data());
      buf[0] = '\0';
      used = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return used;
}

// The chosen client's name and notes, folded by default; saved when a field is left after an
// edit (the book saves name and notes together).
void drawClientDetails(const routines::Client* client, RoutinePanelUi& ui,
                       RoutinePanelCommands& out) {
  if (client == nullptr) {
    ui.detailsFor.clear();
    return;
  }
  if (ui.detailsFor != client->id) {  // another client chosen (or renamed on disk): reload
    ui.detailsFor = client->id;
    std::snprintf(ui.clientEditName.data(), ui.clientEditName.size(), "%s", client->name.c_str());
    std::snprintf(ui.clientNotes.data(), ui.clientNotes.size(), "%s", client->notes.c_str());
  }
  if (!ImGui::TreeNode("Client details")) return;
  bool commit = false;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##clientname", "Name", ui.clientEditName.data(),
                           ui.clientEditName.size());
  commit |= ImGui::IsItemDeactivatedAfterEdit();
  ImGui::InputTextMultiline("##clientnotes", ui.clientNotes.data(), ui.clientNotes.size(),
                            ImVec2(-1, ImGui::GetTextLineHeight() * 4.0f));
  commit |= ImGui::IsItemDeactivatedAfterEdit();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Notes about the client (saved in their file)");
  if (commit &&
      (client->name != ui.clientEditName.data() || client->notes != ui.clientNotes.data())) {
    out.clientDetails =
        RoutinePanelCommands::ClientDetails{ui.clientEditName.data(), ui.clientNotes.data()};
  }
  ImGui::TreePop();
}

// Client and routine choice; creating either and renaming the routine in small popups.
void drawChoice(const RoutinePanelView& v, RoutinePanelUi& ui, RoutinePanelCommands& out) {
  const routines::RoutineBook& book = *v.book;
  const routines::Client* client = book.client();
  const routines::Routine* routine = book.routine();
  const float labelW = scaled(64);
  const float newW = scaled(52);
  const float gap = ImGui::GetStyle().ItemSpacing.x;

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Client");
  ImGui::SameLine(labelW);
  ImGui::SetNextItemWidth(-(newW + gap));
  if (ImGui::BeginCombo("##client", client ? client->name.c_str() : "(no client)")) {
    if (ImGui::Selectable("(no client)", client == nullptr)) out.chooseClient = std::string();
    for (const routines::Client& c : book.clients()) {
      ImGui::PushID(c.id.c_str());
      if (ImGui::Selectable(c.name.c_str(), client == &c)) out.chooseClient = c.id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("New##client", ImVec2(-1, 0))) ImGui::OpenPopup("newclient");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new client, by name");
  namePopup("newclient", "The client's name", "Create", ui.clientName, out.createClient);

  drawClientDetails(client, ui, out);

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Routine");
  ImGui::SameLine(labelW);
  ImGui::SetNextItemWidth(-(newW + gap));
  if (ImGui::BeginCombo("##routine", routine ? routine->name.c_str() : "(choose or create)")) {
    for (const routines::Routine& r : book.routines()) {
      ImGui::PushID(r.id.c_str());
      if (ImGui::Selectable(r.name.c_str(), routine == &r)) out.chooseRoutine = r.id;
      ImGui::PopID();
    }
    if (routine != nullptr) {
      ImGui::Separator();
      if (ImGui::Selectable("Rename this routine…")) {
        std::snprintf(ui.rename.data(), ui.rename.size(), "%s", routine->name.c_str());
        ui.renameFor = 1;  // open the popup below, outside the combo
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("New##routine", ImVec2(-1, 0))) ImGui::OpenPopup("newroutine");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new routine for the chosen client");
  namePopup("newroutine", "The routine's name", "Create", ui.routineName, out.createRoutine);
  if (ui.renameFor == 1) {
    ImGui::OpenPopup("rename");
    ui.renameFor = -1;
  }
  if (namePopup("rename", "The routine's new name", "Rename", ui.rename, out.renameRoutine) &&
      routine != nullptr && *out.renameRoutine == routine->name) {
    out.renameRoutine.reset();  // unchanged
  }
}

// The selected entry's side and dose.
void drawDoseEditor(const RoutineRow& row, std::size_t i, RoutinePanelUi& ui,
                    RoutinePanelCommands& out) {
  ImGui::Indent(scaled(8));
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(w * 0.5f);
  if (ImGui::BeginCombo("Side", sideName(row.side))) {
    for (EntrySide s : {EntrySide::Right, EntrySide::Left, EntrySide::Both}) {
      if (ImGui::Selectable(sideName(s), s == row.side) && s != row.side) out.side = {i, s};
    }
    ImGui::EndCombo();
  }
  routines::DoseEdit& d = ui.dose;
  bool commit = false;
  if (row.hasHold) {
    bool own = d.holdSeconds.has_value();
    if (ImGui::Checkbox("Own hold", &own)) {
      d.holdSeconds = own ? std::optional<float>(row.defaultHold) : std::nullopt;
      commit = true;
    }
    if (own) {
      ImGui::SameLine();
      float hold = *d.holdSeconds;
      ImGui::SetNextItemWidth(-1);
      if (ImGui::SliderFloat("##hold", &hold, 5.0f, 120.0f, "%.0f s")) d.holdSeconds = hold;
      commit = commit || ImGui::IsItemDeactivatedAfterEdit();
    }
  }
  bool ownReps = d.repetitions.has_value();
  if (ImGui::Checkbox("Own repetitions", &ownReps)) {
    d.repetitions = ownReps ? std::optional<int>(row.defaultRepetitions) : std::nullopt;
    commit = true;
  }
  if (ownReps) {
    ImGui::SameLine();
    int reps = *d.repetitions;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##reps", &reps, 1, 10, "%d times")) d.repetitions = reps;
    commit = commit || ImGui::IsItemDeactivatedAfterEdit();
  }
  const int maxSets = d.sets.per == Period::Day ? 10 : 21;
  ImGui::SetNextItemWidth(w * 0.45f);
  if (ImGui::SliderInt("##sets", &d.sets.count, 1, maxSets, "%d times")) {
    d.sets.count = std::clamp(d.sets.count, 1, maxSets);
  }
  commit = commit || ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##per", d.sets.per == Period::Day ? "a day" : "a week")) {
    for (Period p : {Period::Day, Period::Week}) {
      if (ImGui::Selectable(p == Period::Day ? "a day" : "a week", p == d.sets.per) &&
          p != d.sets.per) {
        d.sets.per = p;
        d.sets.count = std::min(d.sets.count, p == Period::Day ? 10 : 21);
        commit = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::TextUnformatted("Notes for the client");
  ImGui::InputTextMultiline("##notes", ui.notes.data(), ui.notes.size(),
                            ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f));
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    d.notes = ui.notes.data();
    commit = true;
  }
  if (commit && d != row.dose) out.dose = {i, d};
  ImGui::Unindent(scaled(8));
}

void drawEntries(const RoutinePanelView& v, RoutinePanelUi& ui, RoutinePanelCommands& out) {
  const routines::Routine* routine = v.book->routine();
  if (routine == nullptr) {
    ImGui::TextWrapped("Create or choose a routine, then add the stretch that is open.");
    return;
  }
  if (v.openStretch != nullptr) {
    if (ImGui::Button("+ Add the open stretch", ImVec2(-1, 0))) out.addOpenStretch = true;
    ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
    ImGui::TextWrapped("%s (%s, %s)", v.openStretch->name.c_str(),
                       v.openSide == anatomy::Side::Left ? "left" : "right",
                       v.openTechnique.data());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled("Open a stretch to add it here.");
  }
  if (ui.selected >= static_cast<int>(v.rows.size())) ui.selected = -1;
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const RoutineRow& row = v.rows[i];
    ImGui::PushID(static_cast<int>(i));
    const bool playing = v.sessionActive && v.sessionEntry == i;
    const bool selected = ui.selected == static_cast<int>(i);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - scaled(76));
    if (playing) ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextWrapped("%s", row.title.c_str());
    if (playing) ImGui::PopStyleColor();
    if (ImGui::IsItemClicked()) ui.selected = selected ? -1 : static_cast<int>(i);
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - scaled(72));
    if (i > 0) {
      if (ImGui::ArrowButton("##up", ImGuiDir_Up)) out.move = {i, i - 1};
    } else {
      ImGui::Dummy(ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
    }
    ImGui::SameLine(0, scaled(2));
    if (i + 1 < v.rows.size()) {
      if (ImGui::ArrowButton("##down", ImGuiDir_Down)) out.move = {i, i + 1};
    } else {
      ImGui::Dummy(ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
    }
    ImGui::SameLine(0, scaled(2));
    if (ImGui::Button("x")) out.remove = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove from the routine");
    ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
    ImGui::TextWrapped("%s", row.detail.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemClicked()) ui.selected = selected ? -1 : static_cast<int>(i);
    if (selected) {
      // The edit buffer follows the file unless a field is being edited.
      if (!ImGui::IsAnyItemActive() && ui.dose != row.dose) {
        ui.dose = row.dose;
        std::snprintf(ui.notes.data(), ui.notes.size(), "%s", row.dose.notes.c_str());
      }
      drawDoseEditor(row, i, ui, out);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  if (!v.rows.empty() && ui.selected < 0) ImGui::TextDisabled("Click a stretch to edit its dose.");
}

// The pause between stretches (a setting; applies from the next Play of the routine).
void drawChangeover(const RoutinePanelView& v, RoutinePanelCommands& out) {
  float seconds = v.changeoverSeconds;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##changeover", &seconds, kChangeoverRange[0], kChangeoverRange[1],
                         "Pause between stretches: %.0f s")) {
    out.changeoverSeconds = seconds;
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Time to move round the table: \"Next: … in N s\" shows meanwhile");
  }
}

void drawSession(const RoutinePanelView& v, RoutinePanelCommands& out) {
  heading("Session");
  if (!v.sessionActive) {
    ImGui::BeginDisabled(v.rows.empty());
    if (ImGui::Button("Play the routine", ImVec2(-1, 0))) out.startSession = 0;
    ImGui::EndDisabled();
    drawChangeover(v, out);
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
  ImGui::TextWrapped("%s", v.sessionLabel);
  ImGui::PopStyleColor();
  if (v.sessionNext[0] != '\0') ImGui::TextWrapped("%s", v.sessionNext);
  ImGui::ProgressBar(v.sessionProgress, ImVec2(-1, 0), v.sessionFinished ? "Done" : "");
  const float bw = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  if (ImGui::Button("Previous", ImVec2(bw, 0))) out.previous = true;
  ImGui::SameLine();
  const char* play = v.sessionNext[0] != '\0' ? "Start" : v.sessionPlaying ? "Pause" : "Play";
  if (ImGui::Button(play, ImVec2(bw, 0))) out.togglePlay = true;
  ImGui::SameLine();
  if (ImGui::Button("Next", ImVec2(bw, 0))) out.next = true;
  ImGui::SameLine();
  if (ImGui::Button("Stop", ImVec2(bw, 0))) out.stopSession = true;
  drawChangeover(v, out);
}

// The two export buttons, the progress bar with Cancel and the outcome: always in view.
void drawExportButtons(const RoutinePanelView& v, RoutinePanelUi& ui, RoutinePanelCommands& out) {
  heading("Take home");
  const bool can = v.book->routine() != nullptr && !v.rows.empty() && !v.exporting;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginDisabled(!can);
  if (ImGui::Button("Handout (PDF)…", ImVec2(half, 0))) {
    RoutinePanelCommands::Export e;
    e.kind = ExportKind::Handout;
    e.path = ui.handoutPath.data();
    e.letter = ui.letter;
    if (ui.selectedOnly && ui.selected >= 0) e.entry = static_cast<std::size_t>(ui.selected);
    out.startExport = std::move(e);
  }
  ImGui::SameLine();
  if (ImGui::Button("Clip (MP4/GIF)…", ImVec2(-1, 0))) {
    RoutinePanelCommands::Export e;
    e.kind = ExportKind::Clip;
    e.path = ui.clipPath.data();
    const auto& size = kClipSizes[std::clamp(ui.clipSize, 0, 2)];
    e.width = size.first;
    e.height = size.second;
    e.captions = ui.captions;
    if (e.path.empty()) e.path = ui.gif ? v.defaultClipGifPath : v.defaultClipMp4Path;
    if (ui.selectedOnly && ui.selected >= 0) e.entry = static_cast<std::size_t>(ui.selected);
    out.startExport = std::move(e);
  }
  ImGui::EndDisabled();
  if (v.exporting) {
    ImGui::ProgressBar(v.exportProgress, ImVec2(-scaled(72), 0), v.exportText);
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(-1, 0))) out.cancelExport = true;
  }
  if (!v.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, v.noticeIsError ? kBad : kGood);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(v.notice.data(), v.notice.data() + v.notice.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("OK")) out.dismissNotice = true;
  }
}

// Where the exports go, the handout's paper and header, the clip's size and captions.
// The chooser under a path field: the folder, its sub-folders (click: go in) and files of the
// kind (click: take it), the parent folder, and *Save here* (the typed or default file name
// in this folder). The listing is the app's (made once per request): nothing is read here.
void drawChooser(const FolderListing& l, const char* hint, std::array<char, 512>& path,
                 ExportKind kind, RoutinePanelCommands& out) {
  const std::span<const std::string_view> exts =
      kind == ExportKind::Clip ? std::span<const std::string_view>(kClipExtensions)
                               : std::span<const std::string_view>(kHandoutExtensions);
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::TextWrapped("%s", l.folder.c_str());
  ImGui::PopStyleColor();
  if (!l.error.empty()) ImGui::TextWrapped("%s", l.error.c_str());
  const auto browse = [&](const std::filesystem::path& p) {
    out.browse = RoutinePanelCommands::Browse{kind, p.string()};
  };
  ImGui::BeginChild("##chooser", ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * 8.0f), true);
  if (l.folder.has_parent_path() && l.folder != l.folder.root_path()) {
    if (ImGui::Selectable("../  (parent folder)")) browse(l.folder.parent_path());
  }
  for (std::size_t i = 0; i < l.entries.size(); ++i) {
    const FolderEntry& e = l.entries[i];
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable("##entry")) {
      if (e.folder) {
        browse(l.folder / e.name);
      } else {
        std::snprintf(path.data(), path.size(), "%s", (l.folder / e.name).c_str());
        out.closeBrowser = true;
      }
    }
    ImGui::SameLine(0.0f, 0.0f);
    if (e.folder) {
      ImGui::Text("%s/", e.name.c_str());
    } else {
      ImGui::TextUnformatted(e.name.c_str());
    }
    ImGui::PopID();
  }
  if (l.truncated) ImGui::TextDisabled("(more not shown)");
  ImGui::EndChild();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (ImGui::Button("Save here", ImVec2(half, 0))) {
    const std::string name = std::filesystem::path(hint).filename().string();
    const std::filesystem::path p = fileIn(l.folder, path.data(), exts, name);
    std::snprintf(path.data(), path.size(), "%s", p.c_str());
    out.closeBrowser = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The file name typed above (or the default) in this folder");
  ImGui::SameLine();
  if (ImGui::Button("Close##chooser", ImVec2(-1, 0))) out.closeBrowser = true;
}

// A path field with *Browse…* beside it, and the chooser under it while it is open.
void pathField(const char* id, const char* hint, std::array<char, 512>& path, ExportKind kind,
               const RoutinePanelView& v, RoutinePanelCommands& out) {
  const float bw = scaled(74);
  ImGui::SetNextItemWidth(-(bw + ImGui::GetStyle().ItemSpacing.x));
  ImGui::InputTextWithHint(id, hint, path.data(), path.size());
  ImGui::SameLine();
  ImGui::PushID(id);
  const bool open = v.listing != nullptr && v.listingFor == kind;
  if (ImGui::Button(open ? "Close" : "Browse…", ImVec2(-1, 0))) {
    if (open) {
      out.closeBrowser = true;
    } else {
      out.browse = RoutinePanelCommands::Browse{kind, path[0] ? path.data() : hint};
    }
  }
  if (open) drawChooser(*v.listing, hint, path, kind, out);
  ImGui::PopID();
}

void drawExportOptions(const RoutinePanelView& v, RoutinePanelUi& ui, RoutinePanelCommands& out) {
  // The handout's header: the settings' texts, unless one is being typed in.
  ImGui::TextUnformatted("Handout header");
  for (auto [label, buf, current, cmd] :
       {std::tuple{"##practitioner", &ui.practitioner, v.practitionerName, &out.practitionerName},
        std::tuple{"##clinic", &ui.clinic, v.clinic, &out.clinic}}) {
    if (!ImGui::IsAnyItemActive() && std::strcmp(buf->data(), current) != 0) {
      std::snprintf(buf->data(), buf->size(), "%s", current);
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint(label, label[2] == 'p' ? "Practitioner's name" : "Clinic", buf->data(),
                             buf->size());
    if (ImGui::IsItemDeactivatedAfterEdit()) *cmd = std::string(buf->data());
  }
  ImGui::Spacing();
  ImGui::TextUnformatted("Handout file");
  pathField("##handoutpath", v.defaultHandoutPath, ui.handoutPath, ExportKind::Handout, v, out);
  if (ImGui::RadioButton("A4", !ui.letter)) ui.letter = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("US Letter", ui.letter)) ui.letter = true;
  ImGui::Spacing();
  ImGui::TextUnformatted("Clip file");
  pathField("##clippath", ui.gif ? v.defaultClipGifPath : v.defaultClipMp4Path, ui.clipPath,
            ExportKind::Clip, v, out);
  static const char* const kSizes[] = {"640×360", "1280×720", "1920×1080"};
  ImGui::SetNextItemWidth(scaled(110));
  ImGui::Combo("##size", &ui.clipSize, kSizes, 3);
  ImGui::SameLine();
  ImGui::Checkbox("GIF", &ui.gif);
  ImGui::SameLine();
  ImGui::Checkbox("Captions", &ui.captions);
  ImGui::Checkbox("Only the selected stretch", &ui.selectedOnly);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "A whole routine's clip lasts as long as the session; this exports the "
        "stretch clicked in the list alone");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::TextWrapped(
      "An empty field writes to your documents (handouts) or videos (clips) folder.");
  ImGui::PopStyleColor();
}

void drawProblems(const RoutinePanelView& v, RoutinePanelCommands& out) {
  const auto& problems = v.book->problems();
  if (problems.empty()) return;
  char title[64];
  std::snprintf(title, sizeof title, "Files not loaded or with warnings (%zu)###problems",
                problems.size());
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kBad);
  const bool open = ImGui::CollapsingHeader(title);
  ImGui::PopStyleColor();
  if (!open) return;
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string& p : problems) ImGui::TextUnformatted(p.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton("Read the files again")) out.reload = true;
}

}  // namespace

void drawRoutinePanel(const RoutinePanelView& v, RoutinePanelUi& ui, RoutinePanelCommands& out) {
  if (v.rect.empty()) return;
  ImGui::SetNextWindowPos(ImVec2(v.rect.x, v.rect.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(v.rect.w, v.rect.h), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque over the left column's panels
  bool open = true;
  if (!ImGui::Begin("Routine###routinepanel", &open,
                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  if (!open) out.close = true;
  // In front of the left column's panels it covers, when it appears (display order only:
  // focus stays where the user put it; later its own popups must stay in front of it).
  if (ImGui::IsWindowAppearing()) ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  if (v.book == nullptr) {  // the store could not be opened: say why
    ImGui::PushStyleColor(ImGuiCol_Text, kBad);
    ImGui::TextWrapped("%s", v.notice.empty() ? "Opening the routines…" : v.notice.data());
    ImGui::PopStyleColor();
    ImGui::End();
    return;
  }
  drawChoice(v, ui, out);
  if (v.book->routine() != nullptr) {
    drawSession(v, out);
    drawExportButtons(v, ui, out);
  }
  ImGui::Spacing();
  if (ImGui::BeginTabBar("##routinetabs")) {
    char title[48];
    std::snprintf(title, sizeof title, "Stretches (%zu)###stretches", v.rows.size());
    const auto flags = [&](int tab) {
      return ui.showTab == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    if (ImGui::BeginTabItem(title, nullptr, flags(0))) {
      drawEntries(v, ui, out);
      drawProblems(v, out);
      ImGui::EndTabItem();
    }
    if (v.book->routine() != nullptr && ImGui::BeginTabItem("Export options", nullptr, flags(1))) {
      drawExportOptions(v, ui, out);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    ui.showTab = -1;
  }
  ImGui::End();
}

void drawSessionBanner(const RoutinePanelView& v, float x, float y, float maxWidth) {
  if (!v.sessionActive) return;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxWidth, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.7f);
  ImGui::Begin("##sessionbanner", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  ImGui::PushFont(headingFont());
  ImGui::PushTextWrapPos(maxWidth - scaled(16));
  ImGui::TextUnformatted(v.sessionLabel);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (v.sessionNext[0] != '\0') ImGui::TextUnformatted(v.sessionNext);
  ImGui::ProgressBar(v.sessionProgress,
                     ImVec2(std::min(maxWidth - scaled(16), scaled(260)), scaled(6)), "");
  ImGui::End();
}

}  // namespace sv::ui
