// A named client: who they are, their body and flexibility, and the ranges measured on them.
//
// File format (docs/routines.md): `<id>.json` under the store's clients/ folder,
// {"format": "stretchviz-client", "version": 1, …}. Read with the project's positioned JSON
// reader: every problem is one line `<file>:<line>:<col>: <JSON pointer>: <what>`, and a file
// with any error is refused as a whole (nothing half-read is ever saved back).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/motion.h"
#include "body/body_shape.h"
#include "routines/parsed.h"
#include "stretches/playback.h"

namespace sv::routines {

inline constexpr std::string_view kClientFormat = "stretchviz-client";
inline constexpr int kClientFormatVersion = 1;
// A client file is small text; anything larger is refused before it is parsed.
inline constexpr std::size_t kMaxClientFileBytes = std::size_t{256} << 10;  // 256 KiB
// Measurements a file may hold (years of weekly measures of several motions fit easily).
inline constexpr std::size_t kMaxMeasurements = 2000;

// One measured end of range, as a goniometer reading: the motion, on which side, the angle
// in the conventions of docs/anatomy.md, and when.
struct MeasuredRange {
  anatomy::Motion motion = anatomy::Motion::HipFlexion;
  // Left or Right for bilateral motions; Center for midline (spine) motions.
  anatomy::Side side = anatomy::Side::Right;
  float degrees = 0.0f;  // [-180, 180]
  std::string date;      // "YYYY-MM-DD"
  // The stretch (test position) it was measured in; empty = applies to every stretch whose
  // key measurement is this motion. A straight-leg raise and a bent-knee hip flexion are
  // different numbers for the same motion, so a measure naming its stretch wins.
  std::string stretch;
  std::string note;

  bool operator==(const MeasuredRange&) const = default;
};

struct Client {
  std::string id;  // file name without ".json" (ids.h)
  std::string name;
  std::string notes;
  body::BodyShape body = body::defaultClientShape();
  stretches::Flexibility flexibility = stretches::Flexibility::Average;
  std::vector<MeasuredRange> measurements;  // in file order (not necessarily by date)

  bool operator==(const Client&) const = default;
};

std::string_view flexibilityId(stretches::Flexibility f);  // "stiff", "average", "flexible"
std::optional<stretches::Flexibility> flexibilityFromId(std::string_view id);

// The latest measurement (by date; the later in the file on equal dates) of `motion` on
// `side` that applies to `stretchId`: one naming that stretch if any, else one naming none.
// `side` is ignored for midline motions.
const MeasuredRange* latestMeasurement(const Client& client, anatomy::Motion motion,
                                       anatomy::Side side, std::string_view stretchId);

// `fileName` names the file in messages and, when it ends in ".json", must match the id.
Parsed<Client> parseClient(std::string_view text, std::string_view fileName);
Parsed<Client> loadClientFile(const std::filesystem::path& path);
// Pretty-printed JSON that parseClient reads back to an equal Client.
std::string serializeClient(const Client& client);

}  // namespace sv::routines
