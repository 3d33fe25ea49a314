"""The executed notebooks, the self-contained report in a real headless Chromium,
and Snakemake's own report (all on the quick build)."""

import html
import json
from html.parser import HTMLParser
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from lstm_toys.registry import KINDS
from lstm_toys.validation import effective_config

import chromium
from conftest import REPO, snakemake

pytestmark = pytest.mark.workflow



def experiments():
    return sorted(effective_config(REPO)["experiments"])


def test_every_experiment_has_an_executed_notebook_without_timestamps(quick_tree):
    results = quick_tree / "results"
    assert sorted(p.stem for p in (results / "notebooks").glob("*.ipynb")) == experiments()
    for path in (results / "notebooks").glob("*.ipynb"):
        book = json.loads(path.read_text())
        assert "start_time" not in book["metadata"]["papermill"] and "execution" not in book["cells"][2]["metadata"]
        assert all(cell["metadata"]["papermill"]["status"] == "completed" for cell in book["cells"] if cell["cell_type"] == "code")
        html = (results / "report" / "notebooks" / f"{path.stem}.html").read_text()
        assert "<script" not in html and "cdnjs" not in html  # opens offline
        assert "What the write-up observed, and what the pipeline measured" in html
        images = re.findall(r"<img [^>]*src=[\"']data:image/(?:png|gif);base64,", html)
        figures = [f for f in (results / "figures" / path.stem).iterdir() if f.suffix in (".png", ".gif")]
        assert len(images) == len(figures) + 2  # and its own two plots: the claims over replicates, the losses
        assert "read_csv" in html and "subplots" in html  # the cells a reader changes, shown (highlighted)


def test_every_headline_metric_of_a_kind_is_measured(quick_tree):
    """The metrics a kind's notebook shows first exist in its experiments' metrics files."""
    from lstm_toys.data.documents import read_document
    from lstm_toys.presentation import notebook

    blocks = effective_config(REPO)["experiments"]
    for kind in sorted(KINDS):
        measured = set()
        for experiment in (e for e, block in blocks.items() if block["kind"] == kind):
            for path in (quick_tree / "results" / "metrics" / experiment).glob("*/r*.json"):
                measured |= {name for scores in read_document(path).values() for name in scores}
        assert set(notebook.story(kind).headline_metrics) <= measured, kind


def test_a_failing_cell_fails_the_notebook_job_with_its_error_in_the_log(built_copy):
    claims = built_copy / "results" / "claims" / "s2v_amplitude.json"
    written = claims.stat()
    claims.write_text(claims.read_text()[:40])  # truncated JSON: the notebook's loading cell raises
    # its old time, so that only the forced notebook runs (not the claims' figure, which reads it too)
    os.utime(claims, ns=(written.st_atime_ns, written.st_mtime_ns))
    result = snakemake(built_copy, "results/notebooks/s2v_amplitude.ipynb", "--forcerun", "notebook", check=False)
    assert result.returncode != 0
    log = (built_copy / "results" / "logs" / "notebook" / "s2v_amplitude.log").read_text()
    assert "PapermillExecutionError" in log and "results/claims/s2v_amplitude.json: not valid JSON" in log
    assert not (built_copy / "results" / "notebooks" / "s2v_amplitude.ipynb").exists()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not chromium.installed():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs the Debian packages chromium and chromium-driver")
        pytest.skip("needs the Debian packages chromium and chromium-driver")
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    chromium.set_viewport(driver, *chromium.DESKTOP)
    yield driver
    driver.quit()


def open_page(browser, path: Path) -> dict:
    """Open a file in Chromium: its images (loaded or not) and console messages."""
    browser.get(path.as_uri())
    images = browser.execute_script(
        "return Array.from(document.images).map(i => ({src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0}))"
    )
    return {"images": images, "console": browser.get_log("browser"), "title": browser.title}


