"""The ``vntextclean`` command line: parse arguments, call the library, format.

No cleaning logic lives here; each command calls one public function.
Exit codes follow linters: 0 nothing to report, 1 findings, 2 bad input or a
broken rule (reported in one line naming the file and what to do).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Iterable, Iterator, Optional

import typer

from .cleaner import Cleaner
from .config import CleanConfig
from .edits import CleanResult, LineIndex
from .rules import RuleError, RuleSet

app = typer.Typer(
    name="vntextclean",
    help="Clean, check and score Vietnamese text; link entity names across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, show and test the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def main() -> None:  # the console script
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`vntextclean clean big.txt | head`): stop quietly, like cat.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
    except KeyboardInterrupt:
        error("interrupted; files already written are complete, the rest were not touched")
        sys.exit(130)


# --- shared plumbing --------------------------------------------------------------

class InputError(Exception):
    """A file that cannot be used; the message says which and what to do."""


def error(message: str) -> None:
    typer.echo(f"vntextclean: error: {message}", err=True)


@dataclass(slots=True)
class Source:
    """One input: a file (with the folder it was found in) or standard input."""

    path: Path | None
    root: Path | None = None

    @property
    def name(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)

    def relative(self) -> Path:
        assert self.path is not None
        return self.path.relative_to(self.root) if self.root else Path(self.path.name)


def iter_sources(paths: list[Path] | None, glob: str) -> Iterator[Source | InputError]:
    """Files named, files under folders (recursively, matching ``glob``), or stdin."""
    if not paths or paths == [Path("-")]:
        yield Source(None)
        return
    for p in paths:
        if str(p) == "-":
            yield Source(None)
        elif p.is_dir():
            found = sorted(f for f in p.rglob(glob) if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                yield InputError(f"{p}: no files matching {glob!r} in this folder; use --glob to choose others")
            for f in found:
                yield Source(f, p)
        elif p.is_file():
            yield Source(p)
        elif p.exists():
            yield InputError(f"{p}: not a regular file or folder; give a text file or a folder")
        else:
            yield InputError(f"{p}: no such file or folder; check the path")


def read_text(source: Source) -> str:
    if source.path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            data = source.path.read_bytes()
        except PermissionError:
            raise InputError(f"{source.name}: permission denied; make the file readable") from None
        except OSError as exc:
            raise InputError(f"{source.name}: cannot read ({exc.strerror}); check the file") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{source.name}: UTF-16 text, not UTF-8; convert it first, "
                         "e.g. iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source.name}: looks binary (NUL bytes), not text; give a UTF-8 text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source.name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f WINDOWS-1258 -t UTF-8") from None


class Inputs:
    """The readable inputs, one ``(source, text)`` at a time.

    An input that cannot be used is reported in one line naming it and what to
    do, ``failed`` is set (the command then exits 2), and the others go on.
    """

    def __init__(self, sources: Iterable[Source | InputError]) -> None:
        self.sources = list(sources)
        self.failed = False

    @property
    def files(self) -> list[Source]:
        return [s for s in self.sources if isinstance(s, Source)]

    def fail(self, message: str) -> None:
        error(message)
        self.failed = True

    def __iter__(self) -> Iterator[tuple[Source, str]]:
        for source in self.sources:
            if isinstance(source, InputError):
                self.fail(str(source))
                continue
            try:
                text = read_text(source)
            except InputError as exc:
                self.fail(str(exc))
                continue
            yield source, text


def write_atomic(path: Path, text: str, like: Path | None = None) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        if like is not None and like.exists():
            os.chmod(tmp, like.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_or_report(inputs: Inputs, path: Path, text: str, like: Path | None = None) -> bool:
    """Write atomically; on failure report one line naming the file and go on."""
    try:
        write_atomic(path, text, like=like)
        return True
    except OSError as exc:
        inputs.fail(f"{path}: cannot write ({exc.strerror or exc}); check the folder's permissions and free space")
        return False


def make_cleaner(profile: str, tone_style: str, expand_abbreviations: bool, annotate: bool,
                 unsafe: bool, rules: list[Path] | None, disable: list[str] | None) -> Cleaner:
    try:
        config = CleanConfig(
            profile=profile, tone_style=tone_style,  # type: ignore[arg-type]
            expand_abbreviations=expand_abbreviations or annotate,
            abbreviation_mode="annotate" if annotate else "expand",
            apply_suggestions=unsafe, disable=frozenset(disable or ()), rules=tuple(rules or ()))
    except ValueError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    try:
        return Cleaner(config)
    except RuleError:
        for e in RuleSet.load(config.rules).errors:
            error(f"{e}")
        error("fix the rule file(s) above, or leave out --rules")
        raise typer.Exit(2) from None


# Options shared by clean, check and score.
ProfileOpt = Annotated[str, typer.Option("--profile", "-p", help="safe (default: changes nothing in clean text), news (also drops page furniture), aggressive.")]
ToneOpt = Annotated[str, typer.Option("--tone-style", help="traditional (hòa, thủy) or modern (hoà, thuỷ).")]
ExpandOpt = Annotated[bool, typer.Option("--expand-abbreviations", help="Replace abbreviations with their expansions (UBND → Ủy ban nhân dân).")]
AnnotateOpt = Annotated[bool, typer.Option("--annotate-abbreviations", help="Keep abbreviations and add the expansion at first use: UBND (Ủy ban nhân dân).")]
UnsafeOpt = Annotated[bool, typer.Option("--apply-suggestions", help="Also apply suggestions (repairs a reader should confirm).")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="A folder of your own rules; adds to or overrides the bundled ones. Repeatable.")]
DisableOpt = Annotated[Optional[list[str]], typer.Option("--disable", help="Turn off a rule id, or a family such as ocr/. Repeatable.")]
GlobOpt = Annotated[str, typer.Option("--glob", help="Which files to take from folders.")]
PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (recursive); none or - reads standard input.", show_default=False)]


def _summary(name: str, result: CleanResult) -> str:
    fams: dict[str, int] = {}
    for e in result.edits:
        for rid in e.rules:
            fams[rid] = fams.get(rid, 0) + 1
    parts = ", ".join(f"{rid} {n}" for rid, n in sorted(fams.items(), key=lambda kv: -kv[1]))
    line = (f"{name}: {len(result.edits)} edit(s)"
            f"{' (' + parts + ')' if parts else ''}, {len(result.suggestions)} suggestion(s), "
            f"{len(result.flags)} flag(s), {len(result.metadata)} metadata span(s)")
    return line


# --- clean ------------------------------------------------------------------------

@app.command()
def clean(
    paths: PathsArg = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write cleaned files into this folder (the input tree is mirrored).")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the files themselves (atomically).")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of each change.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="List each edit with its rule and reason.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per input: text, edits, suggestions, flags, metadata.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Print one line per file: what changed, by rule.")] = False,
    profile: ProfileOpt = "safe",
    tone_style: ToneOpt = "traditional",
    expand_abbreviations: ExpandOpt = False,
    annotate_abbreviations: AnnotateOpt = False,
    apply_suggestions: UnsafeOpt = False,
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    glob: GlobOpt = "*.txt",
) -> None:
    """Clean files, folders or standard input; every change can be explained (--explain) or diffed (--diff)."""
    if output is not None and in_place:
        error("give either --output DIR or --in-place, not both")
        raise typer.Exit(2)
    cleaner = make_cleaner(profile, tone_style, expand_abbreviations, annotate_abbreviations,
                           apply_suggestions, rules, disable)
    inputs = Inputs(iter_sources(paths, glob))
    files = inputs.files
    if len(files) > 1 and output is None and not in_place and not (diff or explain or as_json or summary):
        error(f"{len(files)} inputs: give --output DIR (the tree is mirrored) or --in-place; "
              "or --diff / --explain / --json / --summary to only report")
        raise typer.Exit(2)
    if output is not None and output.exists() and not output.is_dir():
        error(f"{output}: --output must be a folder, and this is a file; give a folder (it is created if missing)")
        raise typer.Exit(2)
    if in_place and any(s.path is None for s in files):
        error("<stdin>: --in-place needs files, not standard input")
        raise typer.Exit(2)
    for source, text in inputs:
        result = cleaner.clean(text)
        for problem in result.stats.get("problems", []):
            error(f"{source.name}: {problem}")
        if output is not None:
            target = output / (source.relative() if source.path else Path("stdin.txt"))
            if source.path is not None and target.resolve() == source.path.resolve():
                inputs.fail(f"{source.name}: the output would overwrite the input; choose another --output folder")
                continue
            if not _write_or_report(inputs, target, result.text):
                continue
        elif in_place and source.path is not None and result.changed:
            if not _write_or_report(inputs, source.path, result.text, like=source.path):
                continue
        writes_files = output is not None or in_place
        if as_json:
            typer.echo(json.dumps({"path": source.name, **result.to_dict()}, ensure_ascii=False))
            continue
        if summary:
            typer.echo(_summary(source.name, result))
        if diff:
            typer.echo(result.diff(source.name), nl=False)
        if explain:
            for line in result.explain():
                typer.echo(f"{source.name}:{line}")
        if not (writes_files or diff or explain or summary):
            sys.stdout.write(result.text)
            sys.stdout.flush()
    if inputs.failed:
        raise typer.Exit(2)


# --- check ------------------------------------------------------------------------

@app.command()
def check(
    paths: PathsArg = None,
    profile: ProfileOpt = "safe",
    tone_style: ToneOpt = "traditional",
    expand_abbreviations: ExpandOpt = False,
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    glob: GlobOpt = "*.txt",
) -> None:
    """Report what a clean would change, suggest or flag, as path:line:col: rule-id message. Changes nothing.

    Exit 0 when nothing is found, 1 when something is, 2 on bad input.
    """
    cleaner = make_cleaner(profile, tone_style, expand_abbreviations, False, False, rules, disable)
    found = False
    inputs = Inputs(iter_sources(paths, glob))
    for source, text in inputs:
        result = cleaner.clean(text)
        index = LineIndex(text)
        for f in result.findings:
            found = True
            line, col = index.position(f.start)
            typer.echo(f"{source.name}:{line}:{col}: {f.rule} {_finding_message(cleaner, f)}")
        for problem in result.stats.get("problems", []):
            error(f"{source.name}: {problem}")
    if inputs.failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if found else 0)


def _finding_message(cleaner: Cleaner, f) -> str:
    """``[level: ]reason`` and what it is about: ``'before' → 'after'``, or the flagged text."""
    reason = f.reason
    if not reason:
        try:
            reason = cleaner.ruleset[f.rules[-1]].message(f.before, f.after)
        except KeyError:
            reason = ""
    snippet = f.before if len(f.before) <= 60 else f.before[:57] + "…"
    what = f"{snippet!r}" if f.after is None else f"{snippet!r} → {f.after!r}"
    prefix = "" if f.level == "fix" else f"{f.level}: "
    if reason and (f.before in reason or len(reason) > 90):
        return f"{prefix}{reason[:90]}{'…' if len(reason) > 90 else ''}"
    return f"{prefix}{reason + ': ' if reason else ''}{what}"


# --- rules ------------------------------------------------------------------------

RulesDirOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Also load this folder of your own rules. Repeatable.")]


def _load_rules(extra: list[Path] | None) -> RuleSet:
    ruleset = RuleSet.load(tuple(extra or ()))
    for e in ruleset.errors:
        error(str(e))
    return ruleset


@rules_app.command("list")
def rules_list(rules: RulesDirOpt = None) -> None:
    """List every rule: id, level, kind, profiles, number of examples."""
    ruleset = _load_rules(rules)
    width = max((len(r.id) for r in ruleset), default=10)
    typer.echo(f"{'id':<{width}}  {'level':<7}  {'kind':<6}  {'profiles':<22}  examples")
    for r in ruleset:
        profiles = ",".join(p for p in ("safe", "news", "aggressive") if p in r.spec.profiles)
        opt = f"  (needs {r.spec.option})" if r.spec.option else ""
        typer.echo(f"{r.id:<{width}}  {r.level:<7}  {r.spec.kind:<6}  {profiles:<22}  "
                   f"{len(r.spec.examples)}{opt}")
    if ruleset.errors:
        raise typer.Exit(2)


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. unicode/latin-eth.")],
               rules: RulesDirOpt = None) -> None:
    """Show one rule: where it lives, what it does, and its file."""
    ruleset = _load_rules(rules)
    try:
        rule = ruleset[rule_id]
    except KeyError as exc:
        error(exc.args[0])
        raise typer.Exit(2) from None
    typer.echo(f"# {rule.id} ({rule.level}, {rule.spec.kind}, stage {rule.stage})")
    typer.echo(f"# file: {rule.spec.path}")
    typer.echo(rule.spec.path.read_text(encoding="utf-8"), nl=False)


@rules_app.command("test")
def rules_test(rules: RulesDirOpt = None,
               only: Annotated[Optional[list[str]], typer.Option("--only", help="Test only these rule ids.")] = None) -> None:
    """Run every rule's examples; report failures as file:line."""
    from .rules.examples import run_examples

    ruleset = _load_rules(rules)
    chosen = [r for r in ruleset if not only or r.id in only]
    outcomes = run_examples(chosen, extra=tuple(str(p) for p in rules or ()))
    failures = [o for o in outcomes if not o.ok]
    for o in failures:
        typer.echo(f"{o.where}: {o.rule}: {o.problem}")
    xfails = sum(1 for o in outcomes if o.xfail and o.ok)
    typer.echo(f"{len(outcomes) - len(failures)} passed, {len(failures)} failed"
               + (f", {xfails} expected failures" if xfails else "")
               + f" ({len(chosen)} rules)")
    if ruleset.errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if failures else 0)


