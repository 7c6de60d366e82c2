#!/usr/bin/env bash
# Sets up (installs what is missing, builds), then runs the product on its
# embedded PostgreSQL with demo data: one hall per plan, demo people for
# every role, a kiosk per hall. Ctrl-C stops the server and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

PORT="${HALL_PORT:-7443}"
mkdir -p var
scripts/make-certs.sh var/tls
echo "==> demo data"
build/server/hallctl --data-dir var/db demo --out var/demo

cat <<INFO

==> starting the hall server on 127.0.0.1:${PORT} (TLS; CA: var/tls/ca.crt)
    sign in as duty.dongguan / demo-2026 (all demo sign-ins: var/demo/demo-credentials.txt)
    health:  grpc.health.v1.Health/Check;  reflection is on, so generic gRPC
             clients can list and call hall.v1.* services
    stop:    Ctrl-C
INFO
exec build/server/hall-server --data-dir var/db --listen "127.0.0.1:${PORT}" \
  --tls-cert var/tls/server.crt --tls-key var/tls/server.key
