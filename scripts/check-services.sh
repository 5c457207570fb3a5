#!/usr/bin/env bash
# Says loudly which optional services the test suite will use, so a skipped PostgreSQL or Redis suite is
# never mistaken for a pass. Never fails: the suite skips those tests with the same reason.
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "services: PostgreSQL on 127.0.0.1:5432 is up: the database tests also run on PostgreSQL"
else
  echo "services: !!! PostgreSQL NOT reachable on 127.0.0.1:5432: PostgreSQL tests will be SKIPPED !!!"
fi
if command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 ping 2>/dev/null)" = PONG ]; then
  echo "services: Redis on 127.0.0.1:6379 is up: the app runs on the Redis state manager in browser tests"
else
  echo "services: !!! Redis NOT reachable on 127.0.0.1:6379: Redis tests will be SKIPPED !!!"
fi
