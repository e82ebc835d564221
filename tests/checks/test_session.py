"""A preview's ``Session``: caches and the ledger carried in memory between builds, with the
same entries a build reading them from the cache folder would see."""
from __future__ import annotations

import pickle

from layar_build.ledger import Ledger
from layar_build.session import Session
from layar_site.cache import Store


def _loaded(folder, name="units", version="v1") -> Store:
    return Store(folder, name, version)


def test_a_carried_store_holds_what_the_saved_file_would_hold(tmp_path):
    first = _loaded(tmp_path)
    first.put("a", 1)
    first.put("b", 2)
    first.save()
    second = _loaded(tmp_path)  # the next build: uses "a" only, adds "c"
    assert second.get("a") == 1
    second.put("c", 3)
    carried = second.carried()
    second.save()
    from_disk = _loaded(tmp_path)
    for key in ("a", "b", "c"):
        assert carried.get(key) == from_disk.get(key), key
    assert carried.get("b") is None  # dropped: the build before did not use it


def test_what_is_not_saved_is_saved_by_the_store_carried_from_it(tmp_path):
    first = _loaded(tmp_path)
    first.put("a", 1)
    carried = first.carried()  # first never saved
    assert carried.unsaved
    assert carried.get("a") == 1
    carried.save()
    assert not carried.unsaved
    with carried.path.open("rb") as fh:
        assert pickle.load(fh) == {"a": 1}
    quiet = carried.carried()
    assert quiet.get("a") == 1 and not quiet.unsaved  # nothing new: nothing to write


def test_carrying_never_changes_the_store_carried_from(tmp_path):
    first = _loaded(tmp_path)
    first.put("a", 1)
    carried = first.carried()
    carried.get("a")
    carried.put("b", 2)
    assert first.used == {"a": 1}


def test_the_session_carries_a_store_of_the_same_code_version_only(tmp_path):
    session = Session()
    first = session.store(tmp_path, "units", "v1")
    first.put("a", 1)
    session.keep([first])
    assert session.store(tmp_path, "units", "v1").get("a") == 1
    assert session.store(tmp_path, "units", "v2").get("a") is None  # other code: not carried
    assert session.store(tmp_path / "other", "units", "v1").get("a") is None
    session.save()
    assert _loaded(tmp_path).get("a") == 1


def test_the_session_keeps_one_ledger_per_output_and_writes_it_when_asked(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>x</p>")
    session = Session()
    ledger = session.ledger(tmp_path / "cache", output)
    assert session.ledger(tmp_path / "cache", output) is ledger
    ledger.record(output, {"index.html": "how"}, {"index.html": ("key", "page")})
    assert not ledger.path.exists()  # recorded in memory only
    session.save()
    again = Ledger.for_output(tmp_path / "cache", output)
    assert set(again.files) == {"index.html"} and again.pages == ledger.pages
    ledger.forget()
    assert not ledger.path.exists()
    session.save()  # nothing recorded since: nothing written
    assert not ledger.path.exists()


def test_compiled_templates_are_kept_by_source_and_configuration():
    """A preview's rebuild compiles only the templates whose source (or the environment's
    configuration) changed; what it renders is what a fresh compile renders."""
    import jinja2

    from layar_site.templates import _Compiled, _configuration

    sources = {"page.html": "{% for x in xs %}<p>{{ x }}</p>\n{% endfor %}"}
    memory = Store(None, "compiled-templates", "test")

    def environment(store, **options):
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), **options)
        env.bytecode_cache = _Compiled(store, _configuration(env, {}))
        compiled = []
        real = env.compile
        env.compile = lambda *a, **k: compiled.append(a) or real(*a, **k)
        return env, compiled

    env, compiled = environment(memory)
    first = env.get_template("page.html").render(xs=[1, 2])
    assert len(compiled) == 1
    carried = memory.carried()
    env, compiled = environment(carried)  # the next rebuild: nothing to compile
    assert env.get_template("page.html").render(xs=[1, 2]) == first and compiled == []
    sources["page.html"] = "<ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul>"
    env, compiled = environment(carried.carried())  # an edited template compiles again
    assert env.get_template("page.html").render(xs=[1]) == "<ul><li>1</li></ul>"
    assert len(compiled) == 1
    env, compiled = environment(carried.carried(), trim_blocks=True)  # another configuration
    env.get_template("page.html")
    assert len(compiled) == 1
