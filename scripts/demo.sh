#!/usr/bin/env bash
# Loads demo content and serves the app on http://127.0.0.1:5000 with the clock running.
# Called by `make demo` after `make install`. With IOD_DIR set to a folder holding the official
# files it imports those; otherwise it loads the generated sample borough (labelled as sample).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
export DATABASE_URL="${DATABASE_URL:-sqlite:///var/fairer.db}"
export FAIRER_DEMO=1
# The demo user (`fairer slash` sends as U0DEMO0001) may open the admin pages too.
export FAIRER_ADMIN_USER_IDS="${FAIRER_ADMIN_USER_IDS:-U0DEMO0001}"

# The sample borough and the official data do not mix: switching from one to the other starts
# the demo's own SQLite file afresh. var/demo-data remembers which one the file holds.
data=sample
if [ -n "${IOD_DIR:-}" ]; then data=official; fi
marker=var/demo-data
if [ "$DATABASE_URL" = "sqlite:///var/fairer.db" ] && [ -f var/fairer.db ] \
  && [ "$(cat "$marker" 2>/dev/null || echo unknown)" != "$data" ]; then
  echo "Starting a fresh demo database: var/fairer.db held other data than the $data data."
  rm -f var/fairer.db var/fairer.db-wal var/fairer.db-shm
fi
mkdir -p var
echo "$data" >"$marker"

"$bin/fairer" db upgrade
if [ -n "${IOD_DIR:-}" ]; then
  "$bin/fairer" import-iod --dir "$IOD_DIR"
  area_code=E02005587 area_name=heartsease
  # The example target areas are Norwich's, so they need the official data.
  if [ -f examples/areas.yml ]; then "$bin/fairer" areas load examples/areas.yml; fi
  if [ -f examples/actions.csv ]; then "$bin/fairer" import-actions examples/actions.csv; fi
  # A draft impact assessment of NRI-02: loading it again replaces the draft.
  "$bin/fairer" assessment load examples/impact-assessment.yml
  # The ONS LSOA boundaries, when the folder has them, give each area page its map.
  for boundaries in "$IOD_DIR"/*.geojson "$IOD_DIR"/*.geojson.gz; do
    if [ -f "$boundaries" ]; then "$bin/fairer" import-boundaries "$boundaries"; break; fi
  done
else
  "$bin/fairer" load-sample
  area_code=E02900001 area_name="heathfield and priory park"
  if [ -f examples/sample-areas.yml ]; then "$bin/fairer" areas load examples/sample-areas.yml; fi
  if [ -f examples/sample-actions.csv ]; then "$bin/fairer" import-actions examples/sample-actions.csv; fi
  "$bin/fairer" import-indicators examples/sample-indicators.csv
fi
"$bin/fairer" survey load examples/surveys/draft-priorities.yml
# Without Slack nobody's name can be looked up, so the demo's people get invented ones; the
# officer pages show these instead of Slack IDs (a real install runs `fairer names refresh`).
while read -r user_id name; do
  "$bin/fairer" names set "$user_id" "$name" >/dev/null
done <<'NAMES'
U0DEMO0001 Demo officer (you)
U0SAMPLE02 Youth services lead (example)
U0SAMPLE03 Housing officer (example)
U0NRCOMM01 Communities team (example)
U0NRFOOD01 Food partnership lead (example)
U0NRHLTH01 Public health lead (example)
NAMES

clock_pid=
if "$bin/fairer" clock --help >/dev/null 2>&1; then
  "$bin/fairer" clock &
  clock_pid=$!
fi
stop_clock() { if [ -n "$clock_pid" ]; then kill "$clock_pid" 2>/dev/null || true; fi; }
trap stop_clock EXIT

cat <<MESSAGE

  Fairer Places is starting on http://127.0.0.1:5000 (Ctrl-C stops it).

  Open an area's profile:   http://127.0.0.1:5000/areas/${area_code}
  Find an area by name:     http://127.0.0.1:5000/areas
  Try a slash command here: .venv/bin/fairer slash "/area ${area_name}"
                            (official data: .venv/bin/fairer slash "/area heartsease")
  Your actions (demo user): .venv/bin/fairer slash "/actions mine"
  Answer the example survey: http://127.0.0.1:5000/s/draft-priorities
  Officer pages:            .venv/bin/fairer slash "/fairer login"  (open the link it prints)

MESSAGE
"$bin/gunicorn" -b 127.0.0.1:5000 "bot.app:create_app()"
