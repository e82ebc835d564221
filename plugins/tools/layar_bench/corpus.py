"""A deterministic synthetic corpus in Layar's own format.

``generate(folder, articles=N, seed=S)`` writes a throwaway project:

* ``content/articles/*.md``: N articles of about 600 words, each in one of id, nl and en,
  with a few ``##`` headings, a ``- `` list, emphasis and a ``{filename}`` link to another
  article, tagged with 0-2 strikes, 1-3 tools and 0-3 productions;
* ``content/topics/<kind>/*.md``: the topic registry (20 strikes, 50 tools, 200
  productions, plus the organisations and people their facts refer to), valid per
  ``layar.schema`` and ``LAYAR_TOPICS_KINDS``;
* ``content/pages/home.md`` and ``about.md``;
* ``i18n/{id,nl,en}/LC_MESSAGES/content.po`` with a translation of every unit into the two
  other languages (so every article page exists, translated, in all three languages), and
  the repository's interface catalogs (``messages.po``).

The words are pseudo-words made per language from syllables; a "translation" maps each
word to the word of the same rank in the other language's vocabulary and keeps names,
numbers, punctuation, Markdown markup and link targets, so it is a pure function of the
source text.  Same arguments, same bytes: only seeded ``random.Random`` instances are used,
and files are written with ``\\n`` line ends in a fixed order.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("id", "nl", "en")
VOCAB_SIZE = 700
#: Topic pools per kind (strikes, tools and productions tag articles; organisations and
#: people exist because the facts of the others refer to them).
POOLS = {"strikes": 20, "tools": 50, "productions": 200, "organizations": 12, "people": 12}
#: A registry of the same shape at a tenth of the size, for the tests' small corpora: a
#: 5-article corpus with ``POOLS`` builds about 900 pages, 880 of them topic pages no
#: article mentions, and every cold build of a warm-equals-cold test pays for them.
SMALL_POOLS = {"strikes": 3, "tools": 6, "productions": 8, "organizations": 3, "people": 2}
#: How many topics of each kind an article is tagged with: (min, max).
TAGS = {"strikes": (0, 2), "tools": (1, 3), "productions": (0, 3)}
PUBLISHERS = ("Tek Harian", "Layar Kaca", "Beeldkrant", "Filmpost", "Screen Ledger",
              "Sinema Kini", "De Montage", "Frame Weekly", "Kabar Film", "Reel Report")
OFFSETS = {"id": "+07:00", "nl": "+01:00", "en": "+00:00"}

_SYLLABLES = {
    "id": (["b", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ng",
            "ny", "c"], ["a", "i", "u", "e", "o", "a", "i", "a"], ["", "", "", "n", "ng", "k",
                                                                    "r", "t", "h"]),
    "nl": (["b", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "sch",
            "st", "gr", "kl"], ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ij",
                                "ui", "eu", "é", "ë"], ["", "", "n", "r", "t", "l", "k", "s",
                                                        "ng", "cht"]),
    "en": (["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w", "th", "sh",
            "st", "br", "cr"], ["a", "e", "i", "o", "u", "ea", "ou", "ai", "ee"],
           ["", "", "", "n", "r", "t", "s", "ng", "ck", "ll", "ed"]),
}
_NAME_SYLLABLES = (["K", "V", "Z", "Q", "X", "Dr", "Tr", "Pl"], ["a", "e", "o", "y", "au"],
                   ["x", "q", "z", "v", "rn", "lk"])

WORD_RE = re.compile(r"[^\W\d_]+")
LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _make_vocab(lang: str) -> list[str]:
    onset, nucleus, coda = _SYLLABLES[lang]
    rng = random.Random(f"layar-bench-vocab-{lang}")
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < VOCAB_SIZE:
        n = rng.choice((1, 2, 2, 2, 3, 3, 4))
        word = "".join(rng.choice(onset) + rng.choice(nucleus) for _ in range(n))
        word += rng.choice(coda)
        if word not in seen and len(word) > 1:
            seen.add(word)
            words.append(word)
    return words


VOCAB = {lang: _make_vocab(lang) for lang in LANGS}
RANK = {lang: {w: i for i, w in enumerate(words)} for lang, words in VOCAB.items()}
#: Zipf-like weights: a few words are frequent, most are rare (as in real text).
WEIGHTS = [1.0 / (i + 8) for i in range(VOCAB_SIZE)]


def translate(text: str, source: str, target: str) -> str:
    """The synthetic translation of one unit: each vocabulary word mapped by rank.

    Link targets, names (words not in the source vocabulary), digits, punctuation and
    Markdown markup are kept; capitalisation of the first letter is kept.
    """
    if source == target:
        return text
    rank, words = RANK[source], VOCAB[target]

    def word(m: re.Match) -> str:
        w = m.group(0)
        i = rank.get(w.lower())
        if i is None:
            return w
        out = words[i]
        return out[:1].upper() + out[1:] if w[:1].isupper() else out

    def part(chunk: str) -> str:
        return WORD_RE.sub(word, chunk)

    out, pos = [], 0
    for m in LINK_RE.finditer(text):
        out.append(part(text[pos:m.start()]))
        out.append(f"[{part(m.group(1))}]({m.group(2)})")
        pos = m.end()
    out.append(part(text[pos:]))
    return "".join(out)


@dataclass
class Unit:
    text: str
    lang: str


@dataclass
class Topic:
    kind: str
    id: str
    name: str
    summary: str
    aliases: dict[str, list[str]]
    facts: dict
    related: list[str]
    body: list[str]


@dataclass
class Article:
    index: int
    slug: str
    lang: str
    title: str
    summary: str
    date: str
    author: str
    publisher: str
    topics: dict[str, list[str]]
    body: str
    units: list[str] = field(default_factory=list)


class _Writer:
    """Deterministic random text in one language."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        self.vocab = VOCAB[lang]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, weights=WEIGHTS, k=n)

    def phrase(self, n: int) -> str:
        w = self.words(n)
        return " ".join([w[0][:1].upper() + w[0][1:]] + w[1:])

    def sentence(self, lo: int = 8, hi: int = 18, names: list[str] | None = None) -> str:
        w = self.words(self.rng.randint(lo, hi))
        if len(w) > 6 and self.rng.random() < 0.3:
            w[self.rng.randrange(1, len(w) - 1)] += ","
        if len(w) > 4 and self.rng.random() < 0.15:
            i = self.rng.randrange(1, len(w) - 1)
            w[i] = f"*{w[i].rstrip(',')}*"
        if names:
            w.insert(self.rng.randrange(1, len(w)), names.pop(0))
        w[0] = w[0][:1].upper() + w[0][1:]
        return " ".join(w) + "."

    def paragraph(self, sentences: tuple[int, int] = (4, 6), names: list[str] | None = None,
                  link: str | None = None) -> str:
        out = [self.sentence(names=names) for _ in range(self.rng.randint(*sentences))]
        if link:
            label = " ".join(self.words(self.rng.randint(2, 4)))
            out.append(f"{self.phrase(3)} [{label}]({{filename}}{link}.md).")
        return " ".join(out)


