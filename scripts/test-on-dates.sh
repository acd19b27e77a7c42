#!/usr/bin/env bash
# Runs the whole test suite with the clock moved, once per date: the bot, the tests, the Agents
# Playground and Chromium all run under libfaketime (Debian's `faketime`), whose clock starts at the
# given moment and then ticks on. Dates are UTC.
#
#   scripts/test-on-dates.sh                          # the dates below
#   scripts/test-on-dates.sh '2027-06-30 20:59:00'    # any others
#
# The default dates: 1 December (the date picker shows two months), 31 December 23:30 in Tallinn
# (a year ends within the run), and the last Sunday of March two minutes before 03:00 in Tallinn
# (summer time starts within the run).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install faketime" >&2; exit 2; }
dates=("$@")
[ ${#dates[@]} -gt 0 ] || dates=('2026-12-01 09:00:00' '2026-12-31 21:30:00' '2027-03-28 00:58:00')
for d in "${dates[@]}"; do
  echo "=== the suite on ${d} UTC ==="
  # On PGlite alone: a PostgreSQL server keeps its own clock, which faketime does not move.
  TZ=UTC faketime "$d" env -u TEST_DATABASE_URL npm test
done
