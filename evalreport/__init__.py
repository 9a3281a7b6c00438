"""evalreport: programme-evaluation results into official Word documents.

The way through is one-way: load -> validate -> score -> chart -> render -> write.

>>> import evalreport
>>> data = evalreport.load("samples/jatim.xlsx")          # validated Dataset
>>> card = evalreport.score(data)                          # every indicator scored
>>> result = evalreport.render(data, "out/")               # Word documents per region
>>> result.paths, result.failures
"""
from __future__ import annotations

__version__ = "0.1.0"

from .bands import PRESETS as BAND_PRESETS, BandScheme
from .errors import (
    ConversionError, DataError, EvalReportError, Location, Problem, TemplateProblemError)
from .load import check as check_data, load, parse
from .model import Dataset
from .scoring import Result, Scorecard, score
from .batch import BatchResult, run_batch as render
from . import templates

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
