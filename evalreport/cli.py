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

from ._version import __version__
from .errors import EvalReportError, Problem, ProblemsError
from .i18n.formatting import Formatter
from .i18n.messages import Message, _, n_

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
    from .run.starter import write_starter

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
    from .data.load import check

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
    from .data.load import load
    from .scoring.scorecard import result_row, score as do_score

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


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the documents.")
@click.option("--region", "regions", multiple=True,
              help="Region code or name; repeat for several (default: every region).")
@click.option("--all", "all_regions", is_flag=True,
              help="Every region of the dataset (the default when no --region is given).")
@click.option("--docs", default=",".join(["laporan-evaluasi", "rekomendasi", "rencana-tindak-lanjut"]),
              show_default=True, help="Which documents, comma-separated.")
@click.option("--template", "templates", multiple=True,
              help="An edited template: FILE named like laporan-evaluasi.docx, NAME=FILE, or a folder.")
@click.option("--lang", "doc_lang", type=LANGS, default="id", show_default=True,
              help="Language of the documents.")
@click.option("--pdf", is_flag=True, help="Also write PDFs (needs LibreOffice).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--resume", is_flag=True,
              help="Skip regions whose documents are up to date with the data and templates.")
@click.option("--summary/--no-summary", default=True, show_default=True,
              help="Also write ringkasan-wilayah.docx comparing the regions (when there are several).")
def render(data: Path, out_dir: Path, regions: tuple[str, ...], all_regions: bool, docs: str,
           templates: tuple[str, ...], doc_lang: str, pdf: bool, jobs: int | None, resume: bool,
           summary: bool) -> None:
    """Write the evaluation report, recommendations and action plan for each region.

    Each region gets a folder OUT/<code>-<name>/ with laporan-evaluasi.docx, rekomendasi.docx
    and rencana-tindak-lanjut.docx. A region that fails is reported (and listed in
    OUT/errors.txt) without losing the others; the exit status is then 1.

    \b
    Examples:
      evalreport render samples/jatim.xlsx -o out/
      evalreport render samples/jatim.yaml --region "Kab. Malang" --pdf
      evalreport render data.xlsx --template kantor/laporan-evaluasi.docx
      evalreport render national.xlsx --all --jobs 2 --resume -o out/
    """
    from .run.batch import run_batch
    from .run.documents import template_overrides

    lang = _lang()
    if regions and all_regions:
        raise click.UsageError("use either --region or --all, not both")
    doc_list = [d.strip() for d in docs.split(",") if d.strip()]
    overrides = _run(lambda: template_overrides(templates))
    show = sys.stderr.isatty()
    bar_holder: dict[str, Any] = {}

    def progress(done: int, total: int, outcome: Any) -> None:
        if show:
            bar = bar_holder.get("bar")
            if bar is None:
                bar = click.progressbar(length=total, label="Merender" if lang == "id" else "Rendering",
                                        show_eta=True, show_pos=True, file=sys.stderr)
                bar.__enter__()
                bar_holder["bar"] = bar
            bar.update(1)

    try:
        result = _run(lambda: run_batch(
            data, out_dir, regions=list(regions) or None, docs=doc_list, templates=overrides,
            lang=doc_lang, pdf=pdf, jobs=jobs, resume=resume, summary=summary and not regions,
            progress=progress))
    finally:
        if "bar" in bar_holder:
            bar_holder["bar"].__exit__(None, None, None)
    for path in result.paths:
        click.echo(str(path))
    n_ok = len(result.outcomes) - len(result.failures)
    if lang == "id":
        click.echo(f"{n_ok} wilayah selesai, {len(result.skipped)} dilewati (sudah mutakhir), "
                   f"{len(result.failures)} gagal; {result.seconds:.1f} detik.", err=True)
    else:
        click.echo(f"{n_ok} region(s) done, {len(result.skipped)} skipped (up to date), "
                   f"{len(result.failures)} failed; {result.seconds:.1f} s.", err=True)
    if result.failures:
        for o in result.failures:
            click.echo(f"{'GAGAL' if lang == 'id' else 'FAILED'}: {o.region.name}: {o.error}", err=True)
        if result.errors_file:
            click.echo(str(result.errors_file), err=True)
        sys.exit(1)


