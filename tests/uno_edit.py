"""Edit DOCX files the way an editor does, in LibreOffice itself, driven through its UNO bridge.

Run with the system Python (Debian's python3-uno is built for /usr/bin/python3, not for a venv):

    /usr/bin/python3 tests/uno_edit.py SPEC.json

SPEC is {"jobs": [{"input": IN.docx, "output": OUT.docx, "track": true, "edits": [...]}]}; each edit:
  {"op": "replace", "bookmark": "p_A_VII_26", "find": "words", "with": "other words"}
  {"op": "replace", "find": "28 to 30 October", "with": "…"}         first match in the whole text
  {"op": "footnote", "number": 3, "find": "…", "with": "…"}          the third footnote (1-based)
  {"op": "comment", "bookmark": "p_…", "find": "words", "author": "…", "text": "…"}
  {"op": "cell", "table": 0, "cell": "E5", "find": "…", "with": "…"} a cell of a table
  {"op": "italic", "bookmark": "p_…", "find": "words"}                 direct italic on the words
  {"op": "split", "bookmark": "p_…", "find": "words"}                  a paragraph break before the words
  {"op": "append", "bookmark": "p_…", "find": "words", "text": "…"}    a new paragraph after the words
The script starts its own soffice (private profile, free local port), records changes when "track"
is set (Edit > Track Changes > Record), saves as "MS Word 2007 XML" and ends soffice by its pid.
It prints one line per job; a missing bookmark or text is an error (exit 1).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
from com.sun.star.util import DateTime


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


USER_DATA = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="givenname" oor:op="fuse"><value>{first}</value></prop></item>
<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="sn" oor:op="fuse"><value>{last}</value></prop></item>
</oor:items>
"""


def start_office(author: str):
    """soffice on a free local port with a private profile whose user (Tools > Options > User Data) is
    `author`: LibreOffice records that name on every tracked change."""
    profile = tempfile.mkdtemp(prefix="uno-profile-")
    os.makedirs(os.path.join(profile, "user"))
    first, _, last = author.partition(" ")
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(USER_DATA.format(first=first, last=last))
    port = free_port()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"--accept=socket,host=127.0.0.1,port={port};urp;", f"-env:UserInstallation=file://{profile}"],
        stdout=subprocess.DEVNULL, stderr=open(os.environ.get("UNO_EDIT_LOG", os.devnull), "w"), start_new_session=True)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("uno_edit: soffice did not start")
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, profile, desktop, ctx


def stop_office(proc, profile, desktop) -> None:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()
    shutil.rmtree(profile, ignore_errors=True)


def words(text_range, find: str):
    """A cursor selecting the first occurrence of `find` inside `text_range`."""
    whole = text_range.getString()
    at = whole.find(find)
    if at < 0:
        raise LookupError(f"{find!r} not found in {whole[:80]!r}")
    cursor = text_range.getText().createTextCursorByRange(text_range.getStart())
    cursor.goRight(at, False)
    cursor.goRight(len(find), True)
    return cursor


def anchor(doc, edit):
    if "bookmark" in edit:
        marks = doc.getBookmarks()
        if not marks.hasByName(edit["bookmark"]):
            raise LookupError(f"no bookmark {edit['bookmark']}")
        return words(marks.getByName(edit["bookmark"]).getAnchor(), edit["find"])
    if edit["op"] == "footnote":
        note = doc.getFootnotes().getByIndex(edit["number"] - 1)
        cursor = note.createTextCursor()
        cursor.gotoEnd(True)
        return words(cursor, edit["find"])
    if edit["op"] == "cell":
        cell = doc.getTextTables().getByIndex(edit.get("table", 0)).getCellByName(edit["cell"])
        cursor = cell.createTextCursor()
        cursor.gotoEnd(True)
        return words(cursor, edit["find"])
    paragraphs = doc.getText().createEnumeration()     # (a model without a view has no findFirst)
    while paragraphs.hasMoreElements():
        p = paragraphs.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph") and edit["find"] in p.getString():
            return words(p, edit["find"])
    raise LookupError(f"{edit['find']!r} not found in the body text")


def apply(doc, edit) -> None:
    target = anchor(doc, edit)
    op = edit["op"]
    if op in ("replace", "footnote", "cell"):
        target.setString(edit["with"])
    elif op == "comment":
        note = doc.createInstance("com.sun.star.text.textfield.Annotation")
        note.Author = edit.get("author", "Editor")
        note.Initials = "".join(w[0] for w in note.Author.split())[:3]
        note.Content = edit["text"]
        now = time.gmtime()
        stamp = DateTime()
        stamp.Year, stamp.Month, stamp.Day, stamp.Hours, stamp.Minutes = now[:5]
        note.DateTimeValue = stamp
        target.getText().insertTextContent(target, note, True)
    elif op in ("split", "append"):
        target.collapseToStart() if op == "split" else target.collapseToEnd()
        target.getText().insertControlCharacter(target, PARAGRAPH_BREAK, False)
        if op == "append":
            target.getText().insertString(target, edit["text"], False)
    elif op == "italic":
        target.setPropertyValue("CharPosture", uno.Enum("com.sun.star.awt.FontSlant", "ITALIC"))
        target.setPropertyValue("CharPostureComplex", uno.Enum("com.sun.star.awt.FontSlant", "ITALIC"))
    else:
        raise ValueError(f"unknown op {op}")


def main() -> int:
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    proc, profile, desktop, ctx = start_office(spec.get("author", "Desk Editor"))
    status = 0
    try:
        for job in spec["jobs"]:
            # the document model alone, without a view: the comment sidebar of a view needs the Writer
            # UI files, which libreoffice-writer-nogui does not ship (soffice aborts on the first comment)
            work = os.path.join(profile, os.path.basename(job["input"]))
            shutil.copy(job["input"], work)
            doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
            doc.load((prop("URL", uno.systemPathToFileUrl(work)), prop("FilterName", "MS Word 2007 XML")))
            try:
                doc.RecordChanges = bool(job.get("track", True))
                for edit in job["edits"]:
                    apply(doc, edit)
                out = uno.systemPathToFileUrl(os.path.abspath(job["output"]))
                doc.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"), prop("Overwrite", True)))
                print(f"uno_edit: {job['output']}: {len(job['edits'])} edit(s)")
            except Exception as exc:  # reported per job, the others still run
                print(f"uno_edit: {job['input']}: {type(exc).__name__}: {exc}", file=sys.stderr)
                status = 1
            finally:
                doc.close(True)
    finally:
        stop_office(proc, profile, desktop)
    return status


if __name__ == "__main__":
    sys.exit(main())
