#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

#include "domain/credentials.h"
#include "store/migrator.h"
#include "store/pg.h"

namespace fs = std::filesystem;

namespace hall::testing {
namespace {

std::mutex g_mu;
std::vector<std::string>* g_dirs = nullptr;
store::EmbeddedPostgres* g_cluster = nullptr;

void StopCluster() {
  delete g_cluster;  // stops the postmaster
  g_cluster = nullptr;
}

void Cleanup() {
  StopCluster();
  if (g_dirs) {
    std::error_code ec;
    for (auto& d : *g_dirs) fs::remove_all(d, ec);
  }
}

}  // namespace

std::string TempDir(const std::string& prefix) {
  std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  char* made = mkdtemp(tmpl.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed for " + tmpl);
  std::lock_guard lock(g_mu);
  if (!g_dirs) {
    g_dirs = new std::vector<std::string>();
    std::atexit(Cleanup);
  }
  g_dirs->push_back(made);
  return made;
}

store::EmbeddedPostgres& TestDatabase::Cluster() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::string dir = TempDir("hall-pg");
    g_cluster = new store::EmbeddedPostgres(dir);
    // Registered after the cluster (and the logger it uses) exist, so it
    // runs before the logger is torn down at exit.
    std::atexit(StopCluster);
  });
  return *g_cluster;
}

TestDatabase::TestDatabase() {
  domain::InitCrypto();
  static std::atomic<int> counter{0};
  name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  store::PgConnection admin(Cluster().conninfo("postgres"));
  admin.ExecSimple({"drop_test_db", ("DROP DATABASE IF EXISTS " + name_).c_str()});
  admin.ExecSimple({"create_test_db", ("CREATE DATABASE " + name_).c_str()});
  conninfo_ = Cluster().conninfo(name_);
  store::PgConnection conn(conninfo_);
  store::Migrate(conn, HALL_SOURCE_DIR "/schema");
}

TestDatabase::~TestDatabase() {
  try {
    store::PgConnection admin(Cluster().conninfo("postgres"));
    admin.ExecSimple(
        {"drop_test_db", ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()});
  } catch (const std::exception&) {
    // The cluster may be down in a fault test; the folder goes at exit.
  }
}

}  // namespace hall::testing
