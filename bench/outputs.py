"""Maps and exports at scale: time and peak memory of `kg map --all` on a graph of about 2,000
entities and of `kg export --format nt` on a small and a large synthetic graph.

Export streams a page at a time, so its peak memory should not grow with the graph.

    python bench/outputs.py [--large 1000000] [--keep DIR]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ingest import KG, run_measured
from synth_graph import built, size_arguments

MAP_RELATIONS = 20_000  # about 2,000 entities


def browser_settle_seconds(page: Path) -> float | None:
    """Seconds until the map at PAGE has laid itself out in headless Chromium (None when
    Playwright or Debian's Chromium is missing)."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        started = time.perf_counter()
        tab = browser.new_page()
        tab.goto(page.as_uri(), timeout=600_000)
        tab.wait_for_function("window.kgSettled === true", timeout=600_000)
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    out = Path(tempfile.mkdtemp(prefix="kg-bench-out-"))
    map_db = str(built(args.root, MAP_RELATIONS))
    mapped = run_measured([str(KG), "map", "--all", "--db", map_db, "-o", str(out / "a.html")])
    print(f"kg map --all, {MAP_RELATIONS:,} relationships: {mapped.seconds:.1f} s, "
          f"peak {mapped.rss:.0f} MiB")  # fmt: skip
    settled = browser_settle_seconds(out / "a.html")
    if settled is not None:
        print(f"  that map, opened in headless Chromium, settles in {settled:.1f} s")
    peaks = {}
    for size in (args.small, args.large):
        target = out / f"graph-{size}.nt"
        command = [str(KG), "export", "--format", "nt", "--db", str(built(args.root, size)), "-o",
                   str(target)]  # fmt: skip
        exported = run_measured(command)
        peaks[size] = exported.rss
        lines = sum(1 for _ in target.open("rb"))
        print(f"kg export --format nt, {size:,} relationships: {exported.seconds:.1f} s, "
              f"{lines:,} triples, peak {peaks[size]:.0f} MiB")  # fmt: skip
    print(f"export peak memory, large / small: {peaks[args.large] / peaks[args.small]:.2f}")


if __name__ == "__main__":
    main()
