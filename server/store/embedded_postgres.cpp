#include "store/embedded_postgres.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "store/pg.h"

namespace fs = std::filesystem;

namespace hall::store {
namespace {

constexpr const char* kDatabase = "hall";
constexpr const char* kDbUser = "hall";

struct UnixUser {
  uid_t uid;
  gid_t gid;
};

UnixUser LookupPostgresUser() {
  struct passwd* pw = getpwnam("postgres");
  if (pw == nullptr) {
    throw std::runtime_error(
        "running as root, but there is no 'postgres' system user to run the embedded "
        "database as; install Debian's postgresql package or run as a normal user");
  }
  return {pw->pw_uid, pw->pw_gid};
}

void ChownTree(const fs::path& p, UnixUser u) {
  if (::chown(p.c_str(), u.uid, u.gid) != 0) {
    throw std::runtime_error("chown " + p.string() + " failed");
  }
  if (fs::is_directory(p)) {
    for (auto& e : fs::recursive_directory_iterator(p)) {
      if (::lchown(e.path().c_str(), u.uid, u.gid) != 0) {
        throw std::runtime_error("chown " + e.path().string() + " failed");
      }
    }
  }
}

}  // namespace

std::string FindPostgresBinDir() {
  if (const char* env = std::getenv("HALL_PG_BINDIR"); env && *env) return env;
  std::vector<fs::path> candidates;
  if (fs::exists("/usr/lib/postgresql")) {
    for (auto& e : fs::directory_iterator("/usr/lib/postgresql")) {
      candidates.push_back(e.path() / "bin");
    }
  }
  std::sort(candidates.rbegin(), candidates.rend());  // newest major first
  for (auto& c : candidates) {
    if (fs::exists(c / "pg_ctl") && fs::exists(c / "initdb")) return c.string();
  }
  throw std::runtime_error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql; "
      "install the postgresql package or set HALL_PG_BINDIR");
}

EmbeddedPostgres::EmbeddedPostgres(std::string data_dir)
    : data_dir_(fs::absolute(data_dir).lexically_normal().string()),
      pgdata_(data_dir_ + "/pg"),
      socket_dir_(data_dir_ + "/run"),
      bin_dir_(FindPostgresBinDir()),
      as_postgres_user_(::geteuid() == 0) {
  // Unix socket paths are limited to 107 bytes.
  if (socket_dir_.size() > 80) {
    throw std::runtime_error("data folder path too long for a Unix socket (max 70 chars): " +
                             data_dir_);
  }
  fs::create_directories(data_dir_);
  fs::create_directories(socket_dir_);
  if (as_postgres_user_) {
    UnixUser u = LookupPostgresUser();
    // The postgres user must be able to reach the folder.
    for (fs::path p = data_dir_; p != p.root_path(); p = p.parent_path()) {
      struct stat st {};
      if (::stat(p.c_str(), &st) == 0 && st.st_uid == 0 && !(st.st_mode & S_IXOTH)) {
        ::chmod(p.c_str(), st.st_mode | S_IXOTH);
      }
    }
    ::chown(data_dir_.c_str(), u.uid, u.gid);
    ChownTree(socket_dir_, u);
  }
  if (!fs::exists(pgdata_ + "/PG_VERSION")) {
    spdlog::info("embedded postgres: initialising {}", pgdata_);
    fs::create_directories(pgdata_);
    if (as_postgres_user_) ChownTree(pgdata_, LookupPostgresUser());
    RunTool({bin_dir_ + "/initdb", "-D", pgdata_, "-U", kDbUser, "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8", "--no-instructions"},
            "initdb");
    // Private: no TCP, socket only in our folder; sized for a hall server.
    std::ofstream conf(pgdata_ + "/postgresql.auto.conf", std::ios::app);
    conf << "listen_addresses = ''\n"
         << "unix_socket_directories = '" << socket_dir_ << "'\n"
         << "max_connections = 200\n"
         << "shared_buffers = '256MB'\n"
         << "fsync = on\nsynchronous_commit = on\n";
  }
  if (Running()) {
    spdlog::info("embedded postgres: attaching to the running server in {}", pgdata_);
  } else {
    Start();
    started_here_ = true;
  }
  // Create the database on first start.
  PgConnection c("host=" + socket_dir_ + " dbname=postgres user=" + kDbUser);
  auto r = c.Exec({"db_exists", "SELECT 1 FROM pg_database WHERE datname = $1"}, {kDatabase});
  if (r.rows() == 0) c.ExecSimple(Sql{"create_database", "CREATE DATABASE hall"});
}

EmbeddedPostgres::~EmbeddedPostgres() {
  if (started_here_) {
    try {
      Stop();
    } catch (const std::exception& e) {
      spdlog::error("embedded postgres: stop failed: {}", e.what());
    }
  }
}

std::string EmbeddedPostgres::conninfo() const { return conninfo(kDatabase); }

std::string EmbeddedPostgres::conninfo(const std::string& dbname) const {
  return "host=" + socket_dir_ + " dbname=" + dbname + " user=" + kDbUser;
}

bool EmbeddedPostgres::Running() const {
  if (!fs::exists(pgdata_ + "/postmaster.pid")) return false;
  try {
    RunTool({bin_dir_ + "/pg_ctl", "-D", pgdata_, "status"}, "pg_ctl status");
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void EmbeddedPostgres::Start() {
  spdlog::info("embedded postgres: starting on socket {}", socket_dir_);
  RunTool({bin_dir_ + "/pg_ctl", "-D", pgdata_, "-l", data_dir_ + "/postgres.log", "-w", "-t", "60",
           "-o", "-k " + socket_dir_, "start"},
          "pg_ctl start");
}

void EmbeddedPostgres::Stop() {
  spdlog::info("embedded postgres: stopping");
  RunTool({bin_dir_ + "/pg_ctl", "-D", pgdata_, "-m", "fast", "-w", "-t", "60", "stop"},
          "pg_ctl stop");
}

void EmbeddedPostgres::Restart() {
  Stop();
  Start();
}

void EmbeddedPostgres::RunTool(const std::vector<std::string>& args,
                               const std::string& what) const {
  std::string log = data_dir_ + "/tool.log";
  // Look everything up before fork: only async-signal-safe calls after it.
  UnixUser u{0, 0};
  if (as_postgres_user_) u = LookupPostgresUser();
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(what + ": fork failed");
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    if (as_postgres_user_) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(u.gid) != 0 || ::setuid(u.uid) != 0) {
        ::_exit(126);
      }
    }
    // The postmaster must not inherit our process group's signals (Ctrl-C
    // reaches the server, which then stops the database in order).
    ::setsid();
    // Nor anything else we hold open: a postmaster that outlives us (a test
    // aborted by a sanitizer) must not keep a caller's lock file, socket or
    // pipe open for ever.
    ::close_range(3, ~0U, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(what + " failed (exit " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                             "); see " + log + " and " + data_dir_ + "/postgres.log");
  }
}

}  // namespace hall::store
