"""The command line: a thin skin over the library. Each command parses options, calls one
library function and prints what it returns, in the language of ``--lang``.

Exit status: 0 done, 1 bad data/template, a failed document or an unexpected error, 2 wrong
usage. No command prints a traceback unless asked with ``--debug``: an error evalreport knows
is one located line, anything else one line saying so."""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ._version import __version__
from .charts.style import DEFAULT_DPI
from .errors import EvalReportError, Lang, Problem, ProblemsError
from .i18n.formatting import Formatter
from .i18n.messages import _, n_

LANGS = click.Choice(["id", "en"])


def _lang() -> Lang:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and "lang" in ctx.obj:
            return ctx.obj["lang"]
        ctx = ctx.parent
    return "id"


def _say(message: Any, err: bool = False) -> None:
    """Print a catalogue message in the chosen language."""
    click.echo(message.render(_lang()), err=err)


def _problems(problems: Iterable[Problem] | Iterable[Any], lang: str, err: bool = True) -> None:
    """Each problem (or template finding) on a line, tagged ERROR or WARNING."""
    for p in problems:
        tag = _("WARNING") if p.severity == "warning" else _("ERROR")
        click.echo(f"{tag.render(lang)}: {p.describe(lang)}", err=err)  # type: ignore[arg-type]


