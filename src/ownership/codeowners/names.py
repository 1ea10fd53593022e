"""Where a CODEOWNERS file is found, the dialects it is written in, the kinds of its lint: names only. Pure;
no I/O.

Apart from ``syntax`` so that finding the rules does not import the CODEOWNERS reader: a hook with a role map
looks for a CODEOWNERS file beside it and reads none (issue 14).
"""

GITHUB, GITLAB = "github", "gitlab"
DIALECTS = (GITHUB, GITLAB)
LOCATIONS = {  # where each platform looks, in its order; the first file found is the one used
    GITHUB: (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"),
    GITLAB: ("CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"),
}
LINT_KINDS = ("unused", "duplicate", "shadowed", "undeclared", "portability")  # the lint finding kinds, in order
