"""Output formats: pure functions from the result model to text, kept in ``FORMATTERS`` by name.

Each format module offers ``report(report, options)`` and ``check(report, kinds, options)``; text, JSON and
Markdown also ``who(explanations, options)``, ``diff(ownership_diff, options)`` and ``raci(report,
options)``; ``html`` offers ``report`` only. None of them recomputes anything the model holds.
"""

from __future__ import annotations

from types import ModuleType
from typing import Dict

from ownership.formatters import github, html, json, markdown, sarif, text

FORMATTERS: Dict[str, ModuleType] = {
    "text": text, "json": json, "markdown": markdown, "github": github, "sarif": sarif, "html": html,
}
