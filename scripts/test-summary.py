"""Counts the results of one or more runs of scripts/test.sh, each a directory of trx files and the run's exit code.

Prints one line, "N passed, N failed, N skipped". A run that broke before it could report (a build error, a crashed
test host) counts as a failure, so that a broken run never reads green.
Usage: python3 scripts/test-summary.py TestResults/fast [TestResults/slow …]
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

passed = failed = skipped = 0
for run in sys.argv[1:]:
    files = glob.glob(os.path.join(run, "**", "*.trx"), recursive=True)
    run_failed = 0
    for f in files:
        counters = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", NS)
        a = {k: int(v) for k, v in counters.attrib.items() if v.isdigit()}
        p = a.get("passed", 0)
        fl = a.get("failed", 0) + a.get("error", 0) + a.get("timeout", 0) + a.get("aborted", 0)
        passed += p
        run_failed += fl
        skipped += max(a.get("total", 0) - p - fl, 0)
    try:
        with open(os.path.join(run, "exit-code")) as f:
            status = f.read().strip()
    except OSError:
        status = "missing"
    if not files or (status != "0" and run_failed == 0):
        run_failed += 1
    failed += run_failed
print(f"{passed} passed, {failed} failed, {skipped} skipped")
