#!/usr/bin/env python3
"""The Python floor of a whole-tree report: `git ls-files -z` read, split and grouped by directory.

No report can do less: it must list the files and take each one's directory. benchmarks/run.py measures the
million-file `ownership report` against this script, run the same way in the same run (time and peak memory).
"""

from __future__ import annotations

import gc
import subprocess
from typing import Dict, List


def main() -> int:
    gc.disable()  # as ownership does during a run: millions of new objects, none of them cyclic
    output = subprocess.run(["git", "ls-files", "-z"], stdout=subprocess.PIPE, check=True).stdout
    paths = output.decode("utf-8", "surrogateescape").split("\0")
    paths.pop()
    directories: Dict[str, List[str]] = {}
    for path in paths:
        directory, _, name = path.rpartition("/")
        found = directories.get(directory)
        if found is None:
            found = directories[directory] = []
        found.append(name)
    print(f"{len(paths)} files in {len(directories)} directories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
