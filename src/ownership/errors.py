"""Typed errors: every one the CLI turns into a one-line message and exit status 2."""

from __future__ import annotations


class OwnershipError(Exception):
    """Base class: a problem with the user's input (configuration, pattern, git, paths)."""

    def __init__(self, message: str, source: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    def location(self) -> str:
        """``FILE:LINE:COL`` as far as it is known."""
        parts = [self.source] if self.source else []
        if self.source and self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ConfigError(OwnershipError):
    """The role map cannot be read or is invalid."""


class PatternError(OwnershipError):
    """A path pattern is empty, malformed or can never match."""


class GitError(OwnershipError):
    """git failed, is missing, or the directory is not in a repository."""


class UsageError(OwnershipError):
    """A command-line argument cannot be used (for instance a path outside the root)."""
