"""Maps opened in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import main

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"
)


@pytest.fixture(scope="module")
def ant_map(samples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("maps") / "ant.html"
    result = CliRunner().invoke(
        main, ["map", "Ant Group", "--depth", "2", "-o", str(out), "--db", str(samples_db)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_map_works_offline_and_its_filters_hide_edges(ant_map: Path, tmp_path: Path) -> None:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        errors: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
        page.goto(ant_map.as_uri())
        page.wait_for_function("window.kgSettled === true", timeout=60_000)
        labels = page.evaluate("nodes.get().map(n => n.label)")
        assert {"Ant Group", "Alibaba Group", "Jack Ma"} <= set(labels)
        total = page.evaluate("kgVisibleEdgeCount()")
        owns = page.evaluate("edges.get().filter(e => e.relation === 'OWNS').length")
        assert total > owns > 0
        page.uncheck("input.kg-rel[data-name=OWNS]")
        assert page.evaluate("kgVisibleEdgeCount()") == total - owns
        page.check("input.kg-rel[data-name=OWNS]")
        page.uncheck("input.kg-type[data-name=Person]")
        assert page.evaluate("kgVisibleEdgeCount()") < total
        page.check("input.kg-type[data-name=Person]")
        page.fill("#kg-until", "1999")
        page.dispatch_event("#kg-until", "change")
        assert page.evaluate("kgVisibleEdgeCount()") == 0
        for bad, why in (("banana", "use YYYY"), ("2021-13", "no such month or day")):
            page.fill("#kg-until", bad)
            page.dispatch_event("#kg-until", "change")
            status = page.inner_text("#kg-status")
            assert f"'{bad}' is not a date" in status and why in status and "(ignored)" in status
            assert page.evaluate("kgVisibleEdgeCount()") == total  # a bad bound filters nothing
            assert "kg-invalid" in page.get_attribute("#kg-until", "class")
        page.fill("#kg-until", "")
        page.dispatch_event("#kg-until", "change")
        assert "kg-invalid" not in (page.get_attribute("#kg-until", "class") or "")
        assert page.evaluate("kgFindEntity('ant financial')") == "ant-group"  # an alias
        assert page.evaluate("network.getSelectedNodes()") == ["ant-group"]
        assert page.evaluate("kgFindEntity('Zorblax')") is None
        assert "No entity on this map is named 'Zorblax'." in page.inner_text("#kg-found")
        tooltip = page.evaluate("edges.get().find(e => e.relation === 'OWNS').title")
        assert "fact " in tooltip and "/OWNS/" in tooltip  # the id kg reject takes
        assert "article(s)" in tooltip and "<" not in tooltip  # readable text, not markup
        shot = tmp_path / "ant.png"
        page.screenshot(path=str(shot))
        colours = page.evaluate(
            """() => { const c = document.querySelector('canvas');
                       const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       const seen = new Set();
                       for (let i = 0; i < d.length; i += 4000) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);
                       return seen.size; }"""
        )
        browser.close()
    assert not errors, errors
    assert not outside, outside
    assert colours > 3, "the canvas is blank"
    assert shot.stat().st_size > 10_000


def test_map_page_carries_legend_counts_and_focus(ant_map: Path) -> None:
    page = ant_map.read_text(encoding="utf-8")
    config = json.loads(
        page.split('id="kg-config" type="application/json">')[1].split("</script>")[0]
    )
    assert config["focus"] == "ant-group"
    assert {t["name"] for t in config["entityTypes"]} >= {"Company", "Person", "Regulator"}
    assert all(t["count"] > 0 for t in config["entityTypes"])
    assert 'src="http' not in page and 'href="http' not in page


def test_map_limits_and_bad_filters_are_clear(
    runner: CliRunner, samples_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "all.html"
    result = runner.invoke(main, ["map", "--all", "-o", str(whole), "--db", str(samples_db)])
    assert result.exit_code == 0 and whole.exists()
    monkeypatch.setattr("kg.outputs.mapview.MAX_NODES", 3)
    too_big = runner.invoke(main, ["map", "--all", "--db", str(samples_db)])
    assert too_big.exit_code == 1 and "more than the 3" in too_big.output
    bad = runner.invoke(main, ["map", "Ant Group", "--types", "BOGUS", "--db", str(samples_db)])
    assert bad.exit_code == 2 and "unknown type" in bad.output
    both = runner.invoke(main, ["map", "Ant Group", "--all", "--db", str(samples_db)])
    assert both.exit_code == 2
    unknown = runner.invoke(main, ["map", "Zorblax Corp", "--db", str(samples_db)])
    assert unknown.exit_code == 1 and "No entity named" in unknown.output


def test_map_reads_like_an_analysts_tool(ant_map: Path, tmp_path: Path) -> None:
    """Sized by degree, titled, labels legible, a click opens the neighbourhood with evidence,
    the time slider narrows and re-lays out, tooltips sit above the panels, PNG export."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(ant_map.as_uri())
        page.wait_for_function("window.kgSettled === true", timeout=60_000)
        assert page.title() == "Relationship map of Ant Group (2 steps around it)"
        assert page.inner_text("#kg-heading") == page.title()
        drawn = page.evaluate(
            """Object.values(network.body.nodes).filter(n => nodes.get(n.id))
                 .map(n => [n.id, n.options.size, n.options.font.size, nodes.get(n.id).degree])"""
        )
        size = {node: (radius, font, degree) for node, radius, font, degree in drawn}
        leaves = [v for v in size.values() if v[2] == 1]
        assert leaves and size["ant-group"][0] > max(v[0] for v in leaves)  # by degree
        assert min(font for _, font, _ in size.values()) >= 14  # legible at the default zoom
        assert page.evaluate("network.body.edges[edges.getIds()[0]].options.font.size") == 0

        assert page.evaluate("kgShowDetails('ant-group')") is True
        panel = page.inner_text("#kg-details")
        assert panel.startswith("×\nAnt Group (Company)")
        assert "OWNS ← Alibaba Group" in panel and "fact alibaba-group/OWNS/ant-group" in panel
        assert "Alibaba owns about a third of Ant." in panel  # the evidence, with its source
        assert "Shanghai halts Ant Group's record listing" in panel
        grey = page.evaluate(
            "nodes.get().filter(n => String(n.color).startsWith('rgba(200')).map(n => n.id)"
        )
        near = set(page.evaluate("network.getConnectedNodes('ant-group')")) | {"ant-group"}
        assert grey and not (set(grey) & near)  # the neighbourhood stays lit
        shot = tmp_path / "panel.png"

        def positions() -> list[list[float]]:
            return page.evaluate(
                """ids => { const r = document.getElementById('mynetwork').getBoundingClientRect();
                            const at = network.getPositions(ids);
                            return ids.map(id => { const d = network.canvasToDOM(at[id]);
                                                   return [d.x + r.left, d.y + r.top]; }); }""",
                ["ant-group", *grey],
            )

        # on a busy machine the layout may still be settling: a screenshot counts only when
        # the nodes stood still while it was taken
        for _ in range(20):
            where = positions()
            page.screenshot(path=str(shot))
            if positions() == where:
                break
            page.wait_for_timeout(250)
        panel_box = page.locator("#kg-details").bounding_box()
        canvas = page.locator("#mynetwork").bounding_box()
        tooltip_layer = page.evaluate(
            """() => { const t = document.createElement('div'); t.className = 'vis-tooltip';
                       document.body.appendChild(t); return Number(getComputedStyle(t).zIndex); }"""
        )
        panels = [
            int(page.evaluate(f"getComputedStyle(document.getElementById('{p}')).zIndex"))
            for p in ("kg-controls", "kg-details")
        ]
        assert tooltip_layer > max(panels)

        total = page.evaluate("kgVisibleEdgeCount()")
        page.evaluate(
            """(() => { const s = document.getElementById('kg-time'); s.value = '0';
                        s.dispatchEvent(new Event('input')); })()"""
        )
        first_month = page.evaluate("edges.get().filter(e => e.first).map(e => e.first).sort()[0]")
        assert page.inner_text("#kg-time-label") == f"first reported up to {first_month[:7]}"
        early = page.evaluate("kgVisibleEdgeCount()")
        assert 0 < early < total
        assert early == page.evaluate(
            f"edges.get().filter(e => e.first && e.first.slice(0, 7) <= '{first_month[:7]}').length"
        )
        page.wait_for_function("window.kgLaidOut === true", timeout=60_000)  # re-laid out
        with page.expect_download() as download:
            page.click("#kg-export")
        png = tmp_path / "export.png"
        download.value.save_as(png)
        browser.close()
    assert not errors, errors
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert width > 600 and height > 400
    assert png.stat().st_size > 10_000 and shot.stat().st_size > 10_000
    _screenshot_shows_the_panel_beside_the_lit_node(shot, panel_box, canvas, where)


