"""evalreport: programme-evaluation results into official Word documents.

The way through is one-way: load -> validate -> score -> chart -> render -> write.

>>> import evalreport
>>> data = evalreport.load("samples/jatim.xlsx")          # validated Dataset
>>> card = evalreport.score(data)                          # every indicator scored
>>> result = evalreport.render(data, "out/")               # Word documents per region
>>> result.paths, result.failures
"""
from __future__ import annotations

from . import templates
from ._version import __version__
from .data.bands import PRESETS as BAND_PRESETS
from .data.bands import BandScheme
from .data.load import check as check_data
from .data.load import load, parse
from .data.model import Dataset
from .errors import ConversionError, DataError, EvalReportError, Location, Problem, TemplateProblemError
from .run.batch import BatchResult
from .run.batch import run_batch as render
from .scoring.scorecard import Result, Scorecard, score

__all__ = [
    "__version__", "load", "parse", "check_data", "score", "schema", "render", "templates",
    "BatchResult",
    "Dataset", "Scorecard", "Result", "BandScheme", "BAND_PRESETS",
    "EvalReportError", "DataError", "TemplateProblemError", "ConversionError",
    "Problem", "Location",
]


def schema() -> dict:
    """The JSON Schema of the YAML/JSON data format."""
    return Dataset.model_json_schema()
