#!/usr/bin/env bash
# Run the test suite with every service it uses. As root on a Debian machine this installs
# and starts what is missing (PostgreSQL 15, chromium); elsewhere the tests that need a
# missing service are skipped and say why. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    eval "$(bash .ci/postgres.sh)"
    if [ ! -x /usr/bin/chromium ]; then
        echo "test.sh: installing chromium from Debian packages" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    fi
else
    echo "test.sh: not root on Debian: PostgreSQL and browser tests run only if" \
         "NEWSGRAPH_TEST_PG is set and /usr/bin/chromium exists" >&2
fi

"$BIN/ruff" check .
"$BIN/mypy"  # the files pyproject.toml names ([tool.mypy])
"$BIN/pytest" "$@"
