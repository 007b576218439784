"""One frozen configuration object for a cleaning run.

>>> CleanConfig(profile="news").tone_style
'traditional'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

Profile = Literal["safe", "news", "aggressive"]
ToneStyle = Literal["traditional", "modern"]
AbbreviationMode = Literal["expand", "annotate"]

PROFILES: tuple[str, ...] = get_args(Profile)
TONE_STYLES: tuple[str, ...] = get_args(ToneStyle)


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Options of a cleaning run. Every field is also a keyword of :func:`vntextclean.clean`.

    - ``profile``: ``"safe"`` (default) repairs only what is certainly broken
      (Unicode, encodings, tone placement, spacing, known misreadings) and changes
      nothing in clean text; ``"news"`` adds news page furniture removal and
      metadata; ``"aggressive"`` adds repairs that are usually but not always right.
    - ``tone_style``: ``"traditional"`` (hòa, khỏe, thủy, ủy) or ``"modern"`` (hoà, khoẻ, thuỷ, uỷ).
    - ``expand_abbreviations``: replace abbreviations (UBND → Ủy ban nhân dân).
    - ``abbreviation_mode``: ``"expand"`` replaces; ``"annotate"`` keeps the
      abbreviation and adds the expansion at its first use: "UBND (Ủy ban nhân dân)".
    - ``apply_suggestions``: also apply ``suggest``-level edits (like ruff's unsafe fixes).
    - ``disable``: rule ids (or family prefixes such as ``"ocr/"``) turned off.
    - ``rules``: extra rule folders; their rules add to or override the bundled ones.
    - ``regex_timeout``: seconds one rule may spend matching one stretch of text.
    """

    profile: Profile = "safe"
    tone_style: ToneStyle = "traditional"
    expand_abbreviations: bool = False
    abbreviation_mode: AbbreviationMode = "expand"
    apply_suggestions: bool = False
    disable: frozenset[str] = field(default_factory=frozenset)
    rules: tuple[Path, ...] = ()
    regex_timeout: float = 1.0

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; choose one of {', '.join(PROFILES)}")
        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"unknown tone_style {self.tone_style!r}; choose 'traditional' or 'modern'")
        if self.abbreviation_mode not in ("expand", "annotate"):
            raise ValueError(f"unknown abbreviation_mode {self.abbreviation_mode!r}; choose 'expand' or 'annotate'")
        if isinstance(self.disable, str):
            object.__setattr__(self, "disable", frozenset([self.disable]))
        else:
            object.__setattr__(self, "disable", frozenset(self.disable))
        if isinstance(self.rules, (str, Path)):
            object.__setattr__(self, "rules", (Path(self.rules),))
        else:
            object.__setattr__(self, "rules", tuple(Path(r) for r in self.rules))
        if self.regex_timeout <= 0:
            raise ValueError("regex_timeout must be a positive number of seconds")

    @classmethod
    def from_options(cls, config: "CleanConfig | None" = None, **options: Any) -> "CleanConfig":
        """Build a config from keyword options, refusing unknown names."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        base = config or cls()
        return replace(base, **options) if options else base

    def is_disabled(self, rule_id: str) -> bool:
        return any(rule_id == d or (d.endswith("/") and rule_id.startswith(d))
                   or rule_id.startswith(d.rstrip("/") + "/") for d in self.disable)
