"""Fast start: wall time of `kg --help` and `kg queries` against `python -c "import click"`,
median of N runs each, measured in this one run. Target ratio <= 2.5."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    baseline = median_seconds([sys.executable, "-c", "import click"])
    print(f"python -c 'import click'  {baseline * 1000:7.1f} ms")
    for args in (["--help"], ["queries"]):
        seconds = median_seconds([str(BIN / "kg"), *args])
        print(f"kg {' '.join(args):<22} {seconds * 1000:7.1f} ms  ratio {seconds / baseline:.2f}")


if __name__ == "__main__":
    main()
