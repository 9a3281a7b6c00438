#!/usr/bin/env python
"""Rendering speed and memory: evalreport's DocumentMaker against a naive docxtpl + pyplot loop.

Issue "documents", item 8. Renders the sample province (samples/jatim.yaml: 8 regions, the 3
documents each) and prints side by side, from one run:

* documents per second, cold (first round in a fresh process, set-up included) and warm (best
  of the later rounds, a new DocumentMaker per round as ``evalreport.render`` does);
* peak memory: tracemalloc peak (Python allocations, measured in a separate traced round) and
  ru_maxrss (the whole process, imports included) with the RSS before any rendering;
* the ratio evalreport / naive (target: >= 1.5x);
* where evalreport's time goes: shared comparison charts, FigureMaker.for_region,
  ContextBuilder.build, rendering.render (and, split, opening the template / Jinja + pictures /
  save + zip), writing;
* the lint speed: ``evalreport.templates.check`` of every bundled template (mean of 5).

The naive implementation does the same work the way a docxtpl tutorial does: a fresh
``DocxTemplate(path)`` per document, a plain ``jinja2.Environment`` with the same filters
(autoescape on, else an "&" in the data breaks the XML), the same context from
``evalreport.context.ContextBuilder``, and the same pyplot charts per report as evalreport
places (achievement bars, target vs actual, trend, and the region comparison, one per dimension;
``plt.subplots``, ``fig.tight_layout()``, ``savefig(dpi=150)``, ``plt.close(fig)``) at the pixel
sizes evalreport's charts have (read back from evalreport's own documents). evalreport draws the
comparison once per province and shares it; the naive loop draws it again for every report.
Each implementation runs in its own child process, so ru_maxrss is its own.

    python benchmarks/bench_render.py            # 3 rounds each
    python benchmarks/bench_render.py --quick    # 2 rounds, lint mean of 2
    python benchmarks/bench_render.py --profile  # plus cProfile's top functions of evalreport

Until the bundled templates exist (templates/*.docx), small stand-in templates are built in a
temporary folder and the output says so.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("laporan-evaluasi", "rekomendasi", "rencana-tindak-lanjut")
BUILTIN = DOCS + ("ringkasan-wilayah",)
CHART_KEYS = ("capaian", "target_realisasi", "tren", "perbandingan")
# how each chart's alt text starts (the titles FigureMaker gives them)
ALT_PREFIX = {"Capaian kinerja per indikator": "capaian", "Target dan realisasi": "target_realisasi",
              "Tren realisasi": "tren", "Perbandingan capaian antarwilayah": "perbandingan"}


# ------------------------------------------------------------------------------------ helpers

def rss_now_mb() -> float:
    """This process's current resident set (VmRSS), MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """ru_maxrss, MB. Beware: on Linux a process started by fork + exec inherits its parent's
    peak in RUSAGE_SELF, so a child started from a big process reports at least that."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def hwm_mb() -> float:
    """This process's own peak resident set (VmHWM: reset by exec, unlike ru_maxrss), MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return maxrss_mb()


def sample_dataset():
    """The bundled sample province, loaded the way a user loads it."""
    from importlib import resources

    import evalreport
    with resources.as_file(resources.files("evalreport.samples").joinpath("jatim.yaml")) as p:
        return evalreport.load(p)


def bundled_templates_ready() -> bool:
    from importlib import resources
    try:
        base = resources.files("evalreport.template_files")
        return all(base.joinpath(f"{n}.docx").is_file() for n in BUILTIN)
    except (ModuleNotFoundError, FileNotFoundError):
        return False


def throwaway_templates(folder: Path) -> dict[str, str]:
    """Stand-in templates for while the bundled ones are being made: a few tags, a table row
    loop and, in the report, the logo, the three charts and the comparison loop, each picture in
    its own paragraph."""
    from docx import Document
    from docx.shared import Pt

    folder.mkdir(parents=True, exist_ok=True)

    def table(doc, headers: list[str], loop: str, cells: list[str]) -> None:
        t = doc.add_table(rows=4, cols=len(headers))
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, headers):
            c.text = h
        t.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        for c, v in zip(t.rows[2].cells, cells):
            c.text = v
        t.rows[3].cells[0].text = "{%tr endfor %}"

    out = {}
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph("{{ kop.logo }}")
    doc.add_paragraph("{{ kop.pemerintah }} · {{ kop.instansi }}")
    doc.add_heading("Laporan Evaluasi {{ program.nama }}", 0)
    doc.add_paragraph("{{ wilayah.nama }} ({{ wilayah.induk }}), periode {{ program.periode }}")
    doc.add_paragraph("{%p for k in ringkasan.kalimat %}")
    doc.add_paragraph("{{ k }}")
    doc.add_paragraph("{%p endfor %}")
    table(doc, ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"], "i in indikator",
          ["{{ i.no }}", "{{ i.nama }}", "{{ i.target }}", "{{ i.realisasi }}", "{{ i.capaian }}",
           "{{ i.predikat }}"])
    for key in CHART_KEYS[:3]:
        doc.add_paragraph("{{ grafik.%s }}" % key)
    doc.add_paragraph("{%p for g in grafik.perbandingan %}")
    doc.add_paragraph("{{ g.gambar }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p for t in temuan %}")
    doc.add_paragraph("{{ t.kode }} {{ t.judul }}: {{ t.kondisi }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ dokumen.tempat }}, {{ dokumen.tanggal_teks }}")
    doc.add_paragraph("{{ penandatangan.nama }}")
    out["laporan-evaluasi"] = folder / "laporan-evaluasi.docx"
    doc.save(out["laporan-evaluasi"])

    doc = Document()
    doc.add_heading("Rekomendasi {{ program.nama }}", 0)
    doc.add_paragraph("{{ wilayah.nama }}, {{ dokumen.tanggal_teks }}")
    table(doc, ["No", "Rekomendasi", "Prioritas", "Kepada"], "r in rekomendasi",
          ["{{ r.no }}", "{{ r.teks }}", "{{ r.prioritas }}", "{{ r.ditujukan_kepada }}"])
    out["rekomendasi"] = folder / "rekomendasi.docx"
    doc.save(out["rekomendasi"])

    doc = Document()
    doc.add_heading("Rencana Tindak Lanjut {{ wilayah.nama }}", 0)
    table(doc, ["No", "Kegiatan", "Penanggung jawab", "Batas waktu", "Anggaran"], "a in tindak_lanjut",
          ["{{ a.no }}", "{{ a.kegiatan }}", "{{ a.penanggung_jawab }}", "{{ a.batas_waktu }}",
           "{{ a.anggaran }}"])
    doc.add_paragraph("Jumlah anggaran {{ rtl.total_anggaran }} ({{ rtl.total_anggaran_terbilang }})")
    out["rencana-tindak-lanjut"] = folder / "rencana-tindak-lanjut.docx"
    doc.save(out["rencana-tindak-lanjut"])
    return {k: str(v) for k, v in out.items()}


def template_paths(tmp: Path, explicit: str | None = None) -> tuple[dict[str, str], str]:
    """The template of each document as a file path, and a line saying which set is used."""
    if explicit:
        folder = Path(explicit)
        return {d: str(folder / f"{d}.docx") for d in DOCS}, f"templates from {folder}"
    if bundled_templates_ready():
        from importlib import resources
        base = resources.files("evalreport.template_files")
        return ({d: str(base.joinpath(f"{d}.docx")) for d in DOCS},
                "the bundled templates (templates/*.docx)")
    return (throwaway_templates(tmp / "stand-in-templates"),
            "STAND-IN templates (bundled templates/*.docx not built yet): small, so the figures "
            "understate the template share of the work")


def chart_sizes_from_docx(out_dir: Path) -> dict[str, dict[str, list[list[float]]]]:
    """Each region's chart sizes (cm) as evalreport placed them in laporan-evaluasi.docx, by
    region folder and chart key, in document order (the comparison is one chart per dimension);
    read from wp:extent and the alt text."""
    sizes: dict[str, dict[str, list[list[float]]]] = {}
    for docx in sorted(Path(out_dir).glob("*/laporan-evaluasi.docx")):
        with zipfile.ZipFile(docx) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        found: dict[str, list[list[float]]] = {}
        for m in re.finditer(r"<wp:inline\b.*?</wp:inline>", xml, re.S):
            block = m.group(0)
            ext = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', block)
            alt = re.search(r'<wp:docPr\b[^>]*\bdescr="([^"]*)"', block)
            if not ext or not alt:
                continue
            text = html.unescape(alt.group(1))
            for prefix, key in ALT_PREFIX.items():
                if text.startswith(prefix):
                    found.setdefault(key, []).append([int(ext.group(1)) / 360000,
                                                      int(ext.group(2)) / 360000])
        sizes[docx.parent.name] = found
    return sizes


def fill_missing_sizes(data, regions, sizes: dict) -> int:
    """Charts that evalreport draws but the template does not place: their sizes by drawing
    them with FigureMaker (untimed). Returns how many were missing."""
    from evalreport.charts.figures import FigureMaker
    from evalreport.run.documents import region_folder
    from evalreport.scoring.scorecard import score

    maker = None
    missing = 0
    for r in regions:
        have = sizes.setdefault(region_folder(r), {})
        if all(k in have for k in CHART_KEYS):
            continue
        maker = maker or FigureMaker(score(data))
        charts = maker.for_region(r)
        for k in CHART_KEYS:
            c = getattr(charts, k)
            items = [x["gambar"] for x in c] if isinstance(c, list) else [c] if c is not None else []
            if k not in have and items:
                have[k] = [[x.width_cm, x.height_cm] for x in items]
                missing += len(items)
    return missing


# ---------------------------------------------------------------------------- naive renderer

class NaiveRenderer:
    """The same documents the plain way: DocxTemplate per document, pyplot per chart."""

    def __init__(self, data, templates: dict[str, str], sizes: dict[str, dict[str, list[float]]],
                 lang: str = "id", docs=DOCS):
        import jinja2
        import matplotlib
        matplotlib.use("Agg")
        from evalreport.context.region import ContextBuilder
        from evalreport.i18n.formatting import Formatter
        from evalreport.scoring.scorecard import score

        self.data, self.docs, self.templates, self.sizes = data, list(docs), templates, sizes
        self.card = score(data)
        self.contexts = ContextBuilder(self.card, lang)
        self.env = jinja2.Environment(autoescape=True)
        self.env.filters.update(Formatter(lang).filters())
        self.phases = {k: 0.0 for k in ("charts (pyplot)", "ContextBuilder.build",
                                        "DocxTemplate open + render", "save")}

    # -- charts
    @staticmethod
    def _wrap(text: str, width: int = 38) -> str:
        return "\n".join(textwrap.wrap(text, width)[:3])

    def _png(self, fig) -> bytes:
        import matplotlib.pyplot as plt
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=150)
        plt.close(fig)
        return buf.getvalue()

    def _grid(self, n: int, size: list[float], title: str):
        import matplotlib.pyplot as plt
        ncols = 1 if n == 1 else 2 if n in (2, 4) else 3
        nrows = -(-n // ncols)
        fig, axes = plt.subplots(nrows, ncols, figsize=(size[0] / 2.54, size[1] / 2.54), squeeze=False)
        fig.suptitle(title, fontsize=10, fontweight="bold")
        flat = list(axes.flat)
        for ax in flat[n:]:
            ax.set_visible(False)
        return fig, flat[:n]

    def achievement(self, results, size, title) -> bytes:
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(size[0] / 2.54, size[1] / 2.54))
        labels = [self._wrap(f"{r.indicator.code} {r.indicator.name}", 34) for r in results]
        vals = [float(r.achievement) if r.achievement is not None else 0.0 for r in results]
        colors = [r.band.color if r.band else "#9E9E9E" for r in results]
        y = range(len(results))
        ax.barh(y, vals, color=colors)
        ax.set_yticks(list(y), labels, fontsize=7)
        ax.invert_yaxis()
        ax.axvline(100, color="#2B2B2B", linestyle="--", linewidth=1)
        for i, (v, r) in enumerate(zip(vals, results)):
            ax.text(v + 1, i, f"{v:.2f}% · {r.band.label}" if r.band else "tidak ada data",
                    va="center", fontsize=7)
        ax.set_xlabel("Capaian (%)", fontsize=8)
        ax.set_title(title, fontsize=10, fontweight="bold")
        return self._png(fig)

    def target_actual(self, results, size, title) -> bytes:
        fig, axes = self._grid(len(results), size, title)
        for ax, r in zip(axes, results):
            t = r.target.reference or 0.0
            a = r.actual if r.is_numeric else 0.0
            ax.barh([0, 1], [t, a], color=["#E6E6E6", "#3B5B92"], edgecolor="#6E6E6E", hatch=["////", ""])
            ax.set_yticks([0, 1], ["Target", "Realisasi"], fontsize=7)
            ax.invert_yaxis()
            for i, v in enumerate((t, a)):
                ax.text(v, i, f" {v:g}", va="center", fontsize=7)
            ax.set_title(self._wrap(f"{r.indicator.code} {r.indicator.name}"), fontsize=7.5, loc="left")
            ax.tick_params(labelsize=7)
        return self._png(fig)

    def trend(self, results, region, size, title) -> bytes:
        from evalreport.data.model import Comparator
        fig, axes = self._grid(len(results), size, title)
        for ax, r in zip(axes, results):
            hist = self.card.series(region.code, r.indicator.code)
            xs = [h.period for h in hist]
            ys = [h.actual if h.is_numeric else float("nan") for h in hist]
            if r.target.comparator == Comparator.BETWEEN and r.target.is_set:
                ax.axhspan(r.target.min, r.target.max, color="#D4D4D4")
            elif r.target.value is not None:
                ax.axhline(r.target.value, color="#2B2B2B", linestyle="--", linewidth=1)
            ax.plot(xs, ys, marker="o", color="#3B5B92")
            for x, v in zip(xs, ys):
                if v == v:
                    ax.annotate(f"{v:g}", (x, v), textcoords="offset points", xytext=(0, 5),
                                ha="center", fontsize=7)
            ax.set_title(self._wrap(f"{r.indicator.code} {r.indicator.name}"), fontsize=7.5, loc="left")
            ax.tick_params(labelsize=7)
        return self._png(fig)

    def comparisons(self, region, sizes: list[list[float]]) -> list[dict]:
        """The comparison charts (as evalreport draws them: achievement per region, a
        dimension's indicators two or four to a picture), for this region's report: the naive
        way draws them again for every region."""
        from evalreport.charts.draw import Chart, comparison_groups
        codes = {r.code for r in self.data.regions if r.parent == region.parent}
        out = []
        pictures = []
        for dim in self.data.dimensions:
            inds = [i for i in self.data.reported_indicators if i.dimension == dim.code]
            ranked = {i.code: [r for r in self.card.ranking(i.code) if r.region.code in codes] for i in inds}
            inds = [i for i in inds if any(r.achievement is not None for r in ranked[i.code])]
            for group in comparison_groups(len(inds), len(codes)):
                pictures.append((dim, [inds[i] for i in group], ranked))
        for (dim, inds, ranked), size in zip(pictures, sizes):
            t = f"Perbandingan capaian antarwilayah, dimensi {dim.name}, {region.parent}, {self.card.current_period}"
            out.append({"dimensi": dim.name,
                        "gambar": Chart(self.comparison(inds, ranked, size, t), *size, t)})
        return out

    def comparison(self, inds, ranked_by, size, title) -> bytes:
        fig, axes = self._grid(len(inds), size, title)
        for ax, ind in zip(axes, inds):
            ranked = ranked_by[ind.code]
            vals = [float(r.achievement) if r.achievement is not None else 0.0 for r in ranked]
            y = range(len(ranked))
            ax.barh(y, vals, color=[r.band.color if r.band else "#9E9E9E" for r in ranked])
            ax.set_yticks(list(y), [r.region.name for r in ranked], fontsize=6)
            ax.invert_yaxis()
            ax.axvline(100.0, color="#2B2B2B", linestyle="--", linewidth=1)
            ax.set_title(self._wrap(f"{ind.code} {ind.name}"), fontsize=7.5, loc="left")
            ax.tick_params(labelsize=7)
        return self._png(fig)

    def charts(self, region):
        from evalreport.charts.draw import Chart
        from evalreport.context.region import Charts
        from evalreport.run.documents import region_folder

        sizes = self.sizes.get(region_folder(region), {})
        results = self.card.select(region.code)
        period = self.card.current_period
        out: dict[str, Any] = {}
        if "capaian" in sizes:
            t, size = f"Capaian kinerja per indikator, {region.name}, {period}", sizes["capaian"][0]
            out["capaian"] = Chart(self.achievement(results, size, t), *size, t)
        if "target_realisasi" in sizes:
            t, size = f"Target dan realisasi, {region.name}, {period}", sizes["target_realisasi"][0]
            out["target_realisasi"] = Chart(self.target_actual(results, size, t), *size, t)
        if "tren" in sizes:
            t, size = f"Tren realisasi, {region.name}", sizes["tren"][0]
            out["tren"] = Chart(self.trend(results, region, size, t), *size, t)
        if "perbandingan" in sizes:
            out["perbandingan"] = self.comparisons(region, sizes["perbandingan"])
        return Charts(**out)

    # -- documents
    def _pictures(self, value: Any, tpl) -> Any:
        from docx.shared import Cm
        from docxtpl import InlineImage

        from evalreport.charts.draw import Chart
        from evalreport.context.region import Logo

        if isinstance(value, Chart):
            return InlineImage(tpl, io.BytesIO(value.png), width=Cm(value.width_cm), height=Cm(value.height_cm))
        if isinstance(value, Logo):
            return InlineImage(tpl, value.path, height=Cm(value.height_cm))
        if isinstance(value, dict):
            return {k: self._pictures(v, tpl) for k, v in value.items()}
        if isinstance(value, list):
            return [self._pictures(v, tpl) for v in value]
        return value

    def region(self, region, out_dir) -> list[Path]:
        from docxtpl import DocxTemplate

        from evalreport.run.documents import region_folder

        ph, t0 = self.phases, time.perf_counter()
        charts = self.charts(region) if "laporan-evaluasi" in self.docs else None
        t1 = time.perf_counter()
        ctx = self.contexts.build(region, charts)
        t2 = time.perf_counter()
        ph["charts (pyplot)"] += t1 - t0
        ph["ContextBuilder.build"] += t2 - t1
        folder = Path(out_dir) / region_folder(region)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for doc in self.docs:
            t0 = time.perf_counter()
            tpl = DocxTemplate(self.templates[doc])
            tpl.render(self._pictures(ctx, tpl), self.env, autoescape=True)
            t1 = time.perf_counter()
            path = folder / f"{doc}.docx"
            tpl.save(path)
            ph["DocxTemplate open + render"] += t1 - t0
            ph["save"] += time.perf_counter() - t1
            paths.append(path)
        return paths


# ------------------------------------------------------------------------ child: one engine

def _rounds(make, regions, out: Path, rounds: int) -> tuple[list[float], list[float], Any]:
    """Wall and CPU seconds per round (and the last renderer); each round makes a new renderer
    (``make``) and renders all regions."""
    times, cpu = [], []
    renderer = None
    for n in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        renderer = make()
        for r in regions:
            renderer.region(r, out / f"round{n}")
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return times, cpu, renderer


def _traced(make, regions, out: Path) -> float:
    """tracemalloc peak (MB) of one more round."""
    tracemalloc.start()
    renderer = make()
    for r in regions:
        renderer.region(r, out / "traced")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def profile_evalreport(data, regions, templates: dict[str, str], out: Path) -> dict[str, float]:
    """Where evalreport's time goes, phase by phase (a DocumentMaker as in a real run)."""
    from evalreport._fast.docx import CompiledDocxTemplate
    from evalreport.output import write_bytes
    from evalreport.run.documents import DocumentMaker, region_folder
    from evalreport.word.rendering import _RENDERING, finish
    from evalreport.word.rendering import render as render_docx

    ph: dict[str, float] = {k: 0.0 for k in (
        "setup (score, templates)", "shared comparison charts", "FigureMaker.for_region",
        "ContextBuilder.build", "rendering.render", "write (atomic, fsync)",
        "  open template (python-docx)", "  Jinja render + pictures", "  save + zip (finish)")}
    t = time.perf_counter()
    maker = DocumentMaker(data, DOCS, templates)
    ph["setup (score, templates)"] += time.perf_counter() - t
    t = time.perf_counter()
    for parent in sorted({r.parent for r in regions}, key=lambda p: p or ""):
        maker.figures.comparison(parent)
    ph["shared comparison charts"] += time.perf_counter() - t
    for r in regions:
        t = time.perf_counter()
        charts = maker.figures.for_region(r)
        ph["FigureMaker.for_region"] += time.perf_counter() - t
        t = time.perf_counter()
        ctx = maker.contexts.build(r, charts)
        ph["ContextBuilder.build"] += time.perf_counter() - t
        blobs = {}
        for doc in DOCS:
            t = time.perf_counter()
            blobs[doc] = render_docx(maker.templates[doc], ctx, maker.properties(doc, r), maker.env)
            ph["rendering.render"] += time.perf_counter() - t
        t = time.perf_counter()
        for doc, blob in blobs.items():
            write_bytes(out / "profile" / region_folder(r) / f"{doc}.docx", blob)
        ph["write (atomic, fsync)"] += time.perf_counter() - t
        # rendering.render again, split into its steps (same compiled templates)
        for doc in DOCS:
            t = time.perf_counter()
            tpl = maker.templates[doc]
            d = CompiledDocxTemplate(tpl.blob, tpl.package(), tpl.compiled, maker.env)
            d.init_docx()  # what render() does first: open the template's package
            t1 = time.perf_counter()
            bound = _RENDERING.set(d)  # as render(): pictures are made for this document
            try:
                d.render(ctx, maker.env)
            finally:
                _RENDERING.reset(bound)
            t2 = time.perf_counter()
            finish(d, maker.properties(doc, r), maker.templates[doc].toc_styles(d.docx))
            t3 = time.perf_counter()
            ph["  open template (python-docx)"] += t1 - t
            ph["  Jinja render + pictures"] += t2 - t1
            ph["  save + zip (finish)"] += t3 - t2
    return ph


def _time(func) -> float:
    t = time.perf_counter()
    func()
    return time.perf_counter() - t


def cprofile_top(func, n: int = 22) -> str:
    import cProfile
    import pstats
    prof = cProfile.Profile()
    prof.enable()
    func()
    prof.disable()
    buf = io.StringIO()
    st = pstats.Stats(prof, stream=buf)
    st.sort_stats("cumulative").print_stats(n)
    st.sort_stats("tottime").print_stats(n)
    return buf.getvalue()


def child(spec: dict) -> dict:
    import docxtpl  # noqa: F401
    import matplotlib

    import evalreport  # noqa: F401  (imports first: both engines pay them, before the baseline)
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    from evalreport.run.documents import DocumentMaker

    data = sample_dataset() if not spec.get("data") else evalreport.load(spec["data"])
    by_code = {r.code: r for r in data.regions}
    regions = [by_code[c] for c in spec["regions"]]
    out = Path(spec["out"])
    templates = spec["templates"]
    base = rss_now_mb()
    if spec["engine"] == "evalreport":
        def make():
            return DocumentMaker(data, DOCS, templates)
    else:
        sizes = json.loads(Path(spec["sizes"]).read_text())

        def make():
            return NaiveRenderer(data, templates, sizes)
    times, cpu, last = _rounds(make, regions, out, spec["rounds"])
    res = {"times": times, "cpu": cpu, "rss_base_mb": base, "maxrss_mb": maxrss_mb(), "hwm_mb": hwm_mb()}
    if spec["engine"] == "naive":
        res["phases"] = last.phases  # the last round's
    res["tracemalloc_mb"] = _traced(make, regions, out)
    if spec["engine"] == "evalreport":
        res["phases"] = profile_evalreport(data, regions, templates, out)
        res["score_s"] = _time(lambda: __import__("evalreport").score(data))
        if spec.get("profile"):
            res["cprofile"] = cprofile_top(lambda: [make().region(r, out / "cprofile") for r in regions])
    elif spec.get("profile"):
        res["cprofile"] = cprofile_top(lambda: [make().region(r, out / "cprofile") for r in regions])
    return res


def run_child(script: str, spec: dict, workdir: Path) -> dict:
    spec_file = workdir / f"spec-{spec['engine']}-{time.monotonic_ns()}.json"
    spec_file.write_text(json.dumps(spec))
    proc = subprocess.run([sys.executable, script, "--child", str(spec_file)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"{spec['engine']} child failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------ lint speed

def lint_speed(templates: dict[str, str], bundled: bool, repeat: int) -> list[tuple[str, float, int]]:
    from evalreport import templates as tpl_tools
    names = list(BUILTIN) if bundled else list(templates.values())
    out = []
    for name in names:
        tpl_tools.check(name)  # first call: imports, caches
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            findings = tpl_tools.check(name)
            times.append(time.perf_counter() - t)
        out.append((Path(name).name, statistics.fmean(times), len(findings)))
    return out


# ------------------------------------------------------------------------------------ tables

def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regions", type=int, default=0, help="render the first N regions of the sample (default: all 8)")
    ap.add_argument("--jobs", type=int, default=1, help="also time run_batch(jobs=N) on the same regions when N > 1")
    ap.add_argument("--quick", action="store_true", help="2 rounds per engine, lint mean of 2")
    ap.add_argument("--rounds", type=int, default=0, help="rounds per engine (default 3, --quick 2)")
    ap.add_argument("--templates", help="folder with laporan-evaluasi.docx etc. instead of the bundled ones")
    ap.add_argument("--profile", action="store_true", help="print cProfile's top functions too")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(Path(args.child).read_text()))))
        return 0

    rounds = args.rounds or (2 if args.quick else 3)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmpname:
        tmp = Path(tmpname)
        templates, which = template_paths(tmp, args.templates)
        data = sample_dataset()
        regions = data.regions[: args.regions] if args.regions else data.regions
        codes = [r.code for r in regions]
        ndocs = len(regions) * len(DOCS)
        print(f"evalreport bench_render — {time.strftime('%Y-%m-%d %H:%M')}, Python "
              f"{sys.version.split()[0]}, {os.cpu_count()} CPUs")
        print(f"work: {len(regions)} regions x {len(DOCS)} documents = {ndocs} documents per round, "
              f"{rounds} rounds per engine, each engine in its own process")
        print(f"templates: {which}\n")

        spec = {"regions": codes, "templates": templates, "rounds": rounds, "profile": args.profile}
        ev = run_child(__file__, {**spec, "engine": "evalreport", "out": str(tmp / "ev")}, tmp)
        sizes = chart_sizes_from_docx(tmp / "ev" / "round0")
        missing = fill_missing_sizes(data, regions, sizes)
        (tmp / "sizes.json").write_text(json.dumps(sizes))
        nv = run_child(__file__, {**spec, "engine": "naive", "out": str(tmp / "naive"),
                                  "sizes": str(tmp / "sizes.json")}, tmp)
        nchart = sum(len(x) for v in sizes.values() for x in v.values())
        print(f"charts: {nchart} in {len(regions)} reports (evalreport draws the comparison charts once "
              f"per province, naive once per report), naive drawn at evalreport's sizes"
              + (f" ({missing} not placed by the template, sized by drawing them)" if missing else ""))

        def dps(t: float) -> float:
            return ndocs / t

        def warm(xs: list[float]) -> float:
            return min(xs[1:]) if len(xs) > 1 else xs[0]

        rows = []
        for name, r in (("evalreport DocumentMaker", ev), ("naive docxtpl + pyplot", nv)):
            rows.append([name, f"{dps(r['times'][0]):.2f}", f"{dps(warm(r['times'])):.2f}",
                         f"{r['times'][0]:.2f}", f"{warm(r['times']):.2f}",
                         f"{r['cpu'][0]:.2f}", f"{warm(r['cpu']):.2f}", f"{r['tracemalloc_mb']:.1f}",
                         f"{r['rss_base_mb']:.0f}", f"{r['hwm_mb']:.0f}", f"{r['maxrss_mb']:.0f}"])
        print()
        print(table(["engine", "docs/s cold", "docs/s warm", "wall s cold", "wall s warm", "CPU s cold",
                     "CPU s warm", "tracemalloc peak MB", "RSS before MB", "peak RSS MB", "ru_maxrss MB"], rows))
        print("  cold: first round in a fresh process (set-up, fonts, template compilation included);"
              " warm: best later round\n  RSS before: after imports and loading the data; peak RSS: VmHWM of the"
              " engine's process; ru_maxrss: the same\n  unless this script's own peak was higher (Linux"
              " carries it over fork + exec into the child)")
        ratios = {"cold": nv["times"][0] / ev["times"][0], "warm": warm(nv["times"]) / warm(ev["times"]),
                  "cold CPU": nv["cpu"][0] / ev["cpu"][0], "warm CPU": warm(nv["cpu"]) / warm(ev["cpu"])}
        ok = min(ratios["cold"], ratios["warm"]) >= 1.5
        print("\nratio evalreport / naive throughput: "
              + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items())
              + f"  (target >= 1.5x on wall time: {'MET' if ok else 'NOT MET'})")
        busy = os.getloadavg()[0]
        if busy > 1.5:
            print(f"  note: load average {busy:.1f} on {os.cpu_count()} CPUs while measuring: other work "
                  "competed; the CPU-time ratios are the steadier figures")

        if args.jobs > 1:
            t = time.perf_counter()
            from evalreport.run.batch import run_batch
            res = run_batch(data, tmp / "batch", regions=codes, docs=DOCS, templates=templates,
                            jobs=args.jobs, summary=False)
            wall = time.perf_counter() - t
            print(f"run_batch(jobs={args.jobs}) on the same regions: {wall:.2f} s, "
                  f"{ndocs / wall:.2f} docs/s ({len(res.failures)} failures)")

        ph = ev["phases"]
        total = sum(v for k, v in ph.items() if not k.startswith("  "))
        print("\nwhere evalreport's time goes (one more round, phases timed separately):")
        prow = []
        for k, v in ph.items():
            share = f"{100 * v / total:.0f}%" if not k.startswith("  ") else f"({100 * v / total:.0f}%)"
            prow.append([k, f"{v:.3f}", f"{1000 * v / len(regions):.0f}", share])
        print(table(["phase", "s", "ms/region", "share"], prow))
        print("  (indented: rendering.render split into its steps, timed in a second pass)")
        print(f"  score(data) alone: {1000 * ev['score_s']:.0f} ms")
        nph = nv["phases"]
        ntotal = sum(nph.values())
        print("\nwhere the naive time goes (last timed round):")
        print(table(["phase", "s", "ms/region", "share"],
                    [[k, f"{v:.3f}", f"{1000 * v / len(regions):.0f}", f"{100 * v / ntotal:.0f}%"]
                     for k, v in nph.items()]))

        repeat = 2 if args.quick else 5
        bundled = bundled_templates_ready() and not args.templates
        lint = lint_speed(templates, bundled, repeat)
        print(f"\nlint speed: evalreport.templates.check, mean of {repeat}"
              + ("" if bundled else " (stand-in templates: the bundled ones are not built yet)"))
        print(table(["template", "ms", "findings"], [[n, f"{1000 * t:.0f}", k] for n, t, k in lint]))
        slow = [n for n, t, _ in lint if t >= 0.5]
        print("lint target (well under 1 s, here < 0.5 s): " + ("MET" if not slow else f"NOT MET: {', '.join(slow)}"))
        if args.profile:
            print("\ncProfile, evalreport (one round):\n" + ev.get("cprofile", ""))
            print("\ncProfile, naive (one round):\n" + nv.get("cprofile", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
