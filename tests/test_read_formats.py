"""Files of every supported format and encoding read to the same document."""
import io
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from policykg.loaders import LoaderError, parse_file
from policykg.loaders.read import read_text

LINES = ["桓台县人民政府办公室", "桓政办发〔2013〕92号", "关于推进医改工作的通知", "各镇人民政府：",
         "现将有关事项通知如下。", "一、重点任务", "（一）巩固扩大基本医保覆盖面。参保率稳定在97%以上。（县卫生局负责）",
         "桓台县人民政府办公室", "2013年12月19日"]
TEXT = "\n".join(LINES) + "\n"


def check(path):
    (doc,) = parse_file(path).documents
    assert (doc.number, doc.issuer, doc.date) == ("桓政办发〔2013〕92号", "桓台县人民政府办公室", "2013-12-19")
    assert [t.leads[0].name for t in doc.tasks] == ["桓台县卫生局"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / f"notice-{encoding}.txt"
    path.write_bytes(TEXT.encode(encoding))
    check(path)


def test_html_page_with_chrome(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in LINES)
    page = (f"<html><head><title>门户网站</title><script>alert(1)</script></head><body>"
            f"<div class='nav-bar'>首页 政务公开</div><div class='article'>{body}</div>"
            f"<div id='footer'>版权所有 网站地图</div></body></html>")
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="gb18030")  # a GBK page: the encoding is detected, not assumed
    check(path)
    assert "门户网站" not in read_text(path)[0]


def test_docx(tmp_path):
    d = docx.Document()
    for line in LINES:
        d.add_paragraph(line)
    path = tmp_path / "notice.docx"
    d.save(path)
    check(path)


def test_pdf_with_text_layer(tmp_path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 10)
    for i, line in enumerate(LINES):
        c.drawString(30, 800 - 18 * i, line)
    c.save()
    check(path)


def test_format_is_read_from_the_bytes_not_the_name(tmp_path):
    d = docx.Document()
    for line in LINES:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "misnamed.txt"
    path.write_bytes(buf.getvalue())
    assert read_text(path)[1] == "docx"
    check(path)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"PK\x03\x04not really a zip", "zip"),
])
def test_unreadable_files_name_the_problem(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoaderError) as err:
        parse_file(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    with pytest.raises(LoaderError, match="no text layer"):
        parse_file(path)


WORD97 = Path(__file__).parent / "real" / "word97"


@pytest.mark.parametrize("name, title, line", [
    ("c0184.doc", "沈阳市城镇房屋安全保险制度工作方案", "一、工作目标"),  # 沈阳市房产局, 2024
    ("c0189.doc", "北京市商品房预售资金监督管理办法", "第一章 总则"),  # 北京市住建委, 征求意见稿 2023
])
def test_real_word97_files_are_read(name, title, line):
    """Real Word 97-2003 attachments as the sites publish them (olefile + the piece table)."""
    text, fmt = read_text(WORD97 / name)
    assert fmt == "ole-doc" and line in text.splitlines()
    (doc,) = parse_file(WORD97 / name).documents
    assert doc.title == title
