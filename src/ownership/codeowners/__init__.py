"""The CODEOWNERS dialect, pure: syntax, parser, matching, lint, export, import; imports ownership.core, errors."""
