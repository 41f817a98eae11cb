"""Readers: documents outside the corpus read into blocks. `ooxml` reads any DOCX package (the
editions edited in Word, which `absorb` aligns with the corpus by id; ODS documents); `untext` and
`undocx` turn UN documents (the text extracted from a PDF, DOCX as the Official Document System
distributes it) into a `Document` of typed blocks (see `blocks`) for `compendium import`."""
from __future__ import annotations

from pathlib import Path

from ..errors import CompendiumError
from .blocks import Document


def read_document(path: Path, display: str | None = None) -> Document:
    """Read a UN document, choosing the reader by what the file holds (not by its name)."""
    name = display or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CompendiumError("file not found", name, hint="check the path") from None
    except IsADirectoryError:
        raise CompendiumError("is a folder, not a document", name, hint="name the .txt or .docx file") from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror}", name) from None
    if data.startswith(b"PK\x03\x04"):
        from .undocx import read_docx
        return read_docx(path, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CompendiumError("this is an old Word .doc file, not DOCX", name,
                              hint="save it as .docx (soffice --headless --convert-to docx FILE.doc)")
    from .untext import read_text
    return read_text(data, name)
