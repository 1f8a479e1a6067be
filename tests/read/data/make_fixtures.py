#!/usr/bin/env python3
"""Writes the reader test fixtures in this directory (tests/read/data/README.md).

Everything is generated from the texts below with the Python standard library: a small
PDF writer (Helvetica text objects, an image XObject for the scanned page, a ToUnicode
CMap into the private-use area for the unmappable font), zipfile for DOCX/ODT. Only
encrypted.pdf needs a tool: qpdf (Debian package qpdf), run when it is installed.
The fixtures are committed; the tests do not run this script.
"""
import os
import shutil
import subprocess
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

NAME = "Jane Doe"
TITLE = "Senior Data Engineer"
CONTACT = "jane.doe@example.com | +1 555 0100"
SUMMARY = "Data engineer with eight years building pipelines in Python and SQL."
JOBS = [
    ("Acme Analytics", "Senior Data Engineer", "2019", "present", [
        "Built streaming pipelines with Apache Kafka and Apache Spark on AWS.",
        "Deployed services with Docker and Kubernetes; orchestrated jobs with Airflow.",
    ]),
    ("Globex", "Data Engineer", "2015", "2019", [
        "Maintained PostgreSQL and Snowflake warehouses; wrote dbt models.",
        "Trained forecasting models with scikit-learn and pandas.",
    ]),
]
EDUCATION = "M.Sc. in Computer Science, State University, 2015"
SKILLS = ["Python", "SQL", "Scala", "Terraform", "Git", "Tableau"]


def job_line(job):
    return f"{job[1]}, {job[0]}, {job[2]} - {job[3]}"


def resume_lines():
    """The resume as (kind, text) lines; kind is 'h' for a heading."""
    lines = [("p", NAME), ("p", TITLE), ("p", CONTACT), ("h", "Summary"), ("p", SUMMARY),
             ("h", "Experience")]
    for job in JOBS:
        lines.append(("p", job_line(job)))
        lines += [("li", b) for b in job[4]]
    lines += [("h", "Education"), ("p", EDUCATION), ("h", "Skills"), ("p", ", ".join(SKILLS))]
    return lines


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)


# --- text ----------------------------------------------------------------------------
def text_resume():
    out = []
    for kind, text in resume_lines():
        out.append(("- " if kind == "li" else "") + text)
    return "\n".join(out) + "\n"


# --- PDF -----------------------------------------------------------------------------
def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages, font="helv", image=False):
    """pages: list of lists of (x, y, size, text). Returns PDF bytes with a correct xref."""
    objects = []  # bodies, object number = index + 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    if font == "helv":
        font_obj = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                       b"/Encoding /WinAnsiEncoding >>")
    else:  # every code maps to the private-use area: text a reader cannot map
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                b"/CMapName /PUA def 1 begincodespacerange <00> <FF> endcodespacerange\n"
                b"1 beginbfrange <20> <7E> <E020> endbfrange\nendcmap\n"
                b"CMapName currentdict /CMap defineresource pop end end\n")
        cmap_obj = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        font_obj = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                       b"/ToUnicode %d 0 R >>" % cmap_obj)
    image_obj = None
    if image:
        pixels = zlib.compress(bytes((x * 7 + y * 13) % 256 for y in range(64) for x in range(64)))
        image_obj = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 "
                        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
                        b"/Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    page_objs = []
    for lines in pages:
        ops = []
        if image:
            ops.append("q 500 0 0 700 50 50 cm /Im1 Do Q")
        for x, y, size, text in lines:
            ops.append(f"BT /F1 {size} Tf {x} {y} Td ({pdf_escape(text)}) Tj ET")
        stream = "\n".join(ops).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        resources = b"<< /Font << /F1 %d 0 R >>" % font_obj
        if image_obj:
            resources += b" /XObject << /Im1 %d 0 R >>" % image_obj
        resources += b" >>"
        page_objs.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                             b"/Resources " % pages_obj + resources +
                             b" /Contents %d 0 R >>" % content))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    kids = b" ".join(b"%d 0 R" % p for p in page_objs)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_objs)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, xref))
    return bytes(out)


def pdf_resume_lines():
    """The resume laid out on one page; "Kubernetes" is hyphenated across a line break."""
    y = 740
    lines = []
    for kind, text in resume_lines():
        size = 14 if kind == "h" else 10
        if kind == "li":
            text = "- " + text
        if "Kubernetes" in text:
            head, tail = text.split("Kubernetes", 1)
            lines.append((60, y, size, head + "Kuber-"))
            y -= 14
            lines.append((60, y, size, "netes" + tail))
        else:
            lines.append((60 if kind != "h" else 50, y, size, text))
        y -= 20 if kind == "h" else 14
    return lines


