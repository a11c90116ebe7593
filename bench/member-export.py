#!/usr/bin/env python3
"""How long a running server takes to export a member with many ledger entries (docs/privacy.md).

Enrols one member and records `--purchases` purchases for them (two lines each, one ledger entry each) from
`--clients` connections, then times `--rounds` exports as JSON and as the zip bundle, and checks that each holds every
entry. Prints each round and the median of each timing.

    python3 bench/member-export.py --url http://127.0.0.1:5080 --key treu_demo_admin_key --purchases 10000 --rounds 5
    python3 bench/member-export.py --member mbr_… --purchases 10000 --rounds 5      # again, on the member recorded before
"""
import argparse
import concurrent.futures
import http.client
import io
import json
import statistics
import time
import urllib.parse
import uuid
import zipfile


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
    parser.add_argument("--purchases", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--member", help="export this member (recorded by an earlier run) instead of recording a new one")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)

    def connect():
        return http.client.HTTPConnection(url.hostname, url.port or 80, timeout=600)

    member = args.member or json.loads(request(connect(), args.key, "POST", "/v1/members",
                                               {"email": f"export-{uuid.uuid4().hex[:12]}@example.de", "firstName": "Bench"}))["id"]

    def record(first):
        own = connect()
        for n in range(first, args.purchases, args.clients):
            request(own, args.key, "POST", "/v1/transactions", {
                "memberId": member, "externalId": f"EXP-{member}-{n}", "currency": "EUR", "channel": "webshop",
                "lines": [{"sku": "4006381333931", "name": "Organic coffee", "quantity": 1, "unitPrice": 8.99},
                          {"sku": "4000417025005", "name": "Oat milk", "quantity": 2, "unitPrice": 1.79}],
            })

    if not args.member:
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(record, range(args.clients)))
        print(f"member {member}: {args.purchases} purchases recorded in {time.perf_counter() - started:.1f} s")

    # A fresh connection: the one that enrolled the member has been idle past the server's keep-alive.
    conn = connect()
    as_json, as_zip = [], []
    for round_no in range(1, args.rounds + 1):
        started = time.perf_counter()
        export = json.loads(request(conn, args.key, "GET", f"/v1/members/{member}/export"))
        as_json.append(time.perf_counter() - started)
        started = time.perf_counter()
        bundle = zipfile.ZipFile(io.BytesIO(request(conn, args.key, "GET", f"/v1/members/{member}/export.zip")))
        as_zip.append(time.perf_counter() - started)
        rows = bundle.read("ledger.csv").decode().count("\n") - 1
        if len(export["ledger"]) < args.purchases or rows != len(export["ledger"]):
            raise SystemExit(f"round {round_no}: {len(export['ledger'])} entries in the JSON, {rows} in ledger.csv")
        print(f"round {round_no}: {len(export['ledger'])} entries, {len(export['purchaseLines'])} purchase lines; "
              f"JSON {as_json[-1]:.2f} s, zip {as_zip[-1]:.2f} s")

    print(f"median: JSON {statistics.median(as_json):.2f} s, zip {statistics.median(as_zip):.2f} s")


if __name__ == "__main__":
    main()
