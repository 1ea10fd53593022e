"""The role-map dialect, pure: TOML validation and positions; imports ownership.core (and errors)."""