# entities ------------------------------------------------------------------------

def _cluster_row(number: int, cluster) -> dict:
    return {
        "cluster": number,
        "type": cluster.type,
        "canonical": cluster.canonical,
        "province": cluster.province,
        "confidence": cluster.confidence,
        "docs": cluster.docs,
        "notes": list(cluster.notes),
        "mentions": [{"doc": m.doc, "text": m.text, "start": m.start, "end": m.end,
                      "source": m.source} for m in cluster.mentions],
    }


@app.command()
def entities(
    paths: PathsArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per cluster and line.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="A CSV table of mentions: cluster, type, canonical, doc, start, end, text.")] = False,
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Patterns and gazetteer only, without underthesea's tagger (faster).")] = False,
    kind: Annotated[Optional[list[str]], typer.Option("--type", help="Only PER, ORG or LOC. Repeatable.")] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help="Hide clusters below this confidence (0-1).")] = 0.0,
    glob: GlobOpt = "*.txt",
) -> None:
    """People, organisations and places in the articles, linked across them (one row per entity)."""
    import csv

    from .entities import match_entities

    inputs = Inputs(iter_sources(paths, glob))
    docs = {str(source.relative()) if source.path else "<stdin>": text for source, text in inputs}
    wanted = {k.upper() for k in kind or ()}
    if wanted - {"PER", "ORG", "LOC"}:
        error(f"--type {', '.join(sorted(wanted - {'PER', 'ORG', 'LOC'}))}: not a type; use PER, ORG or LOC")
        raise typer.Exit(2)
    clusters = [c for c in match_entities(docs, use_ner=not no_ner, min_confidence=min_confidence)
                if not wanted or c.type in wanted]
    if as_json:
        for number, cluster in enumerate(clusters, 1):
            typer.echo(json.dumps(_cluster_row(number, cluster), ensure_ascii=False))
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["cluster", "type", "canonical", "province", "confidence", "doc", "start",
                         "end", "text", "source"])
        for number, cluster in enumerate(clusters, 1):
            for m in cluster.mentions:
                writer.writerow([number, cluster.type, cluster.canonical, cluster.province or "",
                                 cluster.confidence, m.doc, m.start, m.end, m.text, m.source])
    else:
        width = min(60, max((len(c.canonical) for c in clusters), default=10))
        typer.echo(f"{'type':<4}  {'name':<{width}}  {'province':<14}  {'docs':>4}  {'mentions':>8}  "
                   f"{'conf':>4}  also written")
        for cluster in clusters:
            name = cluster.canonical if len(cluster.canonical) <= width else cluster.canonical[:width - 1] + "…"
            others = [t for t in dict.fromkeys(m.text for m in cluster.mentions) if t != cluster.canonical]
            also = "; ".join(others[:3]) + (f" (+{len(others) - 3})" if len(others) > 3 else "")
            notes = f"  [{'; '.join(cluster.notes)}]" if cluster.notes else ""
            where = cluster.province or ("?" if any(n.startswith("kept to its own article") for n in cluster.notes) else "-")
            typer.echo(f"{cluster.type:<4}  {name:<{width}}  {where:<14}  "
                       f"{len(cluster.docs):>4}  {len(cluster.mentions):>8}  {cluster.confidence:>4.2f}  "
                       f"{also}{notes}")
    if inputs.failed:
        raise typer.Exit(2)


