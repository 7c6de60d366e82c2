// PgNode: a PostgreSQL server a fault test starts on 127.0.0.1:<free port>
// in a folder of its own — a primary made with initdb, or a streaming
// standby made from one with pg_basebackup -R — so the test can kill the
// primary the way a machine dies and promote the standby, as an operator
// would (docs/operations.md, "A streaming standby").
//
// PostgreSQL refuses to run as root; when the test runs as root the tools
// (initdb, pg_ctl, pg_basebackup) and so the postmaster run as the
// `postgres` system user, as store::EmbeddedPostgres does.
//
// Every node stops its postmaster on destruction (immediate mode, then
// SIGKILL of whatever is left) and removes its shared memory, so a failed
// assertion leaves nothing running. Should the test process die without
// destructors (a crash, a time-out's SIGKILL), a watchdog process started
// with the first node stops every postmaster it started (SIGQUIT:
// immediate shutdown). The folder goes at process exit.
//
// Thread-safety: not thread-safe; use from the test's main thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace hall::testing {

class PgNode {
 public:
  // initdb, configured for streaming replication (wal_level replica, WAL
  // senders, trust on loopback), started. Throws std::runtime_error naming
  // the failed step.
  // With `archive_wal`, also archive_mode on, each finished WAL file copied
  // into wal_archive() by the archive_command docs/operations.md gives.
  static std::unique_ptr<PgNode> StartPrimary(bool archive_wal = false);
  // pg_basebackup -R -C -S <name> from `primary` (which must run), with
  // application_name (and cluster_name) `name`, started as a hot standby
  // streaming from it. Does not make it synchronous: see
  // MakeSynchronousStandby.
  static std::unique_ptr<PgNode> StartStandby(const PgNode& primary, const std::string& name);
  // Point-in-time restore as docs/operations.md ("Backups and point-in-time
  // restore") tells an operator: a new node from `base_backup` (a folder
  // with base.tar.gz, see TakeBaseBackup), the WAL in `wal_archive`
  // replayed up to `target_time` (recovery_target_time; a timestamp with
  // its zone, e.g. from clock_timestamp()), then promoted. Waits until it
  // accepts writes; throws naming the failed step.
  static std::unique_ptr<PgNode> RestoreToTime(const std::string& base_backup,
                                               const std::string& wal_archive,
                                               const std::string& target_time);
  ~PgNode();
  PgNode(const PgNode&) = delete;
  PgNode& operator=(const PgNode&) = delete;

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // A libpq key=value string for `dbname` on this node, over TCP.
  std::string conninfo(const std::string& dbname = "hall") const;

  // On the primary: names `standby` in synchronous_standby_names and waits
  // (bounded) until pg_stat_replication shows it streaming with
  // sync_state 'sync'. From then on a commit is acknowledged only once the
  // standby has the WAL on disk. Throws on time-out.
  void MakeSynchronousStandby(const std::string& standby, int timeout_ms = 30000);
  // The machine dies: SIGKILL to the postmaster and every process it
  // started, no shutdown checkpoint, nothing more sent to anyone. Waits
  // until they are gone.
  void Kill9();
  // Where a primary started with archive_wal copies its WAL ("" if not).
  std::string wal_archive() const { return wal_archive_; }
  // A base backup as docs/operations.md takes it nightly (pg_basebackup
  // -Ft -z -X fetch -c fast): returns a new folder holding base.tar.gz.
  std::string TakeBaseBackup() const;
  // Ends the current WAL file (pg_switch_wal) and waits (bounded) until
  // the archiver has copied it: everything committed so far is archived.
  void ArchiveCurrentWal(int timeout_ms = 30000) const;
  // pg_ctl promote -w, then waits until the node accepts writes.
  void Promote();
  // pg_ctl stop -m fast / start (a clean restart of this node). Start moves
  // to another free port should its port have been taken meanwhile.
  void Stop();
  void Start();
  bool Running() const;

 private:
  PgNode(std::string dir, int port);
  void RunTool(const std::vector<std::string>& args, const std::string& what) const;
  void Configure(const std::vector<std::string>& lines) const;
  std::vector<int> ProcessTree() const;  // postmaster first, then its children
  void RemoveSharedMemory() const;
  void WaitUntilWritable(const std::string& what) const;

  std::string dir_;     // our folder
  std::string pgdata_;  // dir_/pg
  std::string run_;     // dir_/run: the Unix socket
  std::string bin_;
  int port_;
  bool as_postgres_user_;
  int last_shm_id_ = -1;     // from postmaster.pid, for cleanup after Kill9
  std::string wal_archive_;  // dir_/wal-archive when archiving
};

// A libpq URL naming every node in order, for servers that must follow
// the primary: postgresql://hall@127.0.0.1:P1,127.0.0.1:P2/DB?
// target_session_attrs=read-write&connect_timeout=2
std::string MultiHostUrl(const std::vector<const PgNode*>& nodes,
                         const std::string& dbname = "hall");

// A free TCP port on 127.0.0.1 (bound and released; fine on a test box).
int FreeLoopbackPort();

}  // namespace hall::testing