def two_column_lines():
    """A header across the page, then Experience on the left and Skills/Education on the
    right at the same heights, as resume templates lay them out."""
    lines = [(50, 750, 16, NAME), (50, 730, 10, TITLE + " - " + CONTACT)]
    left = ["Experience"]
    for job in JOBS:
        left.append(f"{job[1]}, {job[0]}")
        for b in job[4]:  # each bullet wraps onto a second line
            cut = b.rfind(" ", 0, 40)
            left += ["- " + b[:cut], "  " + b[cut + 1:]]
    right = ["Skills"] + SKILLS + ["Education", "M.Sc. Computer Science", "State University"]
    y = 700
    for i in range(max(len(left), len(right))):
        if i < len(left):
            lines.append((50, y, 9, left[i]))
        if i < len(right):
            lines.append((340, y, 9, right[i]))
        y -= 13
    return lines


# --- DOCX ----------------------------------------------------------------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_NS = (W + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
           ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
           ' xmlns:v="urn:schemas-microsoft-com:vml"')


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def w_par(text, style=None, listed=False):
    ppr = ""
    if style or listed:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if listed:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        ppr += "</w:pPr>"
    # Split each paragraph into two runs mid-word, as Word does after an edit, with the
    # space preserved in its own run: the reader must join runs without adding spaces.
    mid = len(text) // 2
    runs = (f'<w:r><w:t xml:space="preserve">{xml_escape(text[:mid])}</w:t></w:r>'
            f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{xml_escape(text[mid:])}</w:t></w:r>')
    return f"<w:p>{ppr}{runs}</w:p>"


def docx_bytes(body_xml, header_text=None, extra=None):
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/>'
              '<w:basedOn w:val="Heading1"/></w:style></w:styles>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {DOCX_NS}><w:body>{body_xml}<w:sectPr/></w:body></w:document>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document,
        "word/styles.xml": styles,
    }
    if header_text:
        files["word/header1.xml"] = (f'<?xml version="1.0"?><w:hdr {W}>{w_par(header_text)}</w:hdr>')
    files.update(extra or {})
    path = os.path.join(HERE, ".tmp.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in files.items():
            z.writestr(name, data)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def docx_resume():
    body = [w_par(TITLE), w_par(CONTACT), w_par("Summary", "Heading1"), w_par(SUMMARY),
            w_par("Experience", "MyHeading")]
    for job in JOBS:
        body.append(w_par(job_line(job)))
        body += [w_par(b, listed=True) for b in job[4]]
    body.append(w_par("Education", "Heading1"))
    # The education line sits in a text box; Word writes it twice (DrawingML choice and
    # a VML fallback), and the reader must read it once.
    box = f"<w:txbxContent>{w_par(EDUCATION)}</w:txbxContent>"
    body.append("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                f"<wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                f"<v:textbox>{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent>"
                "</w:r></w:p>")
    body.append(w_par("Skills", "Heading1"))
    cells = "".join(f"<w:tc>{w_par(s)}</w:tc>" for s in SKILLS)
    body.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
    return docx_bytes("".join(body), header_text=NAME)


# --- ODT -----------------------------------------------------------------------------
def odt_bytes(content_body, encrypted=False):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               f'office:version="1.2"><office:body><office:text>{content_body}'
               "</office:text></office:body></office:document-content>")
    manifest = ('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                + ('<manifest:encryption-data manifest:checksum-type="SHA1"/>' if encrypted else "")
                + "</manifest:file-entry></manifest:manifest>")
    path = os.path.join(HERE, ".tmp.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("content.xml", content if not encrypted else os.urandom(64), zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def odt_resume():
    parts = []
    for kind, text in resume_lines():
        t = xml_escape(text)
        if kind == "h":
            parts.append(f'<text:h text:outline-level="1">{t}</text:h>')
        elif kind == "li":
            parts.append(f"<text:list><text:list-item><text:p>{t}</text:p></text:list-item></text:list>")
        else:
            parts.append(f"<text:p>{t.replace('  ', ' <text:s/>')}</text:p>")
    return odt_bytes("".join(parts))


# --- HTML ----------------------------------------------------------------------------
def html_resume():
    out = ["<!DOCTYPE html><html><head><title>CV of someone else</title>",
           "<style>body { font-family: Java; } .x::after { content: 'Rust'; }</style>",
           "<script>var skills = ['Haskell', 'Erlang']; document.write('<p>COBOL</p>');</script>",
           "</head><body><header><h1>Jane&nbsp;Doe</h1><p>" + TITLE + "</p><p>" +
           CONTACT.replace("|", "&#124;") + "</p></header>"]
    out.append("<h2>Summary</h2><p>" + SUMMARY + "</p><h2>Experience</h2>")
    for job in JOBS:
        out.append("<div><b>" + job[1] + "</b>, " + job[0] + ", " + job[2] + " &ndash; " +
                   job[3] + "<ul>")
        out += ["<li>" + xml_escape(b) + "</li>" for b in job[4]]
        out.append("</ul></div>")
    out.append("<h2>Education</h2><p>" + EDUCATION + "</p>")
    out.append("<h2>Skills</h2><table><tr>" + "".join(f"<td>{s}</td>" for s in SKILLS) +
               "</tr></table><noscript>Enable JavaScript</noscript></body></html>")
    return "\n".join(out)


# --- JSON Resume ---------------------------------------------------------------------
def json_resume():
    import json
    doc = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {"name": NAME, "label": TITLE, "email": "jane.doe@example.com",
                   "phone": "+1 555 0100", "summary": SUMMARY,
                   "location": {"city": "Springfield", "countryCode": "US"}},
        "work": [{"name": j[0], "position": j[1], "startDate": j[2],
                  "endDate": "" if j[3] == "present" else j[3], "highlights": j[4]} for j in JOBS],
        "education": [{"institution": "State University", "area": "Computer Science",
                       "studyType": "M.Sc.", "endDate": "2015"}],
        "skills": [{"name": "Engineering", "keywords": SKILLS}],
    }
    return json.dumps(doc, indent=2) + "\n"


