"""The result model, data only; imports ownership.core and ownership.codeowners' data classes (syntax)."""
