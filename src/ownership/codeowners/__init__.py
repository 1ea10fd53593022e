"""The CODEOWNERS dialect, pure: syntax, parser, matching, lint, export and import; imports ownership.core (and errors)."""
