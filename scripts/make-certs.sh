#!/usr/bin/env bash
# Makes a local certificate authority and a server certificate for
# localhost / 127.0.0.1 in DIR (default var/tls), unless they exist.
# Demo and tests only: a real deployment uses the organisation's CA.
set -euo pipefail
dir="${1:-var/tls}"
mkdir -p "$dir"
cd "$dir"
if [[ -s server.crt && -s server.key && -s ca.crt ]]; then
  exit 0
fi
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Hall Desk Demo CA" \
  -keyout ca.key -out ca.crt >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout server.key -out server.csr >/dev/null 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' > san.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
  -extfile san.ext -out server.crt >/dev/null 2>&1
rm -f server.csr san.ext
chmod 644 ca.crt server.crt
echo "TLS: CA $dir/ca.crt, server certificate $dir/server.crt"
