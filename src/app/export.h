// Take-home exports from the command line, rendered headless and written atomically:
//   --routine FILE --handout OUT.pdf [--paper a4|letter] [--client FILE] [--practitioner NAME]
//       [--clinic NAME] [--date YYYY-MM-DD]
//   --clip OUT.mp4|OUT.gif (--stretch ID [--side S] [--technique T] | --routine FILE
//       [--client FILE]) [--time START] [--duration SECONDS] [--size WxH] [--captions]
// Pictures and frames come from app/stage.h (the same scene builder as the window), from
// each stretch's own view.
#pragma once

#include <iosfwd>
#include <optional>

#include "app/cli.h"
#include "clip/caption.h"
#include "clip/pipeline.h"
#include "routines/session_plan.h"
#include "session/session.h"
#include "stretches/library.h"

namespace sv {

// Runs the export the options ask for and returns its exit code (0 written, 1 failed), or
// nullopt when they ask for none. A clip's `clipStats`, when given, gets where the export's
// time went (clip/pipeline.h: the benchmark's encode share).
std::optional<int> runExportCommand(const Options& options, std::ostream& err,
                                    clip::PipelineStats* clipStats = nullptr);

// The caption of the session's current moment: phase and cue, what the client does, the
// whole seconds left in the phase (for burned-in clip captions).
clip::Caption captionFor(const session::Session& session);

// Handout pictures, as the command line and the routine panel draw them (pixels).
inline constexpr int kHandoutPictureWidth = 640;
inline constexpr int kHandoutPictureHeight = 480;

// Opens a plan segment in the session: its stretch, side, technique, dose and profile.
Status openSegment(session::Session& session, const stretches::Library& library,
                   const routines::PlanSegment& seg);

}  // namespace sv
