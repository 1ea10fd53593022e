"""The pure engine, no I/O: patterns, rules, matching; imports nothing of ours but ownership.errors."""
