#!/usr/bin/env bash
# The tier review of a million members on PostgreSQL (issue #22's speed goal: under 60 s).
#
# Generates a million members into the demo program (whose ladder is Bronze, Silver, Gold, Platinum), then puts every
# one of them on a tier above the base with its review due and a qualifying history that keeps a third of them where
# they are, lets a third fall one tier and leaves a third with nothing (one tier down, with the soft landing), and times
# POST /v1/admin/jobs/tier-review/run on a server whose timers are off. A second run afterwards must find nobody due.
#
#   bench/tier-review-1m.sh "Host=127.0.0.1;Port=55460;Username=postgres" [members]
#
# Needs a PostgreSQL 15 of its own (see docs/import.md, "Measuring at a million members") and `treu` built in Release
# (dotnet build -c Release src/Treu.Server -o /tmp/treu).
set -euo pipefail
CS="${1:?usage: bench/tier-review-1m.sh <connection string> [members]}"
MEMBERS="${2:-1000000}"
TREU="${TREU:-/tmp/treu/treu.dll}"
DB="tierreview$$"
KEY=bench_admin_key_0123456789
PORT=5451
host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$CS"); port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$CS")
PSQL=(psql -q -h "$host" -p "$port" -U postgres)

"${PSQL[@]}" -c "CREATE DATABASE $DB"
echo "Generating $MEMBERS members …"
/usr/bin/time -f "  generated in %e s" dotnet "$TREU" generate --members "$MEMBERS" --entries 0 \
    --Treu:Database:Provider=postgresql --Treu:Database:ConnectionString="$CS;Database=$DB" > /dev/null

echo "Putting them on tiers, their reviews due …"
"${PSQL[@]}" -d "$DB" <<'SQL'
\timing on
UPDATE members SET
  tier = (ARRAY['silver', 'gold', 'platinum'])[1 + abs(hashtext(id)) % 3],
  tier_since = now() - interval '13 months',
  tier_review_at = now() - interval '1 hour',
  qualification = (ARRAY['', to_char(now() - interval '2 months', 'YYYY-MM') || '=5200/520/12',
                          to_char(now() - interval '3 months', 'YYYY-MM') || '=600/60/2'])[1 + abs(hashtext(id || 'q')) % 3];
VACUUM ANALYZE members;
CHECKPOINT;
SQL

dotnet "$TREU" --urls "http://127.0.0.1:$PORT" --Treu:Database:Provider=postgresql --Treu:Database:ConnectionString="$CS;Database=$DB" \
    --Treu:Demo:Seed=false --Treu:Jobs:Enabled=false --Treu:Bootstrap:AdminApiKey=$KEY --Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning \
    > /tmp/tier-review-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/health/ready" > /dev/null 2>&1 || curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1; do sleep 1; done

for run in first second; do
  start=$(date +%s.%N)
  answer=$(curl -fs -X POST -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/admin/jobs/tier-review/run")
  end=$(date +%s.%N)
  echo "  $run run: $(python3 -c "print(f'{$end - $start:.1f}')") s, $answer"
done

"${PSQL[@]}" -d "$DB" -At -c "SELECT 'members per tier now: ' || string_agg(tier || ' ' || n, ', ' ORDER BY tier) FROM (SELECT tier, count(*) n FROM members GROUP BY tier) t" \
    -c "SELECT 'tier changes recorded: ' || count(*) FROM tier_changes" -c "SELECT 'tier.changed events: ' || count(*) FROM domain_events WHERE type = 'tier.changed'"
