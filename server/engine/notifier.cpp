#include "engine/notifier.h"

#include <httplib.h>

namespace hall::engine {
namespace {

// Splits "http(s)://host[:port]/path?query" into the origin and the rest.
bool SplitUrl(const std::string& url, std::string* origin, std::string* path) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  auto path_at = url.find('/', scheme_end + 3);
  *origin = url.substr(0, path_at);
  *path = path_at == std::string::npos ? "/" : url.substr(path_at);
  return origin->size() > scheme_end + 3;
}

}  // namespace

std::string WebhookNotifier::Deliver(const store::Delivery& d) {
  std::string origin, path;
  if (!SplitUrl(d.url, &origin, &path)) return "not an http(s) URL: " + d.url;
  try {
    httplib::Client client(origin);
    client.set_connection_timeout(0, timeout_ms_ * 1000);
    client.set_read_timeout(timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000);
    client.set_write_timeout(timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000);
    httplib::Headers headers = {{"X-Hall-Delivery", std::to_string(d.id)},
                                {"X-Hall-Incident", d.incident_id},
                                {"User-Agent", "hall-server/0.2"}};
    auto res = client.Post(path, headers, d.payload, "application/json");
    if (!res) return "no answer: " + httplib::to_string(res.error());
    if (res->status < 200 || res->status >= 300) return "HTTP " + std::to_string(res->status);
    return "";
  } catch (const std::exception& e) {
    return std::string("webhook: ") + e.what();
  }
}

}  // namespace hall::engine