def main():
    txt = text_resume()
    write("resume.txt", txt)
    write("resume.md", "# Jane Doe\n\n## Experience\n\nBuilt pipelines with Apache Kafka.\n\n"
          "## Technical Skills\n\nPython, SQL\n")
    # Encodings: the same sentence with characters each charset must carry.
    sample = "Résumé of Zoë Müller \u2013 \u201cdata engineer\u201d, Zürich; Python\u2019s fan.\n"
    write("utf16le_bom.txt", b"\xff\xfe" + sample.encode("utf-16-le"))
    write("utf16be_bom.txt", b"\xfe\xff" + sample.encode("utf-16-be"))
    write("utf8_bom.txt", b"\xef\xbb\xbf" + sample.encode("utf-8"))
    write("cp1252.txt", (sample * 3).encode("cp1252"))
    latin1 = "Curriculum vitae de José Núñez, ingénieur à Genève. Compétences: Python, SQL.\n"
    write("latin1.txt", (latin1 * 3).encode("latin-1"))
    write("empty.txt", b"")
    write("binary.dat", bytes(range(256)) * 4)

    write("resume.pdf", make_pdf([pdf_resume_lines()]))
    write("two_column.pdf", make_pdf([two_column_lines()]))
    write("scanned.pdf", make_pdf([[]], image=True))
    write("unmappable.pdf", make_pdf([[(60, 700 - 14 * i, 11, SUMMARY) for i in range(10)]],
                                     font="pua"))
    write("three_pages.pdf", make_pdf([[(60, 700, 12, f"Page {i + 1}: Python and SQL")]
                                       for i in range(3)]))
    pdf = make_pdf([pdf_resume_lines()])
    write("truncated.pdf", pdf[: len(pdf) * 6 // 10])
    write("corrupt.pdf", b"%PDF-1.7\n" + bytes((i * 37) % 251 for i in range(2000)))
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--",
                        os.path.join(HERE, "resume.pdf"), os.path.join(HERE, "encrypted.pdf")],
                       check=True)

    docx = docx_resume()
    write("resume.docx", docx)
    write("docx_named.pdf", docx)          # mislabelled: DOCX content, .pdf name
    write("pdf_named.txt", make_pdf([pdf_resume_lines()]))  # mislabelled the other way
    write("truncated.docx", docx[: len(docx) // 2])
    # A zip bomb in miniature: 8 MiB of XML that deflates to a few KB.
    bomb = "<w:p><w:r><w:t>" + "A" * (8 << 20) + "</w:t></w:r></w:p>"
    write("zip_bomb.docx", docx_bytes(bomb))
    write("many_entries.docx", docx_bytes(w_par("Python"),
                                          extra={f"word/media/x{i}.xml": "" for i in range(60)}))
    write("bad_xml.docx", docx_bytes("<w:p><w:r><w:t>Python</w:r></w:p>"))
    # A password-protected Word file is an OLE compound file with an EncryptedPackage
    # stream; this is the part of one that the sniffer looks at (header and directory
    # entry name), not a complete file.
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    ole += "EncryptedPackage".encode("utf-16-le") + b"\0" * 494
    write("encrypted.docx", bytes(ole))
    write("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016)
    path = os.path.join(HERE, ".tmp.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    shutil.move(path, os.path.join(HERE, "sheet.xlsx"))

    write("resume.odt", odt_resume())
    write("encrypted.odt", odt_bytes("", encrypted=True))
    write("resume.html", html_resume())
    write("resume.json", json_resume())
    write("broken.json", json_resume()[:200])
    write("resume.rtf", "{\\rtf1\\ansi Jane Doe\\par Python\\par}\n")
    write("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    write("cp1252.html", ("<html><head><meta charset=\"windows-1252\"></head><body>"
                          "<p>\u201cCaf\u00e9\u201d &amp; Python\u2019s <b>pandas</b></p>"
                          "</body></html>").encode("cp1252"))


if __name__ == "__main__":
    main()
