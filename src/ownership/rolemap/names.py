"""Where a role map is found: its file names, and whether a pyproject.toml declares one. Pure; no I/O.

Apart from ``parse`` so that finding the role map does not import its reader: a hook with only a CODEOWNERS
file looks for a role map beside it and reads none (issue 14).
"""

from __future__ import annotations

import re

from ownership.core.lazy import regex

ROLEMAP_NAMES = ("ownership.toml", ".ownership.toml")
PYPROJECT = "pyproject.toml"

# [tool.ownership] or [tool.ownership.…], but not [tool.ownership-extra].
_PYPROJECT_HEADER = regex(r"""^\s*\[\s*tool\s*\.\s*["']?ownership["']?\s*[.\]]""", re.M)


def declares_rolemap(pyproject_text: str) -> bool:
    """Whether a pyproject.toml's text has a [tool.ownership] table."""
    return bool(_PYPROJECT_HEADER.search(pyproject_text))
