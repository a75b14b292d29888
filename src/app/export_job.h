// A take-home export run from the UI: a routine's handout (PDF) or clip (MP4 / GIF), done a
// little at a time on the thread that owns the GL context, so the window stays responsive
// and shows a progress bar with Cancel.
//
// Why not a worker thread: glad's GL entry points are process-wide, and the window's GLX
// context and a second (EGL) context would share them; rendering the pictures and frames in
// the window's own context, through a Stage of their own (app/stage.h: its own renderer,
// targets and mesh copies), between two frames of the window, is safe because the renderer
// sets every piece of GL state it uses at the start of each pass. Each step() does whole
// units (one handout picture, or one clip frame rendered and handed to the encoder) until its
// time budget is spent — at least one unit, so a slow frame still makes progress. Only the
// GL work is confined to this thread: a clip's frames are converted, encoded and muxed on
// the clip pipeline's worker thread (clip/pipeline.h) while the next frame renders, and its
// last unit waits for the worker's flush without blocking (each step asks, then returns).
// An error the worker meets surfaces at the next step: the job fails with its message.
//
// The job draws with a session and cast of its own (the client's body shape from the client
// file, as the command line does); the window's session is never touched. Nothing is written
// until the end: the handout's PDF is written atomically in the last step, and the clip is
// encoded into a temporary file that the last step renames over the target
// (clip/clip.h ClipWriter). cancel() — or destroying the job — removes what was begun: a
// cancelled export leaves nothing behind and the target as it was.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "anatomy/rom.h"
#include "app/stage.h"
#include "clip/clip.h"
#include "clip/pipeline.h"
#include "core/result.h"
#include "handout/from_routine.h"
#include "handout/handout.h"
#include "routines/client.h"
#include "routines/routine.h"
#include "stretches/library.h"

namespace sv {

struct ExportRequest {
  enum class Kind { Handout, Clip };
  Kind kind = Kind::Handout;
  routines::Routine routine;
  std::optional<routines::Client> client;
  std::filesystem::path path;  // the file to write (.pdf; .mp4 or .gif)
  // Handout.
  handout::Author author;  // practitioner, clinic, date ("" = today)
  handout::Paper paper = handout::Paper::A4;
  // Clip: the size (the format comes from the path's extension) and burned-in captions.
  int width = 1280;
  int height = 720;
  bool captions = true;
};

class ExportJob {
 public:
  enum class State { Running, Written, Cancelled, Failed };

  // Checks the request (the path's folder, the clip's size and format) and prepares nothing
  // else yet: the first step() loads the bodies and plans the routine. Needs the GL context
  // `stage` renders in to be current at every step(); `stage`, `library` and `rom` must
  // outlive the job.
  static Result<std::unique_ptr<ExportJob>> create(ExportRequest request, Stage& stage,
                                                   const stretches::Library& library,
                                                   const anatomy::RomTable& rom);
  ~ExportJob();  // while running: cancels
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Works for about `budgetSeconds` (at least one unit). No-op once it is not Running.
  void step(double budgetSeconds);
  // Stops; nothing of the export is left on disk.
  void cancel();

  State state() const { return state_; }
  bool running() const { return state_ == State::Running; }
  // 0 … 1 (units done over units to do).
  float progress() const;
  // "Handout 3 of 13 pictures", "Clip frame 120 of 900": what the progress bar says.
  const char* progressText() const { return progressText_; }
  // Written: "Wrote <path> (3 pages)"; Failed: the reason; Cancelled: what was cancelled.
  const std::string& message() const { return message_; }
  const ExportRequest& request() const { return request_; }
  // Units (handout: pictures + the PDF; clip: frames + finishing), for tests.
  int unitsDone() const { return done_; }
  int unitsTotal() const { return total_; }

  struct Work;

 private:
  ExportJob(ExportRequest request, Stage& stage, const stretches::Library& library,
            const anatomy::RomTable& rom);
  Status prepare();
  Status unit();  // one picture or frame, or the final write
  void fail(const std::string& why);
  void updateText();

  ExportRequest request_;
  Stage& stage_;
  const stretches::Library& library_;
  const anatomy::RomTable& rom_;
  std::unique_ptr<Work> work_;
  State state_ = State::Running;
  bool prepared_ = false;
  bool yield_ = false;  // the unit is waiting on the encoder's worker: the step ends early
  int done_ = 0;
  int total_ = 1;
  std::string message_;
  char progressText_[96] = "Preparing…";
};

// Where an export goes by default: `<folder>/<routine id>.<extension>`, the folder the user's
// documents (handouts) or videos (clips) folder (core/paths.h), made unique with "-2", "-3" …
// when a file of that name exists.
std::filesystem::path defaultExportPath(ExportRequest::Kind kind, const std::string& routineId,
                                        const std::string& extension);

}  // namespace sv
