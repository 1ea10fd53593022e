"""Reading authorship from git history: one streaming ``git log`` folded into the DOA model as it comes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ownership.adapters.gitfiles import list_files, log_history
from ownership.core.authorship import Authorship, Ledger
from ownership.core.people import identity


def read_authorship(top: Path, rev: str = "HEAD", since: Optional[str] = None) -> Authorship:
    """The authors of every file of ``rev``'s tree, from the non-merge commits reachable from ``rev`` (those
    from ``since``, YYYY-MM-DD, on when given). ``top`` is the top of the work tree; paths are relative to it."""
    ledger = Ledger()
    for commit in log_history(top, rev, since):
        ledger.commit(identity(commit.email), commit.date, commit.changes)
    return ledger.authorship(list_files(top, rev), since)
