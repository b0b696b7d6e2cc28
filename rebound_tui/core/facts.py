"""The facts of an entry that content may depend on: the stage reached, internal or not.

One definition of the conditions a content author can write (``when = …``
on a lesson block, a thinking trap or an exercise); see ``content/README.md``.
"""

from __future__ import annotations

from rebound_tui.core.stages import stage_step

#: What ``when`` may say, and what each means.
CONDITIONS = {
    "internal": "the role was inside the person's current company",
    "external": "the role was at another company",
    "shortlisted": "the stage reached is past the application (someone was met)",
    "not-shortlisted": "the stage is the application, or not said",
}


def holds(condition: str | None, *, stage: str, internal: bool) -> bool:
    """Whether content marked ``when = condition`` is shown for an entry with these facts.

    No condition always holds. A stage that is not said, or not one of the stages offered
    (:mod:`rebound_tui.core.stages`), counts as not shortlisted: the text shown then must be
    true for everyone.
    """
    if condition is None:
        return True
    step = stage_step(stage)
    shortlisted = step is not None and step > 1  # past the application
    return {
        "internal": internal,
        "external": not internal,
        "shortlisted": shortlisted,
        "not-shortlisted": not shortlisted,
    }[condition]
