"""A rendered document is an ordinary file of the user's: permissions under their umask (not a temporary file's 0600),
and the creation date of the act it records (not ReportLab's invariant 2000-01-01)."""

from __future__ import annotations

import os
import stat
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents import documents
from workbench.services.support.context import Actor
from workbench.services.support.output_files import write_bytes

TODAY = date(2025, 3, 3)


@pytest.fixture
def umask_027():
    before = os.umask(0o027)
    yield
    os.umask(before)


def test_a_written_file_takes_the_users_umask_and_a_replaced_one_keeps_its_mode(tmp_path, umask_027):
    out = write_bytes(tmp_path / "report.csv", b"a,b\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    out.chmod(0o604)
    write_bytes(out, b"a,b,c\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o604 and out.read_bytes() == b"a,b,c\n"


def test_a_pdf_and_a_word_file_carry_the_documents_date_and_ordinary_permissions(ws, tmp_path, umask_027):
    actor = Actor("tester", TODAY)
    create_demo_projects(ws, actor)
    pdf = documents.render(ws, "registration-application", "VN-OFW-01", "en", tmp_path / "reg.pdf", TODAY)
    info = PdfReader(pdf).metadata
    assert info["/CreationDate"].startswith("D:20250303") and info["/ModDate"].startswith("D:20250303")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o640
    again = documents.render(ws, "registration-application", "VN-OFW-01", "en", tmp_path / "reg2.pdf", TODAY)
    assert again.read_bytes() == pdf.read_bytes()  # still the same bytes for the same document
    word = documents.export_docx(ws, "registration-application", "VN-OFW-01", "en", tmp_path / "reg.docx", TODAY)
    assert docx.Document(str(word)).core_properties.created.date() == TODAY
