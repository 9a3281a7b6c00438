"""Keep the message catalogues in step with the code: extract, merge, compile, check.

    python scripts/catalogue.py          # extract msgids, merge into each .po, compile each .mo
    python scripts/catalogue.py --check  # exit 1 if a .po or .mo is not current (CI, tests)

Every ``_("...")`` and ``n_("...", "...", n)`` in evalreport/ is a msgid (English). Each
language's catalogue, ``evalreport/i18n/locale/<lang>/LC_MESSAGES/evalreport.po``, holds its
translation; a new msgid is added with an empty translation (to fill in by hand), one the code
no longer uses is dropped. The compiled ``.mo`` next to it is what evalreport reads.
"""
from __future__ import annotations

import argparse
import datetime
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "evalreport"
LOCALE = PACKAGE / "i18n" / "locale"
LANGS = ("id",)
KEYWORDS = {"_": None, "n_": (1, 2)}
_FIELD = re.compile(r"\{(\w+)")
HEADER = ("# Indonesian messages of evalreport: the msgid is the English text.\n"
          "# Kept in step with the code by scripts/catalogue.py; translate each empty msgstr.")


def extract() -> Catalog:
    """Every msgid of the code, with where it is used."""
    cat = Catalog(project="evalreport", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        cat.add(message, None, [(f"evalreport/{filename}", lineno)], auto_comments=comments,
                context=context)
    return cat


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "evalreport.po"


def merged(lang: str, template: Catalog) -> Catalog:
    """The language's catalogue with the code's msgids: translations kept, new ones empty."""
    path = po_path(lang)
    old = read_po(path.open("rb"), locale=lang) if path.exists() else Catalog(locale=lang)
    cat = Catalog(locale=lang, project="evalreport", version="", charset="utf-8", fuzzy=False,
                  header_comment=HEADER, copyright_holder="", msgid_bugs_address="",
                  last_translator="", language_team="")
    for msg in template:
        if not msg.id:
            continue
        prev = old.get(msg.id)
        string = prev.string if prev is not None else ("", "") if msg.pluralizable else ""
        # a message that gained or lost its plural keeps its translation in the new shape
        if msg.pluralizable and isinstance(string, str):
            string = (string,)
        elif not msg.pluralizable and isinstance(string, (tuple, list)):
            string = string[0]
        cat.add(msg.id, string, msg.locations, auto_comments=msg.auto_comments)
    return cat


def po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=True, include_lineno=False)
    # no dates or tool versions, so that the file changes only when a message does
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*"\n', b"",
                  buf.getvalue())


def mo_bytes(cat: Catalog) -> bytes:
    # the compiled header carries the catalogue's dates: fixed, so the .mo changes only when a
    # message does (as the .po, whose date lines are left out)
    cat.creation_date = cat.revision_date = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def problems(cat: Catalog) -> list[str]:
    """Untranslated messages and translations whose {fields} differ from the msgid's."""
    out = []
    for msg in cat:
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings):
            out.append(f"untranslated: {ids[0]!r}")
            continue
        want = set(_FIELD.findall(ids[-1]))
        for s in strings:
            if set(_FIELD.findall(s)) != want:
                out.append(f"fields differ: {ids[0]!r} -> {s!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check; change nothing")
    args = ap.parse_args(argv)
    template = extract()
    status = 0
    for lang in LANGS:
        cat = merged(lang, template)
        po, mo = po_bytes(cat), mo_bytes(cat)
        path = po_path(lang)
        issues = problems(cat)
        if args.check:
            if not path.exists() or path.read_bytes() != po:
                print(f"{path.relative_to(ROOT)} is not current: run python scripts/catalogue.py")
                status = 1
            if not path.with_suffix(".mo").exists() or path.with_suffix(".mo").read_bytes() != mo:
                print(f"{path.with_suffix('.mo').relative_to(ROOT)} is not current")
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(po)
            path.with_suffix(".mo").write_bytes(mo)
        for issue in issues:
            print(f"{lang}: {issue}")
        status = status or (1 if issues else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
