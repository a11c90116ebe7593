#!/usr/bin/env bash
# The whole test suite: domain tests, and the API tests on SQLite and on PostgreSQL (a throwaway
# cluster the tests start when the server binaries are installed, or the one TREU_TEST_POSTGRES names;
# otherwise those tests skip and say why, except under CI=true, where a missing PostgreSQL fails them).
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

results="TestResults"
rm -rf "$results"
dotnet test Treu.slnx --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    a = {k: int(v) for k, v in c.attrib.items() if v.isdigit()}
    p = a.get("passed", 0)
    fl = a.get("failed", 0) + a.get("error", 0) + a.get("timeout", 0) + a.get("aborted", 0)
    passed += p
    failed += fl
    skipped += max(a.get("total", 0) - p - fl, 0)
if not files or (sys.argv[2] != "0" and failed == 0):
    failed += 1  # the run broke before reporting (build error, crashed host): never report green
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
