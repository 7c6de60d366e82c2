#include "hallctl/hallctl.h"

int main(int argc, char** argv) {
  return hall::hallctl::Run(std::vector<std::string>(argv + 1, argv + argc));
}
