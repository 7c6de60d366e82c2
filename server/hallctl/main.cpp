#include "hall/grpc_runtime.h"
#include "hallctl/hallctl.h"

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();
  return hall::hallctl::Run(std::vector<std::string>(argv + 1, argv + argc));
}