class _Main(click.Group):
    """The command group that turns every error into one line (and exit status 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt,
                SystemExit):
            raise
        except ProblemsError as exc:
            lang = _lang()
            _problems(exc.problems, lang)
            click.echo(exc.message.render(lang) + ".", err=True)
            _debug(ctx, exc)
        except EvalReportError as exc:
            click.echo(exc.describe(_lang()), err=True)
            _debug(ctx, exc)
        except Exception as exc:  # noqa: BLE001 - no traceback unless --debug
            if (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            else:
                error = f"{type(exc).__name__}: {exc}"
                _say(_("unexpected error: {error}; run again with --debug for details",
                       error=error), err=True)
        ctx.exit(1)


def _debug(ctx: click.Context, exc: BaseException) -> None:
    if (ctx.obj or {}).get("debug"):
        traceback.print_exception(exc)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"],
                                          "max_content_width": 100})
@click.option("--lang", type=LANGS, default=lambda: os.environ.get("EVALREPORT_LANG", "id"),
              show_default="id, or $EVALREPORT_LANG",
              help="Language of messages: id or en (documents: render --doc-lang).")
@click.option("--debug", is_flag=True, help="Print the full traceback of an error.")
@click.version_option(__version__, prog_name="evalreport")
@click.pass_context
def main(ctx: click.Context, lang: str, debug: bool) -> None:
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
    ctx.obj["debug"] = debug


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

    for path in write_starter(directory, force=force):
        click.echo(str(path))


PREVIOUS_HELP = ("The previous cycle: its dataset or its follow-up workbook (evalreport followup), "
                 "matched by region, recommendation and action codes.")


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=PREVIOUS_HELP)
def validate(data: Path, previous: Path | None) -> None:
    """Check a data file (.xlsx, .yaml, .json) and list every problem with its place.

    With --previous, also check the previous cycle beside it (unknown codes, periods that do
    not come before this cycle's). Exit status 0 when the data is valid (warnings allowed),
    1 when not.

    \b
    Examples:
      evalreport validate my-eval/data.xlsx
      evalreport validate data-2025.xlsx --previous tindak-lanjut-2024.xlsx
    """
    from .data.load import check, load
    from .run.followup import check_previous

    lang = _lang()
    problems = check(data)
    if previous is not None and not any(p.severity == "error" for p in problems):
        problems += check_previous(load(data), previous)
    _problems(problems, lang)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        _say(n_("{n} error found in {path}.", "{n} errors found in {path}.", len(errors),
                n=len(errors), path=str(data)), err=True)
        sys.exit(1)
    _say(_("{path}: the data is valid.", path=str(data)))


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
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=PREVIOUS_HELP)
def score(data: Path, region: str | None, period: str | None, fmt: str,
          previous: Path | None) -> None:
    """Score every indicator: target, actual, achievement, band, met, change, rank.

    With --previous, also list the previous cycle's actions with their latest status,
    progress and days overdue at the document date (after the scores; in JSON under
    "followup").

    \b
    Examples:
      evalreport score samples/jatim.yaml --region "Kab. Malang"
      evalreport score samples/jatim.xlsx --period 2023 --format csv > skor.csv
      evalreport score samples/jatim.xlsx --previous samples/tindak-lanjut-2023.xlsx
    """
    from .data.load import load
    from .run.followup import previous as previous_cycle
    from .scoring.scorecard import result_row
    from .scoring.scorecard import score as do_score

    lang = _lang()
    dataset = load(data)
    region_code = None
    if region:
        try:
            region_code = dataset.region(region).code
        except KeyError:
            raise click.BadParameter(_(
                "'{value}' is not a region of {path}; known: {names}", value=region,
                path=str(data), names=", ".join(r.name for r in dataset.regions)).render(lang),
                param_hint="--region") from None
    if period and period not in dataset.programme.periods:
        raise click.BadParameter(_(
            "'{value}' is not a period of {path}; known: {names}", value=period, path=str(data),
            names=", ".join(dataset.programme.periods)).render(lang), param_hint="--period")
    cycle = previous_cycle(dataset, previous) if previous is not None else None
    card = do_score(dataset, previous=cycle)
    results = card.select(region_code, period)
    followup_rows = followup_table(card, region_code, lang) if cycle is not None else []
    if fmt == "json":
        rows = [result_row(r, lang) for r in results]
        out: Any = {"scores": rows, "followup": followup_rows} if cycle is not None else rows
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
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
        if cycle is not None:
            click.echo("")
            click.echo(followup_text(followup_rows, lang))


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
@click.option("--doc-lang", "doc_lang", type=LANGS, default="id", show_default=True,
              help="Language of the documents (messages: the global --lang).")
@click.option("--pdf", is_flag=True, help="Also write PDFs (needs LibreOffice).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--cluster", metavar="ADDRESS",
              help="Render on a Dask cluster instead of --jobs: the scheduler's address "
                   "(tcp://host:8786) or local:N (N worker processes here). Needs "
                   "pip install 'evalreport[dask]'.")
@click.option("--resume", is_flag=True,
              help="Skip regions whose documents are up to date with the data and templates.")
@click.option("--summary/--no-summary", default=True, show_default=True,
              help="Also write ringkasan-wilayah.docx comparing the regions (when there are several).")
@click.option("--dpi", type=click.IntRange(min=72, max=600), default=DEFAULT_DPI, show_default=True,
              help="Pixel density of the charts (200 prints sharp; 300 costs about twice the time).")
@click.option("--charts", type=click.Choice(["picture", "native"]), default=None,
              help="Charts as pictures, or as Word charts staff can edit (with their data). "
                   "Default: as the template asks, else pictures.")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=PREVIOUS_HELP)
@click.option("--include-drafts", is_flag=True,
              help="Also print findings and recommendations with status usulan; every page says KONSEP.")
@click.pass_context
def render(ctx: click.Context, data: Path, out_dir: Path, regions: tuple[str, ...],
           all_regions: bool, docs: str, templates: tuple[str, ...], doc_lang: str, pdf: bool,
           jobs: int | None, cluster: str | None, resume: bool, summary: bool, dpi: int,
           charts: str | None, previous: Path | None, include_drafts: bool) -> None:
    """Write the evaluation report, recommendations and action plan for each region.

    Each region gets a folder OUT/<code>-<name>/ with laporan-evaluasi.docx, rekomendasi.docx
    and rencana-tindak-lanjut.docx, written together or not at all. A region that fails is
    reported (and listed in OUT/errors.txt) without losing the others; the exit status is
    then 1. The folder is locked while a run writes into it; each region is recorded as done
    as soon as it is written, so --resume after an interrupted run renders only the rest.

    \b
    Examples:
      evalreport render samples/jatim.xlsx -o out/
      evalreport render samples/jatim.yaml --region "Kab. Malang" --pdf
      evalreport render data.xlsx --template kantor/laporan-evaluasi.docx
      evalreport render data.xlsx --charts native --region "Kab. Malang"
      evalreport render national.xlsx --all --jobs 2 --resume -o out/
      evalreport render desa.xlsx --all --cluster tcp://scheduler:8786 -o /shared/out/
      evalreport --lang en render data.xlsx --doc-lang en -o out-en/
      evalreport render data-2025.xlsx --previous data-2024.xlsx -o out/
      evalreport render usulan.xlsx --include-drafts -o konsep/
    """
    from .run.batch import run_batch
    from .run.documents import template_overrides

    lang = _lang()
    if regions and all_regions:
        raise click.UsageError(_("use either --region or --all, not both").render(lang))
    if cluster and jobs:
        raise click.UsageError(_("use either --jobs or --cluster, not both").render(lang))
    if cluster and not (ctx.obj or {}).get("debug"):
        # a lost scheduler or worker is reported in one line like any problem of a run;
        # Dask's own log of it (tracebacks included) only with --debug. Its import sets the
        # levels of its loggers, so it comes first.
        try:
            import distributed  # noqa: F401 - optional; run_batch says how to install it
        except ImportError:
            pass
        for name in ["distributed", *logging.root.manager.loggerDict]:
            if name.startswith("distributed"):
                logging.getLogger(name).setLevel(logging.CRITICAL)
    doc_list = [d.strip() for d in docs.split(",") if d.strip()]
    overrides = template_overrides(templates)
    show = sys.stderr.isatty()
    bar_holder: dict[str, Any] = {}

    def progress(done: int, total: int, outcome: Any) -> None:
        if show:
            bar = bar_holder.get("bar")
            if bar is None:
                bar = click.progressbar(length=total, label=_("Rendering").render(lang),
                                        show_eta=True, show_pos=True, file=sys.stderr)
                bar.__enter__()
                bar_holder["bar"] = bar
            bar.update(1)

    try:
        result = run_batch(data, out_dir, regions=list(regions) or None, docs=doc_list,
                           templates=overrides, doc_lang=doc_lang, pdf=pdf, jobs=jobs,  # type: ignore[arg-type]
                           resume=resume, summary=summary and not regions, progress=progress,
                           lang=lang, dpi=dpi, charts=charts,
                           cluster=cluster or None, previous=previous,
                           include_drafts=include_drafts)
    finally:
        if "bar" in bar_holder:
            bar_holder["bar"].__exit__(None, None, None)
    for path in result.paths:
        click.echo(str(path))
    _say(_("{done} done, {skipped} skipped (up to date), {failed} failed; {seconds} s.",
           done=n_("{n} region", "{n} regions", len(result.outcomes) - len(result.failures),
                   n=len(result.outcomes) - len(result.failures)),
           skipped=len(result.skipped), failed=len(result.failures),
           seconds=Formatter(lang).number(result.seconds, 1)), err=True)
    _problems(result.warnings, lang)  # what a template held that no document carries
    debug = (ctx.obj or {}).get("debug")
    failed = _("FAILED").render(lang)
    for o in result.failures:
        for p in o.problems:
            click.echo(f"{failed}: {o.region.name}: {p.describe(lang)}", err=True)
        if debug and o.traceback:
            click.echo(o.traceback, err=True, nl=False)
    _problems(result.problems, lang)
    if result.stopped is not None:
        _say(_("the run stopped: {problem}", problem=result.stopped.describe(lang)), err=True)
    if result.unrendered:
        _say(n_("{n} region not rendered: {regions}", "{n} regions not rendered: {regions}",
                len(result.unrendered), n=len(result.unrendered),
                regions=", ".join(r.code for r in result.unrendered)), err=True)
    if result.errors_file:
        click.echo(str(result.errors_file), err=True)
    if not result.ok:
        sys.exit(1)


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The follow-up workbook to write (.xlsx).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def followup(data: Path, output: Path, force: bool) -> None:
    """Write the follow-up workbook of a cycle: one row per action, with a dropdown for its
    latest status.

    DATA is the cycle's dataset (or an earlier follow-up workbook, whose latest statuses are
    kept). The secretariat fills in the latest status, progress and evidence; next cycle's
    render reads the workbook with --previous, so nothing is typed twice.

    \b
    Example:
      evalreport followup data-2024.xlsx -o tindak-lanjut-2024.xlsx
      evalreport render data-2025.xlsx --previous tindak-lanjut-2024.xlsx -o out/
    """
    from .run.followup import followup as write_followup

    lang = _lang()
    if output.exists() and not force:
        raise click.UsageError(_("{path} already exists; use --force to overwrite it",
                                 path=str(output)).render(lang))
    click.echo(str(write_followup(data, output)))


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The workbook to write (.xlsx): the data with the drafts.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A rule file (YAML; default: the bundled rules, see evalreport rules export).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def recommend(data: Path, output: Path, rules_file: Path | None, force: bool) -> None:
    """Draft findings and recommendations for the targets missed, from rules.

    Writes a copy of the data with one draft finding and recommendation per indicator a rule
    applies to (missed targets, data gaps), appended to the Temuan and Rekomendasi sheets with
    Status "usulan". Edit them in Excel and set Status to "diterima" for those you accept:
    documents print accepted items only, unless rendered with --include-drafts (then every
    page says KONSEP).

    \b
    Examples:
      evalreport recommend data-2025.xlsx -o usulan.xlsx
      evalreport recommend data-2025.xlsx --rules aturan.yaml -o usulan.xlsx
    """
    from .run.recommend import recommend as do_recommend

    lang = _lang()
    if output.exists() and not force:
        raise click.UsageError(_("{path} already exists; use --force to overwrite it",
                                 path=str(output)).render(lang))
    result = do_recommend(data, output, rules_file, lang)
    click.echo(str(result.path))
    _say(n_("{n} draft finding and recommendation written.",
            "{n} draft findings and recommendations written.", len(result.drafts.findings),
            n=len(result.drafts.findings)), err=True)


@main.group()
def rules() -> None:
    """The rules that draft findings and recommendations (evalreport recommend).

    \b
    Example:
      evalreport rules export aturan.yaml
      (edit aturan.yaml)
      evalreport recommend data.xlsx --rules aturan.yaml -o usulan.xlsx
    """


@rules.command("export")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def rules_export(output: Path, force: bool) -> None:
    """Write the bundled rules (YAML, Indonesian, with comments) to OUTPUT, to copy and edit.

    \b
    Example:
      evalreport rules export aturan.yaml
      evalreport recommend data.xlsx --rules aturan.yaml -o usulan.xlsx
    """
    from .run.recommend import export_rules

    lang = _lang()
    if output.exists() and not force:
        raise click.UsageError(_("{path} already exists; use --force to overwrite it",
                                 path=str(output)).render(lang))
    click.echo(str(export_rules(output)))


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--level", type=click.Choice(["kabupaten", "kecamatan", "desa"]),
              default="kabupaten", show_default=True,
              help="Regencies and cities, districts (compared within their regency) or villages "
                   "(compared within their district).")
@click.option("--regions", "n_regions", type=click.IntRange(min=2), default=None,
              help="How many regions, spread over the country as the real ones are "
                   "[default: 514 kabupaten/kota, 7300 kecamatan, 83000 desa].")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Another seed gives other names and values.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def synthetic(output: Path, level: str, n_regions: int | None, seed: int, force: bool) -> None:
    """Write a made-up national dataset to try a large run (the README's national.xlsx).

    Regencies and cities with invented names in the 38 provinces (or districts and villages
    with their regencies and districts, codes like 35.07.01 and 35.07.01.2001), values drawn
    around the bundled sample's, national letterhead and logo (written beside OUTPUT). OUTPUT
    ends in .xlsx, .yaml or .json. The same --level, --regions and --seed give the same file.

    \b
    Examples:
      evalreport synthetic national.xlsx
      evalreport synthetic nasional-60.yaml --regions 60
      evalreport synthetic kecamatan.xlsx --level kecamatan --regions 7300
      evalreport render national.xlsx --all --jobs 2 -o out/
    """
    from .run.synthetic import DEFAULT_REGIONS, write_national

    n = n_regions or DEFAULT_REGIONS[level]
    click.echo(str(write_national(output, n, seed, force=force, level=level)))


@main.group()
def templates() -> None:
    """Word templates: list, export to edit, check, repair, and the field reference.

    \b
    Example of a cycle:
      evalreport templates export laporan-evaluasi kantor/
      (edit kantor/laporan-evaluasi.docx in Word)
      evalreport templates check kantor/laporan-evaluasi.docx --data data.xlsx
      evalreport render data.xlsx --template kantor/laporan-evaluasi.docx
      evalreport render data.xlsx --charts native --region "Kab. Malang"
    """


@templates.command("list")
def templates_list() -> None:
    """List the bundled templates and the document languages each comes in.

    \b
    Example:
      evalreport templates list
    """
    from .templates import TEMPLATE_LANGS, list_templates

    for name, title in list_templates():
        click.echo(f"{name:24} {', '.join(TEMPLATE_LANGS):8} {title.render(_lang())}")


@templates.command("export")
@click.argument("name")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing copy.")
@click.option("--doc-lang", "doc_lang", type=LANGS, default="id", show_default=True,
              help="Language of the template's document.")
def templates_export(name: str, directory: Path, force: bool, doc_lang: str) -> None:
    """Copy bundled template NAME into DIRECTORY to edit it in Word.

    \b
    Examples:
      evalreport templates export laporan-evaluasi kantor/
      evalreport templates export laporan-evaluasi kantor-en/ --doc-lang en
    """
    from .templates import export

    click.echo(str(export(name, directory, force, doc_lang)))


@templates.command("check")
@click.argument("template")
@click.option("--data", type=click.Path(path_type=Path),
              help="Also warn about variables that would print empty with this data.")
@click.option("--annotate", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a copy with each problem as a Word comment on the faulty text.")
@click.option("--doc-lang", "doc_lang", type=LANGS, default="id", show_default=True,
              help="Which bundled set a template name means (a file is checked as it is).")
def templates_check(template: str, data: Path | None, annotate: Path | None, doc_lang: str) -> None:
    """List every problem of a template with its place. Exit 0 when clean, 1 when not.

    TEMPLATE is a .docx file or a bundled template name.

    \b
    Examples:
      evalreport templates check kantor/laporan-evaluasi.docx
      evalreport templates check kantor/laporan-evaluasi.docx --data data.xlsx --annotate periksa.docx
      evalreport --lang en templates check kantor/rekomendasi.docx
      evalreport templates check rencana-tindak-lanjut --doc-lang en
    """
    from .templates import annotate as do_annotate
    from .templates import check

    lang = _lang()
    problems = check(template, data, lang, doc_lang)
    _problems(problems, lang, err=False)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if annotate:
        n = do_annotate(template, annotate, problems, lang, doc_lang)
        _say(n_("{n} comment written to {path}", "{n} comments written to {path}", n, n=n,
                path=str(annotate)), err=True)
    _say(_("{template}: {errors}, {warnings}.", template=template,
           errors=n_("{n} error", "{n} errors", errors, n=errors),
           warnings=n_("{n} warning", "{n} warnings", warnings, n=warnings)), err=True)
    if errors:
        sys.exit(1)


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
    changes = repair(source, target)
    for c in changes:
        click.echo(c.describe(lang))
    _say(n_("{n} change; written: {path}", "{n} changes; written: {path}", len(changes),
            n=len(changes), path=str(target)), err=True)


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

    click.echo(str(write_fields(output, fmt, data)))


def score_table(card: Any, results: list, lang: str) -> str:
    """A plain-text table per region, numbers in the language's format."""
    from .scoring.scorecard import target_text

    f = Formatter(lang)
    yes, no = _("yes").render(lang), _("no").render(lang)
    head = [m.render(lang) for m in (
        _("Code"), _("Indicator"), _("Target"), _("Actual"), _("Achievement"), _("Band"),
        _("Met"), _("Δ baseline"), _("Δ previous"), _("Rank"), _("Notes"))]
    out: list[str] = []
    by_region: dict[str, list] = {}
    for r in results:
        by_region.setdefault(r.region.code, []).append(r)
    for rows in by_region.values():
        reg = rows[0].region
        out.append(_("{name} ({code}), period {period}", name=reg.name, code=reg.code,
                     period=rows[0].period).render(lang))
        table = [head]
        for r in rows:
            d = r.indicator.decimals
            table.append([
                r.indicator.code, _cut(r.indicator.name, 40), target_text(r.target, f, d),
                f.number(r.actual, d) if r.is_numeric else (r.actual or f.number(None)),
                f.percent(r.achievement), r.band.name(lang) if r.band else f.number(None),
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


def followup_table(card: Any, region: str | None, lang: str) -> list[dict[str, Any]]:
    """The previous cycle's actions (of one region, or all) as rows: codes, region, deadline,
    recorded and latest status, progress, days overdue at the document date."""
    rows = []
    for rec in card.followup.recommendations:
        for a in rec.actions:
            if region is not None and a.region != region:
                continue
            rows.append({"action": a.action.code, "recommendation": a.action.recommendation,
                         "region": a.region, "deadline": a.action.deadline.isoformat(),
                         "recorded_status": a.recorded_status.value, "status": a.status.value,
                         "status_label": a.status.label(lang),
                         "recommendation_status": rec.status.value,
                         "progress": a.progress, "progress_change": a.progress_change,
                         "days_overdue": a.overdue})
    return rows


def followup_text(rows: list[dict[str, Any]], lang: str) -> str:
    """The follow-up rows as a plain table for the terminal."""
    f = Formatter(lang)
    head = [_("Action").render(lang), _("Region").render(lang), _("Deadline").render(lang),
            _("Status").render(lang), _("Progress").render(lang), _("Days overdue").render(lang)]
    body = [[r["action"], r["region"] or "-", r["deadline"], r["status_label"],
             f.percent(r["progress"], 0), str(r["days_overdue"]) if r["days_overdue"] else "-"]
            for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]
    return "\n".join("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip()
                     for line in [head, *body])


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    main()
