#include "support/pg_node.h"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "store/embedded_postgres.h"
#include "store/pg.h"
#include "support/test_database.h"

namespace fs = std::filesystem;

namespace hall::testing {
namespace {

struct UnixUser {
  uid_t uid = 0;
  gid_t gid = 0;
};

UnixUser PostgresUser() {
  struct passwd* pw = ::getpwnam("postgres");
  if (pw == nullptr) throw std::runtime_error("running as root without a 'postgres' system user");
  return {pw->pw_uid, pw->pw_gid};
}

// A folder the postgres user owns (when we are root), under a fresh temp dir.
std::string MakeNodeDir(bool as_postgres) {
  std::string dir = TempDir("hall-pgn");
  fs::create_directories(dir + "/run");
  if (as_postgres) {
    UnixUser u = PostgresUser();
    for (const std::string& p : {dir, dir + "/run"}) {
      if (::chown(p.c_str(), u.uid, u.gid) != 0) throw std::runtime_error("chown " + p);
    }
  }
  return dir;
}

// Dead or a zombie (PID 1 here may not reap the postmaster we orphaned).
bool Gone(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  auto close = line.rfind(')');
  return close == std::string::npos || close + 2 >= line.size() || line[close + 2] == 'Z';
}

void WaitFor(const std::function<bool()>& done, int timeout_ms, const std::string& what) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) {
      throw std::runtime_error("timed out after " + std::to_string(timeout_ms) + " ms: " + what);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Should this process die without running destructors (a crash, a ctest
// time-out's SIGKILL), a watchdog stops the postmasters it started: a
// shell, in a session of its own, blocked reading a pipe whose only writer
// is this process; at end of file it sends SIGQUIT (immediate shutdown) to
// each postmaster listed that still runs on its folder. After an orderly
// exit it finds none.
void StopWithUs(const std::string& pgdata) {
  static std::mutex mu;
  static std::string list;  // the folders, one a line
  std::lock_guard lock(mu);
  if (list.empty()) {
    list = TempDir("hall-pgwatch") + "/pgdata.list";
    const std::string script =
        "cat >/dev/null; while read -r d; do"
        " pid=$(head -n 1 \"$d/postmaster.pid\" 2>/dev/null) || continue;"
        " grep -qF -- \"$d\" /proc/$pid/cmdline 2>/dev/null && kill -QUIT \"$pid\";"
        " done < '" +
        list + "'; rm -rf \"$(dirname '" + list + "')\"";
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(p[0], 0);  // the copy is inherited by the shell; the write end is not
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);  // nor a test runner's output pipe
      ::dup2(devnull, 2);
      ::setsid();  // outlives a kill of our process group
      ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(p[0]);
    // p[1] stays open (close-on-exec) until this process ends.
  }
  std::ofstream(list, std::ios::app) << pgdata << "\n";
}

}  // namespace

int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

std::string MultiHostUrl(const std::vector<const PgNode*>& nodes, const std::string& dbname) {
  std::string url = "postgresql://hall@";
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i) url += ",";
    url += "127.0.0.1:" + std::to_string(nodes[i]->port());
  }
  return url + "/" + dbname + "?target_session_attrs=read-write&connect_timeout=2";
}

PgNode::PgNode(std::string dir, int port)
    : dir_(std::move(dir)),
      pgdata_(dir_ + "/pg"),
      run_(dir_ + "/run"),
      bin_(store::FindPostgresBinDir()),
      port_(port),
      as_postgres_user_(::geteuid() == 0) {}

std::unique_ptr<PgNode> PgNode::StartPrimary(bool archive_wal) {
  bool as_postgres = ::geteuid() == 0;
  std::unique_ptr<PgNode> n(new PgNode(MakeNodeDir(as_postgres), FreeLoopbackPort()));
  n->RunTool({n->bin_ + "/initdb", "-D", n->pgdata_, "-U", "hall", "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"},
             "initdb");
  // initdb's pg_hba.conf trusts loopback for ordinary and replication
  // connections alike (--auth=trust); nothing else listens.
  std::vector<std::string> conf = {
      "wal_level = replica", "max_wal_senders = 10",   "max_replication_slots = 10",
      "hot_standby = on",    "max_connections = 100",  "shared_buffers = '32MB'",
      "fsync = on",          "synchronous_commit = on"};
  if (archive_wal) {
    n->wal_archive_ = n->dir_ + "/wal-archive";
    n->RunTool({"/bin/mkdir", "-m", "700", n->wal_archive_}, "mkdir wal-archive");
    conf.push_back("archive_mode = on");
    conf.push_back("archive_command = 'test ! -f " + n->wal_archive_ + "/%f && cp %p " +
                   n->wal_archive_ + "/%f'");
  }
  n->Configure(conf);
  n->Start();
  store::PgConnection c(n->conninfo("postgres"));
  c.ExecSimple({"create_database", "CREATE DATABASE hall"});
  return n;
}

