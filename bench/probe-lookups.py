#!/usr/bin/env python3
"""Latency of the till's reads on a generated population (docs/import.md, "Measuring at a million members").

One keep-alive connection, requests one after another (no queueing in the client), random generated
members (identity scheme of `treu generate`). Prints p50/p95/p99/max per operation in milliseconds.
`--operations adjust` instead posts 1-point admin adjustments (writes that lock the member), e.g. to see
whether a till waits while the expiry job runs. SIGTERM ends the probe early and prints what was measured (start it
with a large `--requests` beside a job and stop it when the job is done).

    python3 bench/probe-lookups.py --url http://127.0.0.1:5080 --key <api key> --members 1000000 --requests 5000
"""
import json
import uuid
import argparse
import http.client
import random
import signal
import time
import urllib.parse


def luhn(payload: str) -> str:
    total, double = 0, True
    for ch in reversed(payload):
        d = int(ch)
        if double:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        double = not double
    return payload + str((10 - total % 10) % 10)


OPERATIONS = {
    "balance": lambda i: f"/v1/members/mbr_gen{i:012d}/balance",
    "lookup card": lambda i: "/v1/members/lookup?card=" + luhn(f"29{i:010d}"),
    "lookup email": lambda i: "/v1/members/lookup?email=" + urllib.parse.quote(f"m{i}@gen.treu.dev"),
    "adjust": lambda i: f"/v1/members/mbr_gen{i:012d}/adjustments",
}


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5080")
    parser.add_argument("--key", required=True)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=5000, help="per operation")
    parser.add_argument("--warmup", type=int, default=300, help="per operation, not counted")
    parser.add_argument("--seed", type=int, default=7, help="which random members; another seed for a warm-up run, so that the "
                        "measured run does not find its members' pages cached")
    parser.add_argument("--operations", default="balance,lookup card,lookup email", help="comma-separated: " + ", ".join(OPERATIONS))
    args = parser.parse_args()

    stopped = []
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(True))
    target = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(target.hostname, target.port or 80)
    headers = {"Authorization": f"Bearer {args.key}"}
    rng = random.Random(args.seed)
    for name in args.operations.split(","):
        path = OPERATIONS[name]
        timings = []
        for n in range(args.warmup + args.requests):
            if stopped:
                break
            url = path(rng.randint(1, args.members))
            start = time.perf_counter()
            if name == "adjust":
                body = json.dumps({"points": 1, "reason": "probe"})
                connection.request("POST", url, body=body, headers={**headers, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
            else:
                connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status not in (200, 201):
                raise SystemExit(f"{name}: {url} answered {response.status}")
            if n >= args.warmup:
                timings.append(elapsed)
        if not timings:
            continue
        timings.sort()
        print(f"{name:13} n={len(timings)} p50 {percentile(timings, 50):.2f} ms  p95 {percentile(timings, 95):.2f} ms  "
              f"p99 {percentile(timings, 99):.2f} ms  max {timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
