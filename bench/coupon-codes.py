#!/usr/bin/env python3
"""How long a running server takes to generate a coupon campaign's unique codes, and to export them as CSV (docs/rewards.md).

Each round creates a fresh campaign of unique codes, starts it, asks for `--count` codes in one request and times the
answer, then times the CSV export and checks that it holds exactly that many distinct codes. Prints each round and
the median of each timing.

    python3 bench/coupon-codes.py --url http://127.0.0.1:5080 --key treu_demo_admin_key --count 100000 --rounds 5
"""
import argparse
import http.client
import json
import statistics
import time
import urllib.parse
import uuid


def request(conn, key, method, path, body=None):
    headers = {"Authorization": f"Bearer {key}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {data[:500]!r}")
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:5080")
    parser.add_argument("--key", default="treu_demo_admin_key")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=600)

    generating, exporting = [], []
    for round_no in range(1, args.rounds + 1):
        campaign = f"bench-{uuid.uuid4().hex[:12]}"
        request(conn, args.key, "POST", "/v1/admin/coupons", {"id": campaign, "name": "Benchmark", "kind": "amount_off", "amount": 1})
        request(conn, args.key, "POST", f"/v1/admin/coupons/{campaign}/activate", {})

        started = time.perf_counter()
        request(conn, args.key, "POST", f"/v1/admin/coupons/{campaign}/codes", {"count": args.count})
        generated = time.perf_counter() - started

        started = time.perf_counter()
        rows = request(conn, args.key, "GET", f"/v1/admin/coupons/{campaign}/codes.csv").decode().splitlines()[1:]
        exported = time.perf_counter() - started
        codes = {row.split(",")[0] for row in rows}
        if len(rows) != args.count or len(codes) != args.count:
            raise SystemExit(f"round {round_no}: {len(rows)} rows, {len(codes)} distinct codes, {args.count} asked for")

        generating.append(generated)
        exporting.append(exported)
        print(f"round {round_no}: {args.count:,} codes generated in {generated:.2f} s, exported in {exported:.2f} s")

    print(f"median of {args.rounds}: generated in {statistics.median(generating):.2f} s, exported in {statistics.median(exporting):.2f} s")


if __name__ == "__main__":
    main()