# abbreviations ---------------------------------------------------------------------

@app.command()
def abbreviations(
    paths: PathsArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per abbreviation and line.")] = False,
    glob: GlobOpt = "*.txt",
) -> None:
    """Every abbreviation in the files with its expansion, count, first position and source."""
    from .abbreviations import count_abbreviations

    inputs = Inputs(iter_sources(paths, glob))
    rows: list[tuple[str, LineIndex, object]] = []
    for source, text in inputs:
        index = LineIndex(text)
        rows.extend((source.name, index, c) for c in count_abbreviations(text))
    if as_json:
        for name, index, c in rows:
            line, col = index.position(c.first)
            typer.echo(json.dumps({
                "file": name, "abbreviation": c.abbreviation, "expansion": c.expansion,
                "count": c.count, "line": line, "column": col, "offset": c.first,
                "source": c.source, "ambiguous": c.ambiguous, "forms": list(c.forms),
            }, ensure_ascii=False))
    elif rows:
        where = [f"{name}:{':'.join(map(str, index.position(c.first)))}" for name, index, c in rows]
        wide = max(len(w) for w in where)
        abbr_w = max(12, *(len(c.abbreviation) for _, _, c in rows))
        typer.echo(f"{'first':<{wide}}  {'abbreviation':<{abbr_w}}  {'count':>5}  {'source':<10}  expansion")
        for w, (_, _, c) in zip(where, rows):
            meaning = c.expansion if c.expansion is not None else "? (ambiguous; context does not decide)"
            src = "document" if c.source == "document" else "dictionary"
            typer.echo(f"{w:<{wide}}  {c.abbreviation:<{abbr_w}}  {c.count:>5}  {src:<10}  {meaning}")
    if inputs.failed:
        raise typer.Exit(2)


