"""The charts' pixel density: for print by default, as asked through the library and the CLI,
and part of what makes a region's documents up to date."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

import evalreport
from evalreport.charts.style import DEFAULT_DPI

ROOT = Path(__file__).resolve().parent.parent


def _picture_width(docx: Path) -> int:
    with zipfile.ZipFile(docx) as z:
        name = next(n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")
                    and Image.open(io.BytesIO(z.read(n))).size[0] > 500)
        return Image.open(io.BytesIO(z.read(name))).size[0]


def test_charts_are_drawn_for_print_by_default_and_at_the_dpi_asked(tmp_path):
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    code = data.regions[0].code
    default = evalreport.render(data, tmp_path / "a", regions=[code], docs=["laporan-evaluasi"])
    assert 200 <= DEFAULT_DPI <= 300
    assert abs(_picture_width(default.paths[0]) - 16 / 2.54 * DEFAULT_DPI) <= 1
    low = evalreport.render(data, tmp_path / "a", regions=[code], docs=["laporan-evaluasi"],
                            dpi=120, resume=True)
    assert not low.skipped  # the same data at another dpi is not up to date
    assert abs(_picture_width(low.paths[0]) - 16 / 2.54 * 120) <= 1


def test_the_render_command_takes_a_dpi(tmp_path):
    from evalreport.cli import main

    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["render", str(ROOT / "samples" / "kota-batu.yaml"), "-o", str(out),
                                    "--docs", "laporan-evaluasi", "--dpi", "150"])
    assert res.exit_code == 0, res.output
    assert abs(_picture_width(next(out.glob("*/laporan-evaluasi.docx"))) - 16 / 2.54 * 150) <= 1
    bad = CliRunner().invoke(main, ["render", str(ROOT / "samples" / "kota-batu.yaml"), "-o",
                                    str(out), "--dpi", "20"])
    assert bad.exit_code == 2 and "--dpi" in bad.output
