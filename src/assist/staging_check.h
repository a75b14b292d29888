// The staging check: one assist scene swept at a fixed rate, the worst of every staging
// metric (AssistScene::measure) and when it happened, and the limits a therapist's staging
// keeps (issue #13): what `stretchviz --report --staging` prints and the library test asserts.
//
// Pure; sweepStaging allocates one AssistFrame per call, nothing per frame.
#pragma once

#include <string>

#include "assist/assist.h"

namespace sv::assist {

struct StagingLimits {
  float clientDepth = 0.005f;     // metres of practitioner in the client outside contact patches
  float tableDepth = 0.005f;      // metres into the table's top or the stool's seat
  float floorDepth = 0.005f;      // metres below the floor
  float footLift = 0.01f;         // metres a support of the posture (a foot, a knee) is off it
  float palmDistance = 0.02f;     // metres from the palm centre to its goal on the skin
  float palmAngle = 30.0f;        // degrees between the palm and the skin's normal
  float forearmDistance = 0.02f;  // metres from a forearm laid along the client to its point
  float headClearance = 0.10f;    // metres from the practitioner's head to the client
  float lumbarFlexion = 45.0f;    // degrees
};

// The worst value of each metric over the sweep and the time it happened (seconds).
struct StagingWorst {
  StagingMetrics worst;  // maxima; headClearance the minimum
  float clientAt = 0.0f, tableAt = 0.0f, floorAt = 0.0f, palmDistanceAt = 0.0f, palmAngleAt = 0.0f,
        headAt = 0.0f, lumbarAt = 0.0f, footLiftAt = 0.0f, forearmAt = 0.0f;
  float maxPush = 0.0f;  // metres: the largest collision push of the placement
  int frames = 0;
  bool finite = true;  // every matrix of both figures finite on every frame
};

// Every 1/hz seconds from 0 to the scene's duration (both ends included).
StagingWorst sweepStaging(const AssistScene& scene, float hz = 20.0f);

// The limits `worst` breaks, in words ("practitioner's head 4.2 cm from the client (at 12.3
// s)"), joined by "; " — empty when it keeps them all.
std::string stagingProblems(const StagingWorst& worst, const StagingLimits& limits = {});

}  // namespace sv::assist