@main.group()
def templates() -> None:
    """Word templates: list, export to edit, check, repair, and the field reference.

    \b
    Example of a cycle:
      evalreport templates export laporan-evaluasi kantor/
      (edit kantor/laporan-evaluasi.docx in Word)
      evalreport templates check kantor/laporan-evaluasi.docx --data data.xlsx
      evalreport render data.xlsx --template kantor/laporan-evaluasi.docx
    """


@templates.command("list")
def templates_list() -> None:
    """List the bundled templates.

    \b
    Example:
      evalreport templates list
    """
    from .templates import list_templates

    for name, title in list_templates():
        click.echo(f"{name:24} {title}")


@templates.command("export")
@click.argument("name")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing copy.")
def templates_export(name: str, directory: Path, force: bool) -> None:
    """Copy bundled template NAME into DIRECTORY to edit it in Word.

    \b
    Example:
      evalreport templates export laporan-evaluasi kantor/
    """
    from .templates import export

    click.echo(str(_run(lambda: export(name, directory, force))))


@templates.command("check")
@click.argument("template")
@click.option("--data", type=click.Path(path_type=Path),
              help="Also warn about variables that would print empty with this data.")
@click.option("--annotate", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a copy with each problem as a Word comment on the faulty text.")
def templates_check(template: str, data: Path | None, annotate: Path | None) -> None:
    """List every problem of a template with its place. Exit 0 when clean, 1 when not.

    TEMPLATE is a .docx file or a bundled template name.

    \b
    Examples:
      evalreport templates check kantor/laporan-evaluasi.docx
      evalreport templates check kantor/laporan-evaluasi.docx --data data.xlsx --annotate periksa.docx
      evalreport --lang en templates check kantor/rekomendasi.docx
    """
    from .templates import annotate as do_annotate, check

    lang = _lang()
    problems = _run(lambda: check(template, data, lang))
    for p in problems:
        click.echo(f"{_label(p).render(lang)}: {p.describe(lang)}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if annotate:
        n = _run(lambda: do_annotate(template, annotate, problems, lang))
        click.echo(n_("{n} comment written to {path}", "{n} comments written to {path}", n, n=n,
                      path=str(annotate)).render(lang), err=True)
    click.echo(_("{template}: {errors}, {warnings}.", template=template,
                 errors=n_("{n} error", "{n} errors", errors, n=errors),
                 warnings=n_("{n} warning", "{n} warnings", warnings, n=warnings)).render(lang), err=True)
    if errors:
        sys.exit(1)


def _label(problem: Problem) -> Message:
    """ERROR or WARNING, as a line of `templates check` starts."""
    return _("ERROR") if problem.severity == "error" else _("WARNING")


@templates.command("repair")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def templates_repair(source: Path, target: Path) -> None:
    """Merge tags Word split across runs, take out proofing marks, tabs and tracked changes
    inside tags, straighten quotes inside tags (and take out macros and links to outside files).

    Text outside tags is never changed, and the copy fills to the same text. Each change is listed.

    \b
    Example:
      evalreport templates repair kantor/laporan-evaluasi.docx kantor/laporan-evaluasi-baik.docx
    """
    from .templates import repair

    lang = _lang()
    changes = _run(lambda: repair(source, target))
    for c in changes:
        click.echo(c.describe(lang))
    click.echo(n_("{n} change; written: {path}", "{n} changes; written: {path}", len(changes),
                  n=len(changes), path=str(target)).render(lang), err=True)


@templates.command("fields")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the reference.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True)
@click.option("--data", type=click.Path(path_type=Path), help="Take examples from this data file.")
def templates_fields(output: Path, fmt: str, data: Path | None) -> None:
    """Write the field reference: every variable, loop and filter, with examples.

    \b
    Examples:
      evalreport templates fields -o daftar-isian.docx
      evalreport templates fields -o daftar-isian.md --format md
    """
    from .templates import write_fields

    click.echo(str(_run(lambda: write_fields(output, fmt, data))))


def score_table(card: Any, results: list, lang: str) -> str:
    """A plain-text table per region, numbers in the language's format."""
    from .scoring.scorecard import target_text

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


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    main()
