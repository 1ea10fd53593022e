"""ownership: make the owner of every file in a git repository explicit and checked."""

__version__ = "0.1.0"
