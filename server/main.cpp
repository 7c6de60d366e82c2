// hall-server: the incident command desk's gRPC server.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstring>
#include <iostream>

#include "hall/grpc_runtime.h"
#include "hall_server.h"

namespace {

void Usage() {
  std::cout <<
      R"(usage: hall-server [options]

  --listen HOST:PORT      address to serve on (default 127.0.0.1:7443)
  --database-url URL      use this PostgreSQL (libpq URL); without it the
                          server runs its own private PostgreSQL in --data-dir
  --data-dir DIR          embedded database folder (default var/db)
  --schema-dir DIR        migrations (default: the source tree's schema/)
  --playbooks-dir DIR     playbooks (default: the source tree's playbooks/)
  --tls-cert FILE         server certificate (PEM)
  --tls-key FILE          server private key (PEM)
  --plaintext             serve without TLS (tests and local tools only)
  --db-workers N          database worker connections (default 4)
  --metrics-listen H:P    serve Prometheus metrics at http://H:P/metrics
                          (plain HTTP: keep it on loopback or a private
                          network; off by default)
  --log-level LEVEL       trace, debug, info, warn, error (default info)
  --clock-speed N         run on an accelerated clock (e.g. 60: a 2-minute
                          time-out fires in 2 s) for dry runs, drills
                          rehearsed in fast-forward and demonstrations;
                          every desk and kiosk shows it. Never in service.
)";
}

}  // namespace

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();
  hall::ServerOptions opt;
  opt.schema_dir = HALL_SOURCE_DIR "/schema";
  opt.playbooks_dir = HALL_SOURCE_DIR "/playbooks";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "hall-server: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--listen")
      opt.listen = value();
    else if (a == "--database-url")
      opt.database_url = value();
    else if (a == "--data-dir")
      opt.data_dir = value();
    else if (a == "--schema-dir")
      opt.schema_dir = value();
    else if (a == "--playbooks-dir")
      opt.playbooks_dir = value();
    else if (a == "--tls-cert")
      opt.tls_cert = value();
    else if (a == "--tls-key")
      opt.tls_key = value();
    else if (a == "--plaintext")
      opt.plaintext = true;
    else if (a == "--metrics-listen")
      opt.metrics_listen = value();
    else if (a == "--db-workers")
      opt.db_workers = std::max(1, std::atoi(value().c_str()));
    else if (a == "--log-level")
      spdlog::set_level(spdlog::level::from_str(value()));
    else if (a == "--clock-speed")
      opt.clock_speed = std::atof(value().c_str());
    else if (a == "--help" || a == "-h") {
      Usage();
      return 0;
    } else {
      std::cerr << "hall-server: unknown option " << a << " (see --help)\n";
      return 2;
    }
  }

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);  // reload playbooks
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  try {
    hall::HallServer server(opt);
    std::cout << "READY port=" << server.port() << std::endl;  // for scripts
    int sig = 0;
    for (;;) {
      sigwait(&stop, &sig);
      if (sig != SIGHUP) break;
      if (auto s = server.ReloadPlaybooks())
        spdlog::error("playbooks not reloaded:\n{}", s->message);
    }
    spdlog::info("received {}", strsignal(sig));
    server.Shutdown();
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  return 0;
}
