#!/usr/bin/env python3
"""What the server did between two scrapes of its /metrics (bench.sh).

    metrics-delta.py BEFORE.prom AFTER.prom stages   # mean µs of a raise's stages:
                                                     # "prepare / queue / commit / publish / answer"
    metrics-delta.py BEFORE.prom AFTER.prom slow     # presses whose commit / wait in the
                                                     # queue took over 10 ms: "commit / queue"
    metrics-delta.py BEFORE.prom AFTER.prom fanout   # the feed's wakes of every stream:
                                                     # "p50 ≤ A / p99 ≤ B ms over N wakes (mean M)"
    metrics-delta.py BEFORE.prom AFTER.prom appender # the appender's time a press, µs:
                                                     # "raises and the rest / chain starts (busy S s)"

Histogram quantiles are the upper bounds of their buckets (the text format
keeps no more).
"""
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$')


def load(path):
    """{(name, labels text): value} of every sample in a scrape."""
    samples = {}
    for line in open(path, encoding="utf-8"):
        m = SAMPLE.match(line.strip())
        if m:
            samples[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return samples


def delta(before, after):
    return {k: v - before.get(k, 0.0) for k, v in after.items()}


def stage(d, what, name, le=None):
    labels = 'stage="%s"' % name + (',le="%s"' % le if le else "")
    return d.get(("hall_raise_stage_seconds_" + what, labels), 0.0)


def stages(d):
    means = []
    for name in ("prepare", "queue", "commit", "publish", "answer"):
        n = stage(d, "count", name)
        means.append("%.0f" % (stage(d, "sum", name) / n * 1e6) if n > 0 else "?")
    return " / ".join(means)


def slow(d):
    over = [stage(d, "count", n) - stage(d, "bucket", n, "0.01") for n in ("commit", "queue")]
    return "%.0f / %.0f" % tuple(over)


def fanout(d):
    name = "hall_feed_fanout_seconds"
    n = d.get((name + "_count", ""), 0.0)
    if n <= 0:
        return "no wakes"
    buckets = sorted(
        (float(m.group(1)), v)
        for (series, labels), v in d.items()
        if series == name + "_bucket"
        for m in [re.fullmatch(r'le="([^"]+)"', labels)]
        if m and m.group(1) != "+Inf")

    def quantile(q):
        return next(("≤ %g" % (le * 1000) for le, v in buckets if v >= q * n),
                    "> %g" % (buckets[-1][0] * 1000))

    return "p50 %s / p99 %s ms over %d wakes (mean %.1f)" % (
        quantile(0.5), quantile(0.99), n, d.get((name + "_sum", ""), 0.0) / n * 1000)


def appender(d):
    presses = stage(d, "count", "commit")
    if presses <= 0:
        return "no presses"
    busy = d.get(("hall_appender_busy_seconds_total", ""), 0.0)
    chains = d.get(("hall_appender_follow_up_seconds_total", ""), 0.0)
    return "%.0f / %.0f (busy %.1f s)" % ((busy - chains) / presses * 1e6,
                                          chains / presses * 1e6, busy)


MODES = {"stages": stages, "slow": slow, "fanout": fanout, "appender": appender}


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in MODES:
        sys.exit(__doc__)
    d = delta(load(sys.argv[1]), load(sys.argv[2]))
    print(MODES[sys.argv[3]](d))


if __name__ == "__main__":
    main()
