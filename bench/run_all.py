"""Run every benchmark and write bench/RESULTS.md (machine, date, command, tables, profile notes)."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import embedding, factchecks, factchecks_http_scale, matching, parsing
from bench.common import machine

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
NOTES = Path(__file__).resolve().parent / "NOTES.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="statements for the embedding benchmark")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the embedding benchmark")
    parser.add_argument("--articles", type=int, default=84, help="articles for the extraction benchmark")
    parser.add_argument("--sizes", default="1000,10000,100000", help="speaker sizes for the matching benchmark")
    parser.add_argument("--fc-queries", type=int, default=200, help="search queries of the fact-check benchmark")
    parser.add_argument("--fc-sizes", default="100000,1000000", help="synthetic fact-check index sizes")
    parser.add_argument("--fc-http-size", type=int, default=1_000_000,
                        help="fact-checks for the search-through-HTTP benchmark at scale (0: skip it)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    header = [
        "# Benchmark results",
        "",
        f"- machine: {machine()}",
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- command: `{shlex.join([Path(sys.executable).name, *sys.argv])}` (via `make bench`)",
        "- the machine is shared and noisy: read the ratios measured in the same run, not the absolute numbers",
        "",
    ]
    sections = [
        embedding.run(args.n, args.rounds),
        parsing.run(args.articles, args.rounds),
        matching.run([int(s) for s in args.sizes.split(",")]),
        factchecks.run(100_000, args.fc_queries, [int(s) for s in args.fc_sizes.split(",") if s]),
    ]
    if args.fc_http_size:
        sections.append(factchecks_http_scale.run(args.fc_http_size, args.fc_queries, 90.0))
    notes = NOTES.read_text() if NOTES.exists() else ""
    args.out.write_text("\n".join(header) + "\n" + "\n".join(sections) + ("\n" + notes if notes else ""))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
