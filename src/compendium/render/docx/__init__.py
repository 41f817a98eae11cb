"""The DOCX edition: python-docx over templates/reference.docx (`writer`, built from document, runs,
comments, inline, blocks, index_table and styles), the template checked and opened (`reference`)
and the raw WordprocessingML helpers (`oxml`)."""