# score ---------------------------------------------------------------------------

def _score_reasons(rel, n: int) -> str:
    return "; ".join(s.describe() for s in rel.reasons(n)) or "-"


def _write_manifest(path: Path, rows: list[dict]) -> None:
    """The split's record: CSV when the name ends in .csv, else one JSON object per line."""
    import csv
    import io

    if path.suffix.lower() == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["path", "score", "band", "decision", "copied_to", "reasons"])
        for r in rows:
            writer.writerow([r["path"], f"{r['score']:.4f}", r["band"], r["decision"],
                             r["copied_to"], r["reasons"]])
        write_atomic(path, buf.getvalue())
    else:
        write_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


@app.command()
def score(
    paths: PathsArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document: path, score, band, signals with their evidence.")] = False,
    min_score: Annotated[Optional[float], typer.Option("--min-score", help="Documents below this score are rejected (exit 1 if any); with --keep/--reject the corpus is split.")] = None,
    keep: Annotated[Optional[Path], typer.Option("--keep", help="Copy documents scoring at least --min-score into this folder (the input tree is mirrored).")] = None,
    reject: Annotated[Optional[Path], typer.Option("--reject", help="Copy documents scoring below --min-score into this folder.")] = None,
    manifest: Annotated[Optional[Path], typer.Option("--manifest", help="Where to write what went where and why (.csv or .jsonl); default: manifest.jsonl beside --keep (or --reject).")] = None,
    reasons: Annotated[int, typer.Option("--reasons", help="How many reasons to show per document.")] = 3,
    profile: ProfileOpt = "news",
    tone_style: ToneOpt = "traditional",
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    glob: GlobOpt = "*.txt",
) -> None:
    """Score how far each document can be trusted (1.0 clean, 0.0 a wreck), worst first, with the top reasons.

    Bands: good (keep), doubtful (a person should look), poor (drop); see
    vntextclean.reliability for the thresholds and every signal's cost.
    Exit 0, or 1 when --min-score is given and some document falls below it; 2 on bad input.
    """
    from .reliability import GOOD, POOR
    from .reliability import score as score_document

    if (keep is not None or reject is not None) and min_score is None:
        error(f"--keep/--reject need --min-score to split on, e.g. --min-score {GOOD}")
        raise typer.Exit(2)
    if min_score is not None and not 0.0 <= min_score <= 1.0:
        error(f"--min-score {min_score} is outside 0-1; scores run from 0.0 (a wreck) to 1.0 (clean)")
        raise typer.Exit(2)
    splitting = keep is not None or reject is not None
    cleaner = make_cleaner(profile, tone_style, False, False, False, rules, disable)
    scored: list[tuple[Source, object]] = []
    inputs = Inputs(iter_sources(paths, glob))
    for source, text in inputs:
        if splitting and source.path is None:
            inputs.fail("<stdin>: --keep/--reject copy files; give file or folder paths, not standard input")
            continue
        result = cleaner.clean(text)
        for problem in result.stats.get("problems", []):
            error(f"{source.name}: {problem}")
        rel = score_document(result)
        scored.append((source, rel))
        if as_json:
            typer.echo(json.dumps({"path": source.name, **rel.to_dict()}, ensure_ascii=False))
    scored.sort(key=lambda sr: (sr[1].score, sr[0].name))
    if not as_json and scored:
        wide = min(60, max(len(s.name) for s, _ in scored))
        typer.echo(f"{'score':>5}  {'band':<8}  {'file':<{wide}}  top reasons (signal -cost ×count e.g. evidence)")
        for source, rel in scored:
            name = source.name if len(source.name) <= wide else "…" + source.name[-(wide - 1):]
            typer.echo(f"{rel.score:>5.2f}  {rel.band:<8}  {name:<{wide}}  {_score_reasons(rel, reasons)}")
        bands = {b: sum(1 for _, r in scored if r.band == b) for b in ("good", "doubtful", "poor")}
        typer.echo(f"{len(scored)} document(s): {bands['good']} good (≥ {GOOD}), "
                   f"{bands['doubtful']} doubtful, {bands['poor']} poor (< {POOR})")
    below = [sr for sr in scored if min_score is not None and sr[1].score < min_score]
    if splitting and scored:
        rows = []
        for source, rel in sorted(scored, key=lambda sr: sr[0].name):
            decision = "reject" if rel.score < min_score else "keep"
            folder = reject if decision == "reject" else keep
            target = ""
            if folder is not None:
                dest = folder / source.relative()
                if dest.resolve() == source.path.resolve():
                    inputs.fail(f"{source.name}: copying would overwrite the input; "
                                f"choose another --{decision} folder")
                    continue
                try:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source.path, dest)
                except OSError as exc:
                    inputs.fail(f"{dest}: cannot copy there ({exc.strerror or exc}); "
                                f"check the --{decision} folder")
                    continue
                target = str(dest)
            rows.append({"path": source.name, "score": rel.score, "band": rel.band,
                         "decision": decision, "copied_to": target,
                         "reasons": _score_reasons(rel, reasons)})
        where = manifest or ((keep or reject).parent / "manifest.jsonl")
        try:
            _write_manifest(where, rows)
        except OSError as exc:
            inputs.fail(f"{where}: cannot write the manifest ({exc.strerror or exc}); choose another --manifest")
        if not as_json:
            typer.echo(f"kept {sum(r['decision'] == 'keep' for r in rows)}, rejected "
                       f"{sum(r['decision'] == 'reject' for r in rows)} (min score {min_score}); manifest: {where}")
    if inputs.failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if below else 0)
