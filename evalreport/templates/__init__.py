"""Tools for the Word templates that secretariat staff edit: list and export the bundled ones
(:mod:`.catalogue`), check with places (:mod:`.check`), repair split tags (:mod:`.repair`), write
problems as Word comments (:mod:`.annotate`), and the field reference (:mod:`.reference`)."""
from .annotate import annotate
from .catalogue import export, list_templates
from .check import Finding, check
from .reference import FieldRow, field_rows, fields_docx, fields_markdown, write_fields
from .repair import Change, repair

__all__ = ["list_templates", "export", "check", "Finding", "repair", "Change", "annotate",
           "field_rows", "FieldRow", "fields_markdown", "fields_docx", "write_fields"]
