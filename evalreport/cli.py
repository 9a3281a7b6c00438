"""The command line: a thin skin over the library. Each command parses options, calls one
library function and prints what it returns. Exit status: 0 done, 1 bad data/template or a
failed document, 2 wrong usage."""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import EvalReportError, Problem, ProblemsError
from .formatting import Formatter

LANGS = click.Choice(["id", "en"])


def _lang() -> str:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and "lang" in ctx.obj:
            return ctx.obj["lang"]
        ctx = ctx.parent
    return "id"


def _problems(problems: list[Problem], lang: str) -> None:
    for p in problems:
        tag = ("PERINGATAN" if lang == "id" else "WARNING") if p.severity == "warning" else (
            "GALAT" if lang == "id" else "ERROR")
        click.echo(f"{tag}: {p.describe(lang)}", err=True)


def _run(fn: Callable[[], Any]) -> Any:
    """Call the library; its own errors become a message and exit status 1."""
    try:
        return fn()
    except ProblemsError as exc:
        lang = _lang()
        _problems(exc.problems, lang)
        click.echo(exc.describe(lang).splitlines()[0].rstrip(":") + ".", err=True)
        sys.exit(1)
    except EvalReportError as exc:
        click.echo(exc.describe(_lang()), err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--lang", type=LANGS, default=lambda: os.environ.get("EVALREPORT_LANG", "id"),
              show_default="id, or $EVALREPORT_LANG", help="Language of messages: id or en.")
@click.version_option(__version__, prog_name="evalreport")
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    """Turn programme-evaluation results into official Word documents.

    \b
    A first run on the bundled sample:
      evalreport init my-eval/
      evalreport validate my-eval/contoh.yaml
      evalreport score my-eval/contoh.yaml
      evalreport render my-eval/contoh.yaml -o out/
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(directory: Path, force: bool) -> None:
    """Write a blank workbook (data.xlsx) and an example YAML (contoh.yaml) into DIRECTORY.

    \b
    Example:
      evalreport init evaluasi-2025/
    """
    from .starter import write_starter

    written = _run(lambda: write_starter(directory, force=force))
    for path in written:
        click.echo(str(path))


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
def validate(data: Path) -> None:
    """Check a data file (.xlsx, .yaml, .json) and list every problem with its place.

    Exit status 0 when the data is valid (warnings allowed), 1 when not.

    \b
    Example:
      evalreport validate my-eval/data.xlsx
    """
    from .load import check

    lang = _lang()
    problems = check(data)
    _problems(problems, lang)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo((f"{len(errors)} kesalahan ditemukan di {data}." if lang == "id"
                    else f"{len(errors)} error(s) found in {data}."), err=True)
        sys.exit(1)
    click.echo(f"{data}: data valid." if lang == "id" else f"{data}: the data is valid.")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the YAML/JSON data format.

    \b
    Example:
      evalreport schema -o evalreport.schema.json
    """
    from . import schema as get_schema
    from .output import write_text

    text = json.dumps(get_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--region", "region", help="Region code or name (default: every region).")
@click.option("--period", help="Period (default: the programme's current period).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def score(data: Path, region: str | None, period: str | None, fmt: str) -> None:
    """Score every indicator: target, actual, achievement, band, met, change, rank.

    \b
    Examples:
      evalreport score samples/jatim.yaml --region "Kab. Malang"
      evalreport score samples/jatim.xlsx --period 2023 --format csv > skor.csv
    """
    from .load import load
    from .scoring import result_row, score as do_score

    lang = _lang()
    dataset = _run(lambda: load(data))
    region_code = None
    if region:
        try:
            region_code = dataset.region(region).code
        except KeyError:
            raise click.BadParameter(
                f"'{region}' is not a region of {data}; known: "
                + ", ".join(r.name for r in dataset.regions), param_hint="--region") from None
    if period and period not in dataset.programme.periods:
        raise click.BadParameter(f"'{period}' is not a period of {data}; known: "
                                 + ", ".join(dataset.programme.periods), param_hint="--period")
    card = do_score(dataset)
    results = card.select(region_code, period)
    if fmt == "json":
        click.echo(json.dumps([result_row(r, lang) for r in results], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        rows = [result_row(r, lang) for r in results]
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["indicator"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "flags": "; ".join(row["flags"])})
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(score_table(card, results, lang))


def score_table(card: Any, results: list, lang: str) -> str:
    """A plain-text table per region, numbers in the language's format."""
    f = Formatter(lang)
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    head = (["Kode", "Indikator", "Target", "Realisasi", "Capaian", "Predikat", "Tercapai",
             "Δ baseline", "Δ periode lalu", "Peringkat", "Catatan"] if lang == "id" else
            ["Code", "Indicator", "Target", "Actual", "Achievement", "Band", "Met",
             "Δ baseline", "Δ previous", "Rank", "Notes"])
    out: list[str] = []
    by_region: dict[str, list] = {}
    for r in results:
        by_region.setdefault(r.region.code, []).append(r)
    for rows in by_region.values():
        reg = rows[0].region
        out.append(f"{reg.name} ({reg.code}), {'periode' if lang == 'id' else 'period'} {rows[0].period}")
        table = [head]
        for r in rows:
            d = r.indicator.decimals
            table.append([
                r.indicator.code, _cut(r.indicator.name, 40), target_text(r.target, f, d),
                f.number(r.actual, d) if r.is_numeric else (r.actual or f.number(None)),
                f.percent(r.achievement), r.band.label if r.band else f.number(None),
                {True: yes, False: no, None: f.number(None)}[r.met],
                f.signed(r.change_baseline, d), f.signed(r.change_previous, d),
                f"{r.rank}/{r.rank_of}" if r.rank else f.number(None),
                "; ".join(fl.label(lang) for fl in r.flags)])
        widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
        for n, row in enumerate(table):
            out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def target_text(t: Any, f: Formatter, decimals: int = 2) -> str:
    if not t.is_set:
        return f.number(None)
    if t.comparator.value == "between":
        return f"{f.number(t.min, decimals)}–{f.number(t.max, decimals)}"
    sign = {">=": "≥", "<=": "≤"}.get(t.comparator.value, t.comparator.value)
    return f"{sign} {f.number(t.value, decimals)}"


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    main()
