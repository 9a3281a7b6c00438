"""Keep the message catalogues in step with the code: extract, merge, compile, check.

    python scripts/catalogue.py          # extract msgids, merge into each .po, compile each .mo
    python scripts/catalogue.py --check  # exit 1 if a .po or .mo is not current (CI, tests)

Every ``_("...")``, ``n_("...", "...", n)`` and ``p_("context", "...")`` in evalreport/ is a
msgid (English; ``p_`` gives it a msgctxt, for a short word with several senses). Each
language's catalogue, ``evalreport/i18n/locale/<lang>/LC_MESSAGES/evalreport.po``, holds its
translation; a new msgid is added with an empty translation (to fill in by hand), one the code
no longer uses is dropped. The compiled ``.mo`` next to it is what evalreport reads.
"""
from __future__ import annotations

import argparse
import io
import re
import struct
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "evalreport"
LOCALE = PACKAGE / "i18n" / "locale"
LANGS = ("id",)
KEYWORDS = {"_": None, "n_": (1, 2), "p_": ((1, "c"), 2)}
_FIELD = re.compile(r"\{(\w+)")
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
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
                  last_translator="", language_team="",
                  creation_date=FIXED_DATE, revision_date=FIXED_DATE)  # a .mo without a clock
    for msg in template:
        if not msg.id:
            continue
        prev = old.get(msg.id, context=msg.context)
        string = prev.string if prev is not None else ("", "") if msg.pluralizable else ""
        # a message that gained or lost its plural keeps its translation in the new shape
        if msg.pluralizable and isinstance(string, str):
            string = (string,)
        elif not msg.pluralizable and isinstance(string, (tuple, list)):
            string = string[0]
        cat.add(msg.id, string, msg.locations, auto_comments=msg.auto_comments,
                context=msg.context)
    return cat


def po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=True, include_lineno=False)
    # no dates or tool versions, so that the file changes only when a message does
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*"\n', b"",
                  buf.getvalue())


def mo_bytes(cat: Catalog) -> bytes:
    """The compiled catalogue (GNU .mo), written here rather than by Babel so that it holds
    no date and no tool version: it changes only when a message does, whatever Babel built it."""
    header = (f"Language: {cat.locale}\nPlural-Forms: {cat.plural_forms}\n"
              "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
              "Content-Transfer-Encoding: 8bit\n")
    entries = {b"": header.encode()}
    for msg in cat:
        if not msg.id or not msg.string or (isinstance(msg.string, tuple) and not all(msg.string)):
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        key = "\0".join(ids) if msg.context is None else f"{msg.context}\x04{ids[0]}"
        entries[key.encode()] = "\0".join(strings).encode()
    keys = sorted(entries)
    ids_blob, strs_blob, offsets = b"", b"", []
    for k in keys:
        offsets.append((len(ids_blob), len(k), len(strs_blob), len(entries[k])))
        ids_blob += k + b"\0"
        strs_blob += entries[k] + b"\0"
    n = len(keys)
    ids_start = 7 * 4 + 16 * n
    strs_start = ids_start + len(ids_blob)
    table = b"".join(struct.pack("<II", length, ids_start + off) for off, length, _, _ in offsets)
    table += b"".join(struct.pack("<II", length, strs_start + off) for _, _, off, length in offsets)
    head = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return head + table + ids_blob + strs_blob


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
