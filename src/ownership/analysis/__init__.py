"""The builders that compute the model from rules and paths, pure; imports core, rolemap, codeowners and model."""
