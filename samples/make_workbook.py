"""Regenerate samples/jatim.xlsx from samples/jatim.yaml (the same content as a workbook).

    python samples/make_workbook.py
"""
from pathlib import Path

from evalreport import load
from evalreport.data.workbook import build
from evalreport.output import write_bytes

HERE = Path(__file__).parent

if __name__ == "__main__":
    data = load(HERE / "jatim.yaml")
    write_bytes(HERE / "jatim.xlsx", build(data.model_dump(mode="json")))
    print(HERE / "jatim.xlsx")
