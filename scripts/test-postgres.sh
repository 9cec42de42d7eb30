#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster if it is down and makes sure the benchmark role and
# database exist. Prints their SQLAlchemy URL on stdout. Only bench/survey_server.py uses it: the
# test suite starts its own server (tests/postgres_server.py).
set -euo pipefail
user=fairer_test
db=fairer_test
port=${PGPORT:-5432}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi
}

if ! command -v pg_lsclusters >/dev/null; then
  echo "PostgreSQL is not installed: run 'apt-get install -y postgresql'." >&2
  exit 1
fi
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >&2
  cluster=main
fi
if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  as_postgres "pg_isready -q -p $port" && break
  sleep 0.5
done
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$user'\"" | grep -q 1 ||
  as_postgres "psql -p $port -qc \"CREATE ROLE $user LOGIN SUPERUSER PASSWORD '$user'\"" >&2
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 ||
  as_postgres "createdb -p $port -O $user $db" >&2
echo "postgresql+psycopg://$user:$user@127.0.0.1:$port/$db"
