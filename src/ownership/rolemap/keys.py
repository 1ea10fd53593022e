"""Key paths in a role map's TOML, as the readers and the locator (``tomlpos``) share them. Pure; no I/O.

Apart from ``tomlpos`` so that reading a role map does not import the locator, which is needed only when a
position is shown (issue 14).
"""

VALUE = "#value"
"""Path suffix under which the position of a key's value is stored."""

MAX_KEY_PARTS = 32
"""The most parts a dotted key or table header may have (a role map needs 4: ``[tool.ownership.roles."x"]``):
tomllib takes time quadratic in the parts of one key, and 200,000 of them (400 KB) ran for minutes (issue 10)."""
