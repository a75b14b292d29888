// A routine's handout description, from the routine, the stretch library and the client:
// everything but the pictures, which the caller renders (handout.h Picture).
//
// Wiring (the app's --handout and the routine panel's button):
//   auto plan = routines::planSession(routine, library, rom, client);
//   auto h = handoutFromRoutine(routine, library, client, {practitioner, clinic, today});
//   for (i, m) in pictureMoments(*plan): render the session at segment m.segment, time
//       m.startTime and m.endTime, offscreen from the stretch's own view, into
//       h->stretches[i].start / .end (RGBA, about 640 × 480);
//   handout::writePdf(*h, paper, out);
// handout.stretches[i] is routine.entries[i].
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "handout/handout.h"
#include "routines/client.h"
#include "routines/routine.h"
#include "routines/session_plan.h"
#include "stretches/library.h"

namespace sv::handout {

struct Author {
  std::string practitioner;
  std::string clinic;
  std::string date;  // ISO "YYYY-MM-DD" (printed "12 March 2024"), or already as printed
};

// Errors: an entry whose stretch or technique the library lacks (naming the entry).
Result<Handout> handoutFromRoutine(const routines::Routine& routine,
                                   const stretches::Library& library,
                                   const routines::Client* client, const Author& author);

// When to draw an entry's two pictures: its first segment (the first side it plays), at the
// start (0 s) and where its key measurement is deepest (the end of the range, in a hold).
struct PictureMoment {
  std::size_t segment = 0;  // index into SessionPlan::segments
  float startTime = 0.0f;   // seconds into that segment
  float endTime = 0.0f;
};
// One per routine entry, in entry order.
std::vector<PictureMoment> pictureMoments(const routines::SessionPlan& plan);

// Client wording of a measurement: "Hip extension 4-12°", "Neck rotation to the left 60-70°".
std::string describeRange(anatomy::Motion motion, const stretches::Range& range);
// "2024-03-12" -> "12 March 2024"; anything else is returned as it is.
std::string longDate(const std::string& isoDate);

}  // namespace sv::handout
