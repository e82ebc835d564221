"""``layar_site.plugins.enabled``: the one answer to "does this build use plugin X?".

Layar's signals are process-global and keep the receivers of every plugin registered
earlier in the process, so each plugin must ask before acting."""
from __future__ import annotations

import types

from layar_site.plugins import enabled

from .conftest import ARTICLE


def _site(plugins):
    return types.SimpleNamespace(pelican_settings={"PLUGINS": plugins})


def test_names_dotted_names_and_modules_count():
    module = types.ModuleType("plugins.layar_search")
    assert enabled(_site(["layar_topics"]), "layar_topics")
    assert enabled(_site(["plugins.layar_topics"]), "layar_topics")
    assert enabled(_site([module]), "layar_search")
    assert not enabled(_site(["layar_topics_extra"]), "layar_topics")
    assert not enabled(_site(None), "layar_topics")
    assert not enabled(types.SimpleNamespace(pelican_settings={}), "layar_seo")


def test_every_plugin_asks_the_same_helper():
    """No plugin keeps a copy of its own."""
    import layar_search.plugin
    import layar_seo.common
    import layar_seo.plugin
    import layar_timeline.plugin
    import layar_topics.plugin

    for module in (layar_search.plugin, layar_seo.plugin,
                   layar_timeline.plugin, layar_topics.plugin):
        assert module.enabled is enabled, module.__name__
    assert not hasattr(layar_seo.common, "plugin_enabled")


def test_plugins_left_out_of_a_later_build_do_nothing(tiny_site):
    """The first build registers every plugin's receivers; the second, in the same process,
    lists no plugin (the site and its checks only): no topic, search, timeline or SEO output."""
    files = {"content/articles/ok.md": ARTICLE}
    first = tiny_site(files)
    first.build()
    assert (first.output / "en" / "timeline" / "index.html").exists()
    assert (first.output / "en" / "search" / "index.html").exists()
    assert (first.output / "sitemap.xml").exists()
    second = tiny_site(files, {"PLUGINS": []})
    result = second.build()
    assert not (second.output / "en" / "timeline").exists()
    assert not (second.output / "en" / "search").exists()
    assert not (second.output / "sitemap.xml").exists()
    assert not (second.output / "api" / "graph.json").exists()
    assert "en/articles/sebuah-artikel/index.html" in result.files


def test_receivers_run_in_the_order_of_their_module_and_name_not_of_connection():
    """Blinker calls receivers in the order of a set of their ids (memory addresses), so the
    routes plugins add came in another order in each process and every page's site digest
    changed between a preview and a build. The pipeline's points order them by name."""
    from layar_site.signals import signal

    calls = []

    def make(module: str, name: str):
        def receiver(sender, **_):
            calls.append(f"{module}.{name}")
        receiver.__module__, receiver.__qualname__ = module, name
        return receiver

    made = [make(m, n) for m, n in [("plug_z", "on_loaded"), ("plug_a", "second"),
                                    ("plug_m", "x"), ("plug_a", "first")]]
    for order in (made, made[::-1]):
        point = signal("layar-test-order")
        for receiver in order:
            point.connect(receiver, weak=False)
        calls.clear()
        point.send(object())
        assert calls == ["plug_a.first", "plug_a.second", "plug_m.x", "plug_z.on_loaded"]
