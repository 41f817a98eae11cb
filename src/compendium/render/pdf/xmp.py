"""One file that is PDF/A-2 and PDF/UA-1: the PDF/UA identification added to WeasyPrint's PDF/A XMP.

WeasyPrint writes one variant at a time. Its `pdf/a-2a` variant gives what PDF/A needs (XMP with
`pdfaid`, sRGB output intent from the sRGB2014.icc profile it ships, trailer /ID, printable
annotations) and the tags PDF/UA needs; PDF/UA-1 adds `pdfuaid:part` to the XMP, which PDF/A
accepts only with an extension schema describing that property (ISO 19005-2, 6.6.2.3).
"""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
EXTENSION = f"""<rdf:Description xmlns:rdf="{RDF}" rdf:about=""
  xmlns:pdfuaid="{PDFUAID}" pdfuaid:part="1"
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>{PDFUAID}</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""
PREFIXES = {"x": "adobe:ns:meta/", "rdf": RDF, "pdfuaid": PDFUAID, "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
            "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
            "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#", "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
            "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
            "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/"}
PACKET_START = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
PACKET_END = b'\n<?xpacket end="w"?>'


def add_pdfua_identification(pdf: Any) -> None:
    """Add PDF/UA-1 identification (with its extension schema) to the XMP metadata of WeasyPrint's
    PDF objects (pydyf), before it writes them."""
    from .streams import content, deref
    ref = pdf.catalog.get("Metadata")
    if ref is None:
        return
    stream = deref(pdf, ref)
    xml = content(stream)                 # not compressed yet: pydyf compresses while writing
    start, end = xml.index(b"<x:xmpmeta"), xml.rindex(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    meta = ET.fromstring(xml[start:end])
    rdf = meta.find(f"{{{RDF}}}RDF")
    if rdf is None or any(d.get(f"{{{PDFUAID}}}part") for d in rdf):
        return
    rdf.append(ET.fromstring(EXTENSION))
    for prefix, uri in PREFIXES.items():         # the prefixes PDF/A requires, not ns0, ns1 …
        ET.register_namespace(prefix, uri)
    body = ET.tostring(meta, encoding="utf-8", xml_declaration=False)
    stream.compress = False
    stream.stream = [PACKET_START + body + PACKET_END]
