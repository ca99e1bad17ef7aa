"""Sanity-check demo/expected.json against demo/articles/*.json.

Run: python demo/check_expected.py   (exit code 0 = all good)
"""
import datetime
import json
import pathlib
import sys

DEMO = pathlib.Path(__file__).resolve().parent


def main() -> int:
    expected = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in (DEMO / "articles").glob("*.json"))
    errors = []
    if files != sorted(k for k in expected if k.endswith(".json")):
        errors.append(f"article files {files} != expected keys")
    texts, prev = {}, None
    for name in files:
        art = json.loads((DEMO / "articles" / name).read_text(encoding="utf-8"))
        if set(art) != {"title", "url", "source", "published_at", "text"}:
            errors.append(f"{name}: wrong keys {sorted(art)}")
        if not art["url"].startswith("https://example.org/"):
            errors.append(f"{name}: url")
        ts = datetime.datetime.fromisoformat(art["published_at"].replace("Z", "+00:00"))
        if prev is not None and ts <= prev:
            errors.append(f"{name}: published_at not increasing")
        prev = ts
        texts[name] = art["text"]
        for st in expected.get(name, []):
            if st["kind"] not in ("direct", "reported"):
                errors.append(f"{name}: bad kind {st}")
            if art["text"].count(st["text"]) != 1:
                errors.append(f"{name}: not exactly one occurrence: {st['text']!r}")
    for key in ("same_claim", "different_claim"):
        for fa, ta, fb, tb in expected.get(key, []):
            for f, t in ((fa, ta), (fb, tb)):
                if not any(s["text"] == t for s in expected.get(f, [])):
                    errors.append(f"{key}: {f}: {t!r} is not an expected statement")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
