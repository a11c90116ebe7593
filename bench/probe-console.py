#!/usr/bin/env python3
"""Server time of the admin console's pages on a generated population (docs/console.md, "Pages at a million members").

Signs in through the sign-in form as a person of staff, then loads each page one request after another and prints
p50/p95/max per page in milliseconds. A console page is rendered on the server in the answer to its GET (its queries
included) before the browser takes it over, so the time to its last byte is the page's server time plus a local round trip.

    python3 bench/probe-console.py --url http://127.0.0.1:5441 --email owner@bench.example --password '…' --requests 30
"""
import argparse
import html.parser
import http.cookiejar
import time
import urllib.parse
import urllib.request

PAGES = [
    "/admin",
    "/admin/members?q=m123457@gen.treu.dev",
    "/admin/members?q=%2B4915000654321",
    "/admin/members?q=Member%20777777",
    "/admin/members/mbr_gen000000424242",
    "/admin/rules",
    "/admin/tiers",
    "/admin/rewards",
    "/admin/audit",
    "/admin/staff",
    "/admin/api-keys",
    "/admin/settings",
]


class HiddenInputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5080")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--requests", type=int, default=30, help="per page")
    parser.add_argument("--warmup", type=int, default=3, help="per page, not counted")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = HiddenInputs()
    form.feed(opener.open(args.url + "/sign-in").read().decode())
    body = dict(form.fields, **{"Input.Email": args.email, "Input.Password": args.password})
    signed_in = opener.open(args.url + "/sign-in", urllib.parse.urlencode(body).encode())
    if "/sign-in" in signed_in.geturl():
        raise SystemExit("sign-in refused")

    print(f"{'page':48} {'p50':>8} {'p95':>8} {'max':>8}  (ms, {args.requests} requests each)")
    for page in args.pages.split(","):
        times = []
        for i in range(args.warmup + args.requests):
            started = time.perf_counter()
            answer = opener.open(args.url + page)
            answer.read()
            elapsed = (time.perf_counter() - started) * 1000
            if answer.status != 200 or "/sign-in" in answer.geturl() or "/denied" in answer.geturl():
                raise SystemExit(f"{page}: {answer.status} at {answer.geturl()}")
            if i >= args.warmup:
                times.append(elapsed)
        times.sort()
        print(f"{page:48} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} {times[-1]:8.1f}")


if __name__ == "__main__":
    main()
