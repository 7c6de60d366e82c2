// The one place where a domain Error becomes a grpc::Status.
#pragma once

#include <grpcpp/grpcpp.h>

#include "domain/error.h"

namespace hall::api {

grpc::Status ToGrpc(const Status& s);

}  // namespace hall::api
