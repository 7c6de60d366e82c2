// The demo's floor-plan drawings (server/hallctl/demo_floor_plans/*.svg),
// compiled into hallctl by embed_files.cmake so `hallctl demo` uploads them
// wherever it runs. Which hall shows which drawing, and where its places
// are on it: demo_places.h.
#pragma once

#include <string_view>

namespace hall::hallctl::demo {

// The bytes of the embedded drawing named `file` (e.g. "service-hall.svg"),
// or an empty view when there is none. The bytes live as long as the program.
std::string_view EmbeddedFloorPlan(std::string_view file);

}  // namespace hall::hallctl::demo
