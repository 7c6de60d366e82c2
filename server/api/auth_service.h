// AuthService: sign-in with a password (people) or a device secret
// (kiosks), who-am-I, and sign-out. Tokens are random, stored hashed, and
// expire after a shift.
#pragma once

#include "api/server_core.h"
#include "hall/v1/auth.grpc.pb.h"

namespace hall::api {

class AuthServiceImpl final : public v1::AuthService::CallbackService {
 public:
  explicit AuthServiceImpl(ServerCore* core) : core_(core) {}
  grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext*, const v1::LoginRequest*,
                                  v1::LoginResponse*) override;
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext*, const v1::WhoAmIRequest*,
                                   v1::WhoAmIResponse*) override;
  grpc::ServerUnaryReactor* Logout(grpc::CallbackServerContext*, const v1::LogoutRequest*,
                                   v1::LogoutResponse*) override;
  grpc::ServerUnaryReactor* UnlockSignIn(grpc::CallbackServerContext*,
                                         const v1::UnlockSignInRequest*,
                                         v1::UnlockSignInResponse*) override;
  grpc::ServerUnaryReactor* EnrollKiosk(grpc::CallbackServerContext*, const v1::EnrollKioskRequest*,
                                        v1::EnrollKioskResponse*) override;
  grpc::ServerUnaryReactor* GetServerInfo(grpc::CallbackServerContext*,
                                          const v1::GetServerInfoRequest*,
                                          v1::ServerInfo*) override;

 private:
  ServerCore* core_;
};

void ToProto(const domain::Principal& p, v1::Principal* out);

}  // namespace hall::api
