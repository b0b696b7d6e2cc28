"""A breathing pacer: the phase, a count and a bar that fills on the in-breath and empties on
the out-breath. With reduced motion nothing moves: it shows the pattern as still text and,
while running, only the phase name and count change once a second.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BAR = 24


def phase_at(pattern: tuple[int, ...], elapsed: float) -> tuple[int, float, int]:
    """(phase index, seconds into that phase, round number from 1) at ``elapsed`` seconds."""
    cycle = sum(pattern)
    done, into = divmod(elapsed, cycle)
    for index, length in enumerate(pattern):
        if into < length:
            return index, into, int(done) + 1
        into -= length
    return len(pattern) - 1, 0.0, int(done) + 1


def out_phase(pattern: tuple[int, ...]) -> int:
    """The breathing-out phase: the third of three or four, the second of two."""
    return 2 if len(pattern) >= 3 else 1


def fullness(pattern: tuple[int, ...], elapsed: float) -> float:
    """How full the bar is (0 to 1): rising on phase 1, falling on the out phase, else held."""
    index, into, _ = phase_at(pattern, elapsed)
    length = pattern[index] or 1
    if index == 0:
        return into / length
    if index == out_phase(pattern):
        return 1 - into / length
    return 1.0 if index < out_phase(pattern) else 0.0


class BreathPacer(Widget):
    DEFAULT_CSS = """
    BreathPacer {
        height: 3;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    """

    elapsed: reactive[float] = reactive(0.0)
    running: reactive[bool] = reactive(False)

    def __init__(
        self, pattern: tuple[int, ...], phases: tuple[str, ...], rounds: int, *, still: bool
    ) -> None:
        super().__init__()
        self.pattern = pattern
        self.phases = phases
        self.rounds = rounds
        self.still = still

    @property
    def total(self) -> float:
        return float(sum(self.pattern) * self.rounds)

    def render(self) -> Text:
        steps = " · ".join(
            f"{name} {seconds}" for name, seconds in zip(self.phases, self.pattern, strict=True)
        )
        if not self.running and self.elapsed == 0:
            return Text(f"{steps}\nRepeat {self.rounds} times, at your own pace.\n")
        if self.elapsed >= self.total:
            return Text(f"Done: {self.rounds} rounds.\nNotice how you feel now.\n")
        index, into, round_number = phase_at(self.pattern, self.elapsed)
        count = max(1, self.pattern[index] - int(into))
        head = Text(f"{self.phases[index]}  {count}", style="bold")
        head.append(f"    round {round_number} of {self.rounds}", style="dim")
        if not self.running:
            head.append("    (paused)", style="dim")
        if self.still:
            return head + Text(f"\n{steps}\n", style="dim")
        filled = round(fullness(self.pattern, self.elapsed) * BAR)
        bar = Text("█" * filled, style="bold") + Text("░" * (BAR - filled), style="dim")
        return head + Text("\n") + bar + Text("\n")
