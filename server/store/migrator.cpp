#include "store/migrator.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "domain/digest.h"
#include "store/log_sql.h"

namespace fs = std::filesystem;

namespace hall::store {
namespace {

constexpr Sql kCreateTable{"migrations_create",
                           "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version text PRIMARY KEY, checksum text NOT NULL,"
                           " applied_at timestamptz NOT NULL DEFAULT now())"};
constexpr Sql kSelectApplied{"migrations_applied",
                             "SELECT checksum FROM schema_migrations WHERE version = $1"};
constexpr Sql kInsertApplied{"migrations_record",
                             "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)"};

}  // namespace

MigrationReport Migrate(PgConnection& conn, const std::string& schema_dir) {
  if (!fs::is_directory(schema_dir)) {
    throw std::runtime_error("schema folder not found: " + schema_dir);
  }
  std::vector<fs::path> files;
  static const std::regex kName(R"(^\d{4}_[a-z0-9_]+\.sql$)");
  for (auto& e : fs::directory_iterator(schema_dir)) {
    std::string name = e.path().filename().string();
    if (std::regex_match(name, kName)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());

  MigrationReport report;
  Transaction tx(conn);
  // Serialises concurrent starters; released at commit.
  tx.Exec(kLockMigrations);
  conn.Exec(kCreateTable);
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string sql = ss.str();
    std::string version = f.filename().string();
    std::string sum = domain::Sha256Hex(sql);
    auto r = conn.Exec(kSelectApplied, {version});
    if (r.rows() > 0) {
      if (r.text(0, 0) != sum) {
        throw std::runtime_error("migration " + version +
                                 " changed after it was applied (checksum " + sum + ", recorded " +
                                 r.text(0, 0) + "); restore it and add a new migration instead");
      }
      report.skipped.push_back(version);
      continue;
    }
    try {
      conn.ExecSimple(Sql{"migration", sql.c_str()});
    } catch (const PgError& e) {
      throw std::runtime_error("migration " + version + " failed: " + e.what());
    }
    conn.Exec(kInsertApplied, {version, sum});
    report.applied.push_back(version);
    spdlog::info("migration applied: {}", version);
  }
  tx.Commit();
  return report;
}

}  // namespace hall::store
