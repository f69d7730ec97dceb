#!/usr/bin/env bash
# Install (if missing) and start a PostgreSQL 15 cluster on 127.0.0.1 for the test suite,
# with a login role and database `newsgraph_test`, as a fresh machine's root user would.
#
# Prints one line for the caller to evaluate; everything else goes to stderr:
#     eval "$(bash .ci/postgres.sh)"      # in .ci/run: exports NEWSGRAPH_TEST_PG
# Tests marked `postgres` run against $NEWSGRAPH_TEST_PG and skip when it is not set.
set -euo pipefail

PG_VERSION=15
CLUSTER=main
PORT="${NEWSGRAPH_PG_PORT:-5432}"
ROLE=newsgraph_test
PASSWORD=newsgraph_test
DB=newsgraph_test

log() { echo "postgres.sh: $*" >&2; }

if [ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]; then
    log "installing postgresql-$PG_VERSION from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "postgresql-$PG_VERSION" >&2
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $CLUSTER"; then
    log "creating cluster $PG_VERSION/$CLUSTER"
    pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PORT" >&2
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' \
        | grep -q online; then
    log "starting cluster $PG_VERSION/$CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"

for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
    log "creating role $ROLE"
    psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    log "creating database $DB"
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "export NEWSGRAPH_TEST_PG=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
