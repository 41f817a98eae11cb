"""The DOCX edition: python-docx over templates/reference.docx (`writer`) and the raw
WordprocessingML helpers it needs (`oxml`)."""