def _names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    onset, nucleus, coda = _NAME_SYLLABLES
    out = []
    while len(out) < count:
        n = rng.choice((1, 2, 2, 3))
        name = "".join(rng.choice(onset if i == 0 else [o.lower() for o in onset])
                       + rng.choice(nucleus) for i in range(n)) + rng.choice(coda)
        if name.lower() not in taken:
            taken.add(name.lower())
            out.append(name)
    return out


def _yaml(value) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML and never ambiguous."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _front_matter(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, dict):
            if not value:
                lines.append(f"{key}: {{}}")
                continue
            lines.append(f"{key}:")
            for k, v in value.items():
                if isinstance(v, list):
                    lines.append(f"  {k}: [{', '.join(_yaml(x) for x in v)}]")
                else:
                    lines.append(f"  {k}: {_yaml(v)}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_yaml(x) for x in value)}]")
        else:
            lines.append(f"{key}: {_yaml(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(rng: random.Random, lang: str, with_time: bool) -> str:
    day = rng.randint(0, 1095)
    year, doy = 2023 + day // 365, day % 365
    month, dom = 1 + doy // 31 % 12, 1 + doy % 28
    if with_time:
        return f"{year}-{month:02d}-{dom:02d}T{rng.randint(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}:00{OFFSETS[lang]}"
    return f"{year}-{month:02d}-{dom:02d}"


def _topics(rng: random.Random, pools: dict[str, int] = POOLS) -> dict[str, list[Topic]]:
    en = _Writer(rng, "en")
    taken = {w.lower() for lang in LANGS for w in VOCAB[lang]}
    ids: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for kind, count in pools.items():
        base = _names(rng, count, taken)
        if kind == "strikes":
            names[kind] = [f"{n} strike {2020 + i % 6}" for i, n in enumerate(base)]
        elif kind == "tools":
            names[kind] = [f"{n} {1 + i % 5}" for i, n in enumerate(base)]
        elif kind == "organizations":
            names[kind] = [f"{n} Studios" for n in base]
        elif kind == "people":
            names[kind] = [f"{n} {m}" for n, m in zip(base, _names(rng, count, taken))]
        else:
            names[kind] = list(base)
        ids[kind] = [_slug(n) for n in names[kind]]
    orgs = ids["organizations"]
    all_ids = [i for kind in pools for i in ids[kind]]
    out: dict[str, list[Topic]] = {}
    for kind in pools:
        out[kind] = []
        for i, (tid, name) in enumerate(zip(ids[kind], names[kind])):
            word = name.split()[0]
            aliases = {"id": [word], "nl": [word], "en": [word]}
            if kind == "strikes":
                facts = {"unions": rng.sample(orgs, 2), "start": f"{2020 + i % 6}-0{1 + i % 5}-02",
                         "end": f"{2020 + i % 6}-0{5 + i % 4}-27", "country": en.phrase(2),
                         "ai_stakes": en.sentence(8, 14)}
            elif kind == "tools":
                facts = {"developer": [rng.choice(orgs)], "released": f"202{i % 6}-0{1 + i % 9}-1{i % 9}",
                         "generates": en.phrase(3).lower()}
            elif kind == "productions":
                facts = {"type": rng.choice(("film", "series", "reality-series")),
                         "platform": [rng.choice(orgs)], "country": en.phrase(2),
                         "year": 2015 + i % 11, "ai_use": en.sentence(8, 14)}
            elif kind == "organizations":
                facts = {"org_type": en.phrase(2).lower(), "country": en.phrase(2),
                         "founded": 1900 + i * 7}
            else:
                facts = {"role": en.phrase(3), "organization": [rng.choice(orgs)]}
            related = sorted(set(rng.sample(all_ids, rng.randint(0, 3))) - {tid})
            body = [en.paragraph((3, 5)) for _ in range(rng.randint(1, 2))]
            tail = en.sentence(8, 14)
            summary = f"{name} {tail[:1].lower()}{tail[1:]}"
            out[kind].append(Topic(kind, tid, name, summary, aliases, facts, related, body))
    return out


def _article(rng: random.Random, index: int, lang: str, topics: dict[str, list[Topic]],
             link_to: str) -> Article:
    w = _Writer(rng, lang)
    title = w.phrase(rng.randint(5, 9))
    slug = f"{_slug(title)[:40].strip('-')}-{index:05d}"
    tagged = {kind: sorted(t.id for t in rng.sample(topics[kind], rng.randint(lo, hi)))
              for kind, (lo, hi) in TAGS.items()}
    tagged = {k: v for k, v in tagged.items() if v}
    by_id = {t.id: t for kind in TAGS for t in topics[kind]}
    mentions = [by_id[i].aliases[lang][0] for ids in tagged.values() for i in ids]
    blocks: list[str] = []
    units: list[str] = []

    def para(**kw):
        text = w.paragraph(**kw)
        blocks.append(text)
        units.append(text)

    para(sentences=(5, 7), names=mentions[:2])
    for h in range(3):
        heading = w.phrase(rng.randint(3, 6))
        blocks.append(f"## {heading}")
        units.append(heading)
        para(sentences=(5, 7), names=mentions[2 + h:3 + h])
        if h == 1:
            items = [w.sentence(5, 10) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"- {item}" for item in items))
            units.extend(items)
        para(sentences=(4, 6), link=link_to if h == 2 else None)
    summary = w.sentence(18, 28)
    author = "" if rng.random() < 0.2 else " ".join(n.capitalize() for n in w.words(2))
    return Article(index, slug, lang, title, summary, _date(rng, lang, rng.random() < 0.7),
                   author, rng.choice(PUBLISHERS), tagged, "\n\n".join(blocks) + "\n",
                   [title, summary] + units)


