"""An import's last line adds up: questions read = written + left out, also when a question
is left out by the project's checks after it was read (it was counted twice: QCM.xml said
13 read, 9 written, 3 left out)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from builder.cli.main import main
from tests.lmskit import lms_project
from tests.test_real_imports import CORPUS

SUMMARY = re.compile(r"(\d+) question\(s\) read, (\d+) written.*?, (\d+) left out")


def test_read_is_written_plus_left_out(tmp_path: Path) -> None:
    project = lms_project(tmp_path)
    cloze = tmp_path / "cloze.xml"
    cloze.write_text('<quiz><question type="cloze"><name><text>c</text></name><questiontext>'
                     '<text>{1:MC:=&lt;img src="gone.png"&gt;~b} {1:SA:=x}</text>'
                     "</questiontext></question></quiz>", encoding="utf-8")
    for bank, file in (("qcm", CORPUS / "moodle-xml" / "amc2moodle" / "QCM.xml"),
                       ("cloze", cloze)):
        result = CliRunner().invoke(main, ["import", "moodle", str(file), "--bank", bank,
                                           "-p", str(project)])
        assert result.exit_code == 0, result.output
        read, written, left = map(int, SUMMARY.search(result.output).groups())
        assert "left out: " in result.output and read == written + left, result.output
    assert "question 'c-gap1': options[0].text: is empty" in result.output
    assert "2 question(s) read, 1 written" in result.output
