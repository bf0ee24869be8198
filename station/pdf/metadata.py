"""Who, what and when for a component PDF: document info and a matching XMP packet.

The same values go to both places (PDF/A wants them in sync). Dossier code, procedure,
component, station and clerk are also stored as custom keys: /SoHoa... in the info dictionary and,
outside PDF/A, sohoa:... properties in XMP. A PDF/A file carries them in predefined properties
only (dc:identifier, dc:subject, dc:creator): an extension schema is valid PDF/A, but allowlist
validators such as pikepdf.pdfa refuse any namespace PDF/A does not predefine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

PRODUCER = "SoHoa Station"
XMP_NAMESPACE = "urn:sohoa-station:ns:dossier:1.0/"
XMP_PREFIX = "sohoa"


@dataclass(frozen=True)
class PdfMetadata:
    dossier_code: str
    procedure: str
    component: str
    station: str
    clerk: str
    scan_time: datetime  # naive times are taken as the station's local time
    title: str = ""

    def display_title(self) -> str:
        if self.title:
            return self.title
        return " - ".join(part for part in (self.dossier_code, self.component) if part)

    def subject(self) -> str:
        return (
            f"Mã hồ sơ / Dossier: {self.dossier_code}; Thủ tục / Procedure: {self.procedure}; "
            f"Thành phần / Component: {self.component}"
        )

    def keywords(self) -> str:
        parts = (self.dossier_code, self.procedure, self.component, self.station)
        return "; ".join(part for part in parts if part)

    def subject_terms(self) -> list[str]:
        """dc:subject: what a search for the dossier, procedure or component should find."""
        return [part for part in (self.dossier_code, self.procedure, self.component) if part]

    def custom(self) -> dict[str, str]:
        """Custom fields by their XMP local name; the info key is "SoHoa" + the same name."""
        return {
            "DossierCode": self.dossier_code,
            "Procedure": self.procedure,
            "Component": self.component,
            "Station": self.station,
            "Clerk": self.clerk,
        }

    def aware_scan_time(self) -> datetime:
        return self.scan_time if self.scan_time.tzinfo else self.scan_time.astimezone()


def pdf_date(moment: datetime) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' as PDF (and PDF/A) wants it."""
    offset = moment.utcoffset()
    text = f"D:{moment.year:04d}{moment.strftime('%m%d%H%M%S')}"
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{text}{sign}{hours:02d}'{minutes:02d}'"


def xmp_date(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def info_entries(metadata: PdfMetadata) -> dict[str, str]:
    """Document information dictionary entries, by key name without the slash."""
    when = pdf_date(metadata.aware_scan_time())
    entries = {
        "Title": metadata.display_title(),
        "Author": metadata.clerk,
        "Subject": metadata.subject(),
        "Keywords": metadata.keywords(),
        "Creator": PRODUCER,
        "Producer": PRODUCER,
        "CreationDate": when,
        "ModDate": when,  # the file is made from this scan: the same moment, so output repeats
    }
    entries.update({f"SoHoa{name}": value for name, value in metadata.custom().items()})
    # The same text as the XMP packet carries, so the two stay in sync (PDF/A checks they do).
    return {key: _printable(value) for key, value in entries.items()}


def xmp_packet(metadata: PdfMetadata, pdfa: bool) -> bytes:
    when = xmp_date(metadata.aware_scan_time())
    text = _escape
    properties = [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(metadata.display_title())}'
        "</rdf:li></rdf:Alt></dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{text(metadata.clerk)}</rdf:li></rdf:Seq></dc:creator>",
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(metadata.subject())}'
        "</rdf:li></rdf:Alt></dc:description>",
        f"<dc:identifier>{text(metadata.dossier_code)}</dc:identifier>",
        f"<dc:subject><rdf:Bag>{_list_items(metadata.subject_terms())}</rdf:Bag></dc:subject>",
        f"<pdf:Keywords>{text(metadata.keywords())}</pdf:Keywords>",
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>",
        f"<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
    ]
    namespaces = [
        'xmlns:dc="http://purl.org/dc/elements/1.1/"',
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ]
    if pdfa:
        namespaces.append('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"')
        properties += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    else:
        namespaces.append(f'xmlns:{XMP_PREFIX}="{XMP_NAMESPACE}"')
        properties += [
            f"<{XMP_PREFIX}:{name}>{text(value)}</{XMP_PREFIX}:{name}>"
            for name, value in metadata.custom().items()
        ]
    body = "\n   ".join(properties)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'  <rdf:Description rdf:about="" {" ".join(namespaces)}>\n'
        f"   {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n" + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>'
        # Room to edit the packet in place, as XMP writers leave.
    )
    return packet.encode("utf-8")


def _list_items(values: list[str]) -> str:
    return "".join(f"<rdf:li>{_escape(value)}</rdf:li>" for value in values)


def _printable(value: str) -> str:
    # XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF, even
    # escaped (and a lone surrogate cannot even be encoded as UTF-8): drop them.
    return "".join(ch for ch in value if ch in "\t\n\r" or _xml_char(ord(ch)))


def _xml_char(code: int) -> bool:
    return 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE or code >= 0x10000


def _escape(value: str) -> str:
    return escape(_printable(value))
