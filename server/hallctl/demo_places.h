// Where the demo's places sit on the demo's floor-plan drawings
// (server/hallctl/demo_floor_plans/*.svg, embedded into hallctl at build
// time and uploaded by `hallctl demo`). Positions are hall.v1.Location.x, y:
// 0..1 from the drawing's top-left corner. Each drawing marks the room or
// spot of every place with an element whose id is "place-<id>" (the zones of
// a plan's zone leaders: "zone-<n>", from 1); tests/ui/floor_plan_view_test
// checks that each position falls inside its element.
//
// Plain data, no dependencies: hallctl and the desk's tests both include it.
#pragma once

#include <cstddef>

namespace hall::hallctl::demo {

// The drawings. Halls with the same layout share one.
enum class Drawing {
  // One floor: windows along the back, self-service and waiting either side,
  // the entrance at the front.
  kServiceHall,
  // 嘉祥: a ground floor (一层) like it, and the zones upstairs (二层, 包保 zones).
  kTwoFloors,
  // A smaller district hall: two rows of windows facing each other, the
  // entrance at the side.
  kBranchHall,
};
inline constexpr int kDrawingCount = 3;

struct DrawingFile {
  Drawing drawing;
  const char* file;  // under server/hallctl/demo_floor_plans/
};
inline constexpr DrawingFile kDrawingFiles[] = {
    {Drawing::kServiceHall, "service-hall.svg"},
    {Drawing::kTwoFloors, "jiaxiang-1.svg"},
    {Drawing::kBranchHall, "branch-hall.svg"},
};

struct Spot {
  double x, y;
};

// Every hall's places (ids are "<hall key>-<id>"), at their spot on each
// drawing (indexed by Drawing).
struct DemoPlace {
  const char* id;
  const char* name;
  const char* zone;
  int floor;
  Spot at[kDrawingCount];
};
inline constexpr DemoPlace kPlaces[] = {
    {"entrance", "主入口", "入口", 1, {{0.50, 0.95}, {0.255, 0.95}, {0.958, 0.50}}},
    {"consult", "咨询服务台", "咨询服务区", 1, {{0.50, 0.75}, {0.255, 0.78}, {0.76, 0.50}}},
    {"window-1", "1号窗口", "窗口服务区", 1, {{0.15, 0.30}, {0.06, 0.27}, {0.22, 0.24}}},
    {"window-12", "12号窗口", "窗口服务区", 1, {{0.85, 0.30}, {0.45, 0.27}, {0.62, 0.76}}},
    {"self-service", "自助服务区", "自助服务区", 1, {{0.15, 0.70}, {0.10, 0.73}, {0.80, 0.20}}},
    {"waiting", "休息等候区", "休息等候区", 1, {{0.80, 0.70}, {0.41, 0.73}, {0.80, 0.73}}},
};

// The zones a plan's zone leaders answer for (嘉祥's 包保 zones, in the
// plan's order) are rooms upstairs (二层) on the two-floor drawing: two
// columns of seven either side of the corridor. A drawing without them leaves
// the zones without a position ({0, 0}), and the desk lists them apart.
inline constexpr size_t kMaxZones = 14;
constexpr Spot ZoneSpot(Drawing d, size_t i) {
  if (d != Drawing::kTwoFloors || i >= kMaxZones) return {0, 0};
  const double x = i % 2 == 0 ? 617.5 : 872.5;  // in the drawing's 1000 × 700 units
  const double y = 95 + static_cast<double>(i / 2) * 90;
  return {x / 1000, y / 700};
}

}  // namespace hall::hallctl::demo
