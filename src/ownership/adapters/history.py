"""Reading authorship from git history: one streaming ``git log`` folded into the DOA model as it comes."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Tuple

from ownership.adapters.fspath import AnyPath, FsPath
from ownership.adapters.gitfiles import list_files, log_history, worktree_top
from ownership.adapters.reading import read_text
from ownership.adapters.rulefiles import shown
from ownership.errors import ConfigError
from ownership.rolemap.people import PEOPLE_NAME, parse_people
from ownership.core.authorship import Authorship, Ledger
from ownership.core.people import identity


def read_authorship(top: AnyPath, rev: str = "HEAD", since: Optional[str] = None) -> Authorship:
    """The authors of every file of ``rev``'s tree, from the non-merge commits reachable from ``rev`` (those
    from ``since``, YYYY-MM-DD, on when given). ``top`` is the top of the work tree; paths are relative to it."""
    ledger = Ledger()
    for commit in log_history(top, rev, since):
        ledger.commit(identity(commit.email), commit.date, commit.changes)
    return ledger.authorship(list_files(top, rev), since)


def load_people(base: AnyPath, people: Optional[str]) -> Dict[str, Tuple[str, ...]]:
    """The teams of the people file: ``people`` if given (it must exist), else ``ownership-people.toml`` in
    ``base`` (the rules' directory) when there is one, else none."""
    if people is not None:
        path = Path(people)
        if not path.is_file():
            raise ConfigError("no such people file", people)
        source = people
    else:
        path = Path(base) / PEOPLE_NAME
        if not path.is_file():
            return {}
        source = shown(path)
    return parse_people(read_text(path, source, "the people file", within=repository_of(base)), source)


def repository_of(base: AnyPath) -> FsPath:
    """The top of the work tree holding ``base``."""
    return worktree_top(base)