std::unique_ptr<PgNode> PgNode::StartStandby(const PgNode& primary, const std::string& name) {
  if (!std::regex_match(name, std::regex("[a-z0-9_]{1,60}"))) {
    throw std::runtime_error("standby name must be [a-z0-9_]: " + name);
  }
  bool as_postgres = ::geteuid() == 0;
  std::unique_ptr<PgNode> n(new PgNode(MakeNodeDir(as_postgres), FreeLoopbackPort()));
  const std::string source = "host=127.0.0.1 port=" + std::to_string(primary.port()) +
                             " user=hall application_name=" + name;
  // -R writes standby.signal and primary_conninfo; -C -S keeps the WAL the
  // standby still needs in a slot on the primary.
  n->RunTool({n->bin_ + "/pg_basebackup", "-d", source, "-D", n->pgdata_, "-R", "-C", "-S", name,
              "-X", "stream", "-c", "fast"},
             "pg_basebackup");
  // The copy carries the primary's settings; these (later in the file) win.
  n->Configure({"primary_conninfo = '" + source + "'", "cluster_name = '" + name + "'"});
  n->Start();
  return n;
}

std::unique_ptr<PgNode> PgNode::RestoreToTime(const std::string& base_backup,
                                              const std::string& wal_archive,
                                              const std::string& target_time) {
  if (target_time.find('\'') != std::string::npos) {
    throw std::runtime_error("recovery target time has a quote: " + target_time);
  }
  bool as_postgres = ::geteuid() == 0;
  std::unique_ptr<PgNode> n(new PgNode(MakeNodeDir(as_postgres), FreeLoopbackPort()));
  n->RunTool({"/bin/mkdir", "-m", "700", n->pgdata_}, "mkdir pgdata");
  n->RunTool({"/bin/tar", "-xzf", base_backup + "/base.tar.gz", "-C", n->pgdata_},
             "tar -x base.tar.gz");
  // The copy carries the old primary's settings; these (later) win. It does
  // not archive: the archive is the old timeline's, kept for the next try.
  n->Configure({"restore_command = 'cp " + wal_archive + "/%f %p'",
                "recovery_target_time = '" + target_time + "'",
                "recovery_target_action = 'promote'", "archive_mode = off"});
  n->RunTool({"/bin/touch", n->pgdata_ + "/recovery.signal"}, "touch recovery.signal");
  n->Start();  // accepts read-only connections while it replays
  n->WaitUntilWritable("the restored node to replay up to " + target_time + " and open (see " +
                       n->dir_ + "/postgres.log)");
  return n;
}

std::string PgNode::TakeBaseBackup() const {
  const std::string dest = MakeNodeDir(as_postgres_user_) + "/base";
  RunTool(
      {bin_ + "/pg_basebackup", "-d", "host=127.0.0.1 port=" + std::to_string(port_) + " user=hall",
       "-D", dest, "-Ft", "-z", "-X", "fetch", "-c", "fast"},
      "pg_basebackup -Ft");
  return dest;
}

void PgNode::ArchiveCurrentWal(int timeout_ms) const {
  store::PgConnection c(conninfo("postgres"));
  const std::string file =
      c.ExecSimple({"switch_wal", "SELECT pg_walfile_name(pg_switch_wal())"}).text(0, 0);
  // WAL file names of one timeline sort in order.
  WaitFor(
      [&] {
        auto r = c.ExecSimple(
            {"archived", "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"});
        return r.text(0, 0) >= file;
      },
      timeout_ms, "WAL file " + file + " archived (see " + dir_ + "/postgres.log)");
}

PgNode::~PgNode() {
  try {
    if (Running()) {
      try {
        RunTool({bin_ + "/pg_ctl", "-D", pgdata_, "-m", "immediate", "-w", "-t", "20", "stop"},
                "pg_ctl stop");
      } catch (const std::exception&) {
      }
    }
    if (Running()) Kill9();
  } catch (const std::exception&) {
  }
}

std::string PgNode::conninfo(const std::string& dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + dbname +
         " user=hall connect_timeout=5";
}

void PgNode::Configure(const std::vector<std::string>& lines) const {
  std::ofstream conf(pgdata_ + "/postgresql.auto.conf", std::ios::app);
  conf << "listen_addresses = '127.0.0.1'\n"
       << "port = " << port_ << "\n"
       << "unix_socket_directories = '" << run_ << "'\n";
  for (auto& l : lines) conf << l << "\n";
  if (!conf) throw std::runtime_error("cannot write " + pgdata_ + "/postgresql.auto.conf");
}

void PgNode::Start() {
  // The port was free when picked; another process may have taken it since
  // (tests run side by side): then another port, a few times.
  for (int attempt = 0;; ++attempt) {
    try {
      RunTool({bin_ + "/pg_ctl", "-D", pgdata_, "-l", dir_ + "/postgres.log", "-w", "-t", "60",
               "start"},
              "pg_ctl start");
      StopWithUs(pgdata_);
      return;
    } catch (const std::runtime_error&) {
      if (attempt == 2 || Running()) throw;
      port_ = FreeLoopbackPort();
      Configure({});  // the later port line wins
    }
  }
}

