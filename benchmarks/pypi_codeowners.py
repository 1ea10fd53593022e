#!/usr/bin/env python3
"""The comparison: the PyPI `codeowners` library resolving the owners of every file `git ls-files` lists.

    python benchmarks/pypi_codeowners.py CODEOWNERS   # run inside the repository; prints files and owned
"""

import subprocess
import sys

from codeowners import CodeOwners


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as handle:
        owners = CodeOwners(handle.read())
    paths = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout.decode().split("\0")
    owned = sum(1 for path in paths if path and owners.of(path))
    print(f"{len(paths) - 1} files, {owned} owned")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
