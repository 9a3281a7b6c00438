"""Tools for the Word templates that secretariat staff edit: list and export the bundled ones
(:mod:`.catalogue`), check with places (:mod:`.check`), repair split tags (:mod:`.repair`), write
problems as Word comments (:mod:`.annotate`), and the field reference (:mod:`.reference`).

``check`` and ``repair`` answer with :class:`evalreport.errors.Problem` objects: a problem
found, or a change made, each at its place in Word."""
from .annotate import annotate
from .catalogue import TEMPLATE_LANGS, export, list_templates
from .check import check
from .reference import FieldRow, field_rows, fields_docx, fields_markdown, write_fields
from .repair import repair

__all__ = ["list_templates", "export", "TEMPLATE_LANGS", "check", "repair", "annotate",
           "field_rows", "FieldRow", "fields_markdown", "fields_docx", "write_fields"]
