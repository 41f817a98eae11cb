"""The PDF edition: Jinja2 HTML and CSS laid out by WeasyPrint (`writer`), the template filters
(`filters`) and the footnote placement pass and page labels (`pages`)."""
