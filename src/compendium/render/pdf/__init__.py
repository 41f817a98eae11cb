"""The PDF edition: Jinja2 HTML and CSS laid out by WeasyPrint.

writer       the book as HTML, laid out and written (`render`, `render_counted`)
filters      the template filters
pages        the footnote placement pass and the page labels
strict       style sheets checked, WeasyPrint's warnings made errors with file and line
fonts        the font check after layout and the font set-up of the manifest; fontconfig: asked directly
tags         the structure tree, written with WeasyPrint's objects: tagmodel (its nodes and marks),
             tagcollect (the walk of the laid-out boxes), markedcontent (WeasyPrint's streams
             rewritten), tablecells (the cells' /A), structelems (the StructElem dictionaries); xmp:
             PDF/UA's id; streams: every stream compressed once, none ending in CR
printfile    the printer's file (PDF/X-4): crop marks in CMYK, reproducible ids
"""