class Addresses(HTMLParser):
    """Every ``src`` and ``href`` of a page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("src", "href") and value]


def addresses(path: Path) -> list:
    parser = Addresses()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture
def offline(browser):
    """The browser with its network off (DevTools' network emulation), for one test."""
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield browser
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_the_report_opens_offline_in_chromium_with_every_image_loaded(quick_tree, offline, tmp_path):
    browser = offline
    assert browser.execute_script("return navigator.onLine") is False
    report = quick_tree / "results" / "report"
    # the report folder is self-contained: a copy elsewhere still opens completely
    copy = shutil.copytree(report, tmp_path / "report")
    for page_file in [copy / "index.html", *sorted((copy / "notebooks").glob("*.html"))]:
        network = [a for a in addresses(page_file) if a.startswith(("http:", "https:", "//", "ftp:"))]
        assert not network, (page_file.name, network)  # nothing to fetch, not even a style sheet
    page = open_page(browser, copy / "index.html")
    assert all(image["src"].startswith("data:image/") for image in page["images"]), page["images"]
    claims_figures = list((quick_tree / "results" / "claims").glob("*.png"))
    assert len(claims_figures) == len(experiments())
    figures = [f for f in (quick_tree / "results" / "figures").glob("*/*") if f.suffix in (".png", ".gif")]
    assert len(page["images"]) == len(figures) + len(claims_figures)  # the two animations among them
    assert all(image["ok"] for image in page["images"]), page["images"]
    assert page["console"] == []
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    links = browser.execute_script("return Array.from(document.querySelectorAll('a[href$=\".html\"]')).map(a => a.href)")
    assert len(set(links)) == len(experiments())
    for link in sorted(set(links)):
        notebook = open_page(browser, Path(link.removeprefix("file://")))
        assert notebook["images"] and all(image["ok"] for image in notebook["images"]), link
        assert notebook["console"] == [], link


def test_snakemakes_own_report_has_every_figure_and_a_caption_per_kind(built_copy):
    snakemake(built_copy, "--report", "snakemake-report.zip")
    with zipfile.ZipFile(built_copy / "snakemake-report.zip") as archive:
        names = archive.namelist()
        page = archive.read("snakemake-report/report.html").decode()
    figures = list((built_copy / "results" / "figures").glob("*/*.png"))
    assert sum(name.endswith(".png") for name in names) == len(figures) + len(experiments())  # and the claims' strips
    pages = list((built_copy / "results" / "figures").glob("*/*.gif.html"))
    assert len(pages) == 2  # the two animations, each shown by a page
    assert sum(name.endswith(".html") for name in names) == len(experiments()) + 1 + len(pages)  # notebooks, the report
    text = html.unescape(page)
    plots = {name: plot for kind in KINDS.values() for name, plot in kind.load("plots").items()}
    assert len(plots) == 17
    for name, plot in plots.items():
        assert f"({name.replace('_', ' ')})" in text, name
        assert " ".join(plot.caption.split()[:6]) in text, name  # the plot's own sentence
    assert "over its replicates: one strip" in text  # the caption of the claims' figures


# What a reader sees of the page at a desktop's and a phone's size
LAYOUT = """
const root = document.documentElement;
const badges = Array.from(document.querySelectorAll('#held-up .badge')).map(b => b.getBoundingClientRect());
const figures = Array.from(document.querySelectorAll('figure.zoomable img'));
const preview = document.getElementById('preview');
const warning = preview && preview.checkVisibility() ? preview.getBoundingClientRect() : null;
return {previewTop: warning && warning.height > 0 ? warning.top : null,
        scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
        badges: badges.length, badgesOutside: badges.filter(r => r.left < 0 || r.right > root.clientWidth).length,
        firstBadgeTop: badges.length ? badges[0].top : null,
        narrowFigures: figures.filter(i => i.getBoundingClientRect().width < 0.66 * i.naturalWidth).map(i => i.alt),
        figures: figures.length};
"""


@pytest.mark.parametrize("size", [chromium.DESKTOP, chromium.PHONE], ids=["1280x800", "390x844"])
def test_the_report_fits_the_window_warns_of_a_preview_first_and_keeps_badges_and_figures_readable(quick_tree, browser, size):
    chromium.set_viewport(browser, *size, mobile=size == chromium.PHONE)
    try:
        browser.get((quick_tree / "results" / "report" / "index.html").as_uri())
        page = browser.execute_script(LAYOUT)
        zoomed = browser.execute_script(
            "const f = document.querySelector('figure.zoomable'); f.click();"
            "const on = f.classList.contains('zoomed'); f.click(); return [on, f.classList.contains('zoomed')];")
    finally:
        chromium.set_viewport(browser, *chromium.DESKTOP)
    assert page["scrollWidth"] <= page["clientWidth"] <= size[0], page  # no sideways scrolling
    verdicts = sum(len(json.loads(p.read_text())["claims"]) for p in (quick_tree / "results" / "claims").glob("*.json"))
    assert page["badges"] == verdicts and page["badgesOutside"] == 0, page
    if size == chromium.DESKTOP:
        assert page["firstBadgeTop"] < size[1], page  # the first verdict is on the first screen
    # the quick config is a preview: its warning shows above the first verdict
    assert page["previewTop"] is not None and page["previewTop"] < page["firstBadgeTop"], page
    # every panel of a figure (450 px drawn) at two thirds of its size or more: 300 px
    assert page["figures"] and page["narrowFigures"] == [], page
    assert zoomed == [True, False]  # a click opens a figure at full size, another closes it