def _screenshot_shows_the_panel_beside_the_lit_node(
    shot: Path, panel: dict[str, float], canvas: dict[str, float], where: list[list[float]]
) -> None:
    """What the analyst sees: the panel holds text, the clicked node is drawn in its type's
    colour beside the panel, not under it, and the nodes outside its neighbourhood are pale."""
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    left, top = int(panel["x"]), int(panel["y"])
    box = (left, top, left + int(panel["width"]), top + int(panel["height"]))
    assert panel["width"] >= 300 and panel["height"] >= 300
    colours = image.crop(box).getcolors(maxcolors=1 << 24) or []
    text = sum(count for count, pixel in colours if sum(pixel) < 200)
    assert text > 2_000  # dark glyphs, not an empty box
    (x, y), *greyed = where
    assert x > box[2]
    assert image.getpixel((int(x), int(y))) == (0x1F, 0x77, 0xB4)  # Company blue, undimmed
    bottom = canvas["y"] + canvas["height"]
    visible = [
        (int(gx), int(gy))
        for gx, gy in greyed
        if box[2] < gx < canvas["width"] - 300 and canvas["y"] < gy < bottom
    ]
    # a node's fill is the colour most of the pixels round its centre have (an edge or a
    # label drawn across the centre is a thin line)
    fills = [_most_common_colour(image, p) for p in visible]
    pale = [f for f in fills if min(f) > 200]
    assert visible and len(pale) >= len(visible) / 2, fills


def _most_common_colour(image, point: tuple[int, int], reach: int = 3) -> tuple[int, int, int]:
    x, y = point
    patch = image.crop((x - reach, y - reach, x + reach + 1, y + reach + 1))
    return max(patch.getcolors(maxcolors=(2 * reach + 1) ** 2) or [(0, (0, 0, 0))])[1]
