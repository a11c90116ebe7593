#!/usr/bin/env bash
# The test suite, or one of its tiers:
#   scripts/test.sh           everything (the README's command)
#   scripts/test.sh --fast    everything but the slow tier: the inner loop
#   scripts/test.sh --slow    the slow tier only: tests marked [Trait("Tier", "slow")]
# Further arguments go to dotnet test; a --filter among them narrows the tier.
# The API specs run on SQLite and on PostgreSQL: the tests start a throwaway PostgreSQL 15 cluster when the server
# binaries are installed (otherwise those specs skip and say why, except under CI=true, where they fail), or use the
# one TREU_TEST_POSTGRES names.
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

tier=all
filters=()
args=()
while (( $# > 0 )); do
  case "$1" in
    --fast) tier=fast; filters=("Tier!=slow" "${filters[@]}") ;;
    --slow) tier=slow; filters=("Tier=slow" "${filters[@]}") ;;
    --filter) filters+=("${2:?--filter needs a value}"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if (( ${#filters[@]} > 0 )); then
  filter="(${filters[0]})"
  for f in "${filters[@]:1}"; do
    filter+="&($f)"
  done
  args+=(--filter "$filter")
fi

results="TestResults/$tier"
rm -rf "$results"
mkdir -p "$results"
dotnet test Treu.slnx --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "${args[@]}"
status=$?
echo "$status" > "$results/exit-code"

python3 scripts/test-summary.py "$results"
exit $status