@dataclass
class Corpus:
    folder: Path
    articles: list[Article]
    topics: dict[str, list[Topic]]
    pages: dict[str, tuple[dict, str, list[str]]]

    def article_path(self, article: Article) -> Path:
        return self.folder / "content" / "articles" / f"{article.slug}.md"


def _pages(rng: random.Random) -> dict[str, tuple[dict, str, list[str]]]:
    w = _Writer(rng, "en")
    pages = {}
    for slug in ("home", "about"):
        title = w.phrase(5)
        summary = w.sentence(14, 22)
        units, blocks = [], []
        for _ in range(3):
            heading = w.phrase(3)
            text = w.paragraph((3, 5))
            blocks += [f"## {heading}", text]
            units += [heading, text]
        pages[slug] = ({"title": title, "slug": slug, "lang": "en", "summary": summary},
                       "\n\n".join(blocks) + "\n", [title, summary] + units)
    return pages


def build_corpus(folder: Path, articles: int, seed: int = 1,
                 pools: dict[str, int] | None = None) -> Corpus:
    """The corpus in memory (nothing written): ``articles`` articles, seeded by ``seed``,
    with ``pools`` topics of each kind (default ``POOLS``; the tests use ``SMALL_POOLS``)."""
    rng = random.Random(f"layar-bench-{seed}")
    topics = _topics(rng, POOLS if pools is None else pools)
    slugs_rng = random.Random(f"layar-bench-links-{seed}")
    out: list[Article] = []
    for i in range(articles):
        lang = LANGS[i % 3] if rng.random() < 0.7 else rng.choice(LANGS)
        # Link to an earlier article (or to the next one for the first): it always exists.
        target = out[slugs_rng.randrange(len(out))].slug if out else None
        art = _article(rng, i, lang, topics, target or "__self__")
        if target is None:
            art.body = art.body.replace("{filename}__self__.md", f"{{filename}}{art.slug}.md")
            art.units = [u.replace("{filename}__self__.md", f"{{filename}}{art.slug}.md")
                         for u in art.units]
        out.append(art)
    return Corpus(Path(folder), out, topics, _pages(rng))


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _po(lang: str, entries: dict[str, str]) -> str:
    head = (
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: Layar benchmark corpus\\n"\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    )
    body = "".join(f'msgid "{_po_escape(k)}"\nmsgstr "{_po_escape(v)}"\n\n'
                   for k, v in entries.items())
    return head + body


def _topic_units(topic: Topic) -> list[str]:
    units = [topic.name, topic.summary]
    for value in topic.facts.values():
        if isinstance(value, str) and not re.match(r"^\d{4}-", value):
            units.append(value)
    return units + topic.body


def write_corpus(corpus: Corpus, repo_root: Path | None = None) -> Corpus:
    """Write ``corpus`` into its folder (which is replaced)."""
    folder = corpus.folder
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir(parents=True)
    catalogs: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}

    def translations(units: list[str], source: str) -> None:
        for target in LANGS:
            if target != source:
                entries = catalogs[target]
                for u in units:
                    entries.setdefault(u, translate(u, source, target))

    for art in corpus.articles:
        meta = {"title": art.title, "slug": art.slug, "lang": art.lang, "date": art.date}
        if art.author:
            meta["author"] = art.author
        meta["publisher"] = art.publisher
        meta["summary"] = art.summary
        if art.topics:
            meta["topics"] = art.topics
        _write(corpus.article_path(art), _front_matter(meta) + "\n" + art.body)
        translations(art.units, art.lang)
    for slug, (meta, body, units) in corpus.pages.items():
        _write(content / "pages" / f"{slug}.md", _front_matter(meta) + "\n" + body)
        translations(units, "en")
    for kind, topics in corpus.topics.items():
        (content / "topics" / kind).mkdir(parents=True)
        for t in topics:
            meta = {"id": t.id, "kind": t.kind, "name": t.name, "summary": t.summary,
                    "aliases": t.aliases, "facts": t.facts, "related": t.related}
            _write(content / "topics" / kind / f"{t.id}.md",
                   _front_matter(meta) + "\n" + "\n\n".join(t.body) + "\n")
            translations(_topic_units(t), "en")
    root = Path(repo_root) if repo_root else Path(__file__).resolve().parents[3]
    # The project's own configuration, as in the repository: the settings (the catalog
    # extractor reads the topic kinds from the pelicanconf.py above content/) and the
    # extraction configs of the two domains.
    shutil.copyfile(root / "pelicanconf.py", folder / "pelicanconf.py")
    (folder / "i18n").mkdir()
    for cfg in sorted((root / "i18n").glob("*.cfg")):
        shutil.copyfile(cfg, folder / "i18n" / cfg.name)
    for lang in LANGS:
        folder_i18n = folder / "i18n" / lang / "LC_MESSAGES"
        folder_i18n.mkdir(parents=True)
        _write(folder_i18n / "content.po", _po(lang, catalogs[lang]))
        messages = root / "i18n" / lang / "LC_MESSAGES" / "messages.po"
        if messages.exists():
            shutil.copyfile(messages, folder_i18n / "messages.po")
    return corpus


def generate(folder: str | Path, articles: int, seed: int = 1,
             repo_root: Path | None = None, pools: dict[str, int] | None = None) -> Corpus:
    """Build and write the corpus; return it (its articles, topics and pages)."""
    return write_corpus(build_corpus(Path(folder), articles, seed, pools), repo_root)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def edit_article(corpus: Corpus, which: int | None = None) -> Path:
    """Edit the body of one article (the middle one by default): one paragraph grows."""
    art = corpus.articles[len(corpus.articles) // 2 if which is None else which]
    return edit_file(corpus.article_path(art))


def edit_file(path: Path) -> Path:
    """Edit the body of the article at ``path``: its first paragraph grows."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("---\n\n")
    first, rest = body.split("\n\n", 1)
    _write(path, head + sep + first + " Edited for the warm rebuild benchmark.\n\n" + rest)
    return path