void PgNode::Stop() {
  RunTool({bin_ + "/pg_ctl", "-D", pgdata_, "-m", "fast", "-w", "-t", "60", "stop"}, "pg_ctl stop");
}

bool PgNode::Running() const {
  auto tree = ProcessTree();
  return !tree.empty();
}

std::vector<int> PgNode::ProcessTree() const {
  std::ifstream pidfile(pgdata_ + "/postmaster.pid");
  int pid = 0;
  if (!(pidfile >> pid) || pid <= 0 || Gone(pid)) return {};
  std::vector<int> tree = {pid};
  for (auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    int ppid = 0;
    rest >> state >> ppid;
    if (ppid == pid && state != 'Z') tree.push_back(std::stoi(name));
  }
  return tree;
}

void PgNode::Kill9() {
  // Line 7 of postmaster.pid: the System V shared memory key and id, which
  // a killed postmaster leaves behind.
  {
    std::ifstream pidfile(pgdata_ + "/postmaster.pid");
    std::string line;
    for (int i = 1; i <= 7 && std::getline(pidfile, line); ++i) {
      if (i == 7) {
        std::istringstream in(line);
        long key = 0;
        int id = -1;
        if (in >> key >> id) last_shm_id_ = id;
      }
    }
  }
  auto tree = ProcessTree();
  for (int pid : tree) ::kill(pid, SIGKILL);  // the postmaster first
  WaitFor(
      [&] {
        for (int pid : tree) {
          if (!Gone(pid)) return false;
        }
        return true;
      },
      10000, "the killed postmaster's processes to go");
  if (!tree.empty()) RemoveSharedMemory();
}

void PgNode::RemoveSharedMemory() const {
  if (last_shm_id_ < 0) return;
  // Only the segment this postmaster made (the id may be reused by now).
  struct shmid_ds ds {};
  std::ifstream pidfile(pgdata_ + "/postmaster.pid");
  int pid = 0;
  pidfile >> pid;
  if (::shmctl(last_shm_id_, IPC_STAT, &ds) == 0 && ds.shm_cpid == pid && ds.shm_nattch == 0) {
    ::shmctl(last_shm_id_, IPC_RMID, nullptr);
  }
}

void PgNode::Promote() {
  RunTool({bin_ + "/pg_ctl", "-D", pgdata_, "-w", "-t", "60", "promote"}, "pg_ctl promote");
  WaitUntilWritable("the promoted standby to accept writes");
}

void PgNode::WaitUntilWritable(const std::string& what) const {
  WaitFor(
      [&] {
        try {
          store::PgConnection c(conninfo("postgres"));
          return c.ExecSimple({"in_recovery", "SELECT pg_is_in_recovery()"}).text(0, 0) == "f";
        } catch (const std::exception&) {
          return false;
        }
      },
      30000, what);
}

void PgNode::MakeSynchronousStandby(const std::string& standby, int timeout_ms) {
  if (!std::regex_match(standby, std::regex("[a-z0-9_]{1,60}"))) {
    throw std::runtime_error("standby name must be [a-z0-9_]: " + standby);
  }
  store::PgConnection c(conninfo("postgres"));
  auto state = [&](const char* column) {
    auto r =
        c.Exec({"replication_state",
                "SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1"},
               {standby});
    return r.rows() == 0 ? std::string() : r.text(0, std::string(column) == "state" ? 0 : 1);
  };
  WaitFor([&] { return state("state") == "streaming"; }, timeout_ms,
          "standby " + standby + " streaming from the primary");
  // A test-made name checked above: ALTER SYSTEM takes no parameters.
  const std::string set = "ALTER SYSTEM SET synchronous_standby_names = '" + standby + "'";
  c.ExecSimple({"set_sync_standby", set.c_str()});
  c.ExecSimple({"reload_conf", "SELECT pg_reload_conf()"});
  WaitFor([&] { return state("sync_state") == "sync"; }, timeout_ms,
          "standby " + standby + " synchronous");
}

void PgNode::RunTool(const std::vector<std::string>& args, const std::string& what) const {
  const std::string log = dir_ + "/tool.log";
  UnixUser u;
  if (as_postgres_user_) u = PostgresUser();
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
    if (as_postgres_user_ &&
        (::setgroups(0, nullptr) != 0 || ::setgid(u.gid) != 0 || ::setuid(u.uid) != 0)) {
      ::_exit(126);
    }
    ::setsid();
    ::close_range(3, ~0U, 0);  // nothing of ours held open by a postmaster
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(what + " failed (exit " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                             "); see " + log + " and " + dir_ + "/postgres.log");
  }
}

}  // namespace hall::testing
