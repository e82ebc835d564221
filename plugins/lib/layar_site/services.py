"""What one plugin offers the others (and the theme), declared once, here.

A plugin never reads another plugin's state (``site.extensions[...]`` is a plugin's own
business) nor guesses its shape.  Where one needs what another knows (the topics of an
article for search filters and structured data, a page's picture for link previews), it
asks the site's services: ``site.services.topics`` and ``site.services.pictures``, typed by
the protocols below and None when the plugin providing them is not in this build's
``PLUGINS``.  The provider sets its service in ``site_loaded``; readers ask for it when they
render or write (every ``site_loaded`` receiver has run by then).

======================  ==========================  ======================================
service                 provided by                 read by
======================  ==========================  ======================================
``topics``              ``layar_topics``            search filters, SEO (Open Graph,
                        (``TopicIndex``)            JSON-LD, sitemap, feeds), timeline,
                                                    translation status, templates
``pictures``            ``layar_media``             SEO (``og:image``), templates (lead
                        (``Pictures``)              images, thumbnails)
======================  ==========================  ======================================
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Protocol, runtime_checkable

from markupsafe import Markup


@runtime_checkable
class Topic(Protocol):
    """One topic (``layar_topics.registry.Topic``): a renderable source with an id."""

    path: str
    lang: str
    facts: Mapping[str, Any]

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def key(self) -> str: ...          # the route key of its page: ``topic:<kind>:<id>``
    @property
    def name(self) -> str: ...         # msgid of its display name
    @property
    def summary(self) -> str: ...      # msgid of its summary


@runtime_checkable
class TopicViews(Protocol):
    def topic(self, topic: Topic, lang: str) -> dict[str, Any]: ...
    def fact_texts(self, topic: Topic, lang: str) -> list[Any]: ...
    def categories(self, article, lang: str) -> list:
        """An article's topics as Atom categories (``layar_site.feeds``), for its entries."""


@runtime_checkable
class Topics(Protocol):
    """The topics of this build and their articles (``layar_topics.index.TopicIndex``)."""

    #: topic id -> its articles, newest first
    articles_of: Mapping[str, list]
    #: what a topic's page shows of it in a language
    views: TopicViews

    def topics(self, kind: str | None = None) -> list[Topic]: ...
    def get(self, topic_id: str) -> Topic | None: ...
    def article_topics(self, article) -> list[Topic]: ...


@runtime_checkable
class Pictures(Protocol):
    """The pictures of ``content/media/`` as pages show them (``layar_media.Pictures``)."""

    def lead(self, source, lang: str, lazy: bool = False) -> Markup: ...
    def thumbnail(self, source, lang: str) -> Markup: ...
    def og_image(self, route, lang: str) -> dict | None:
        """``{"url", "type", "width", "height", "alt"}`` of a page's link-preview picture."""


@dataclass
class Services:
    """The services of one build (``site.services``); None: no plugin provides it."""

    topics: Topics | None = None
    pictures: Pictures | None = None

    def article_topics(self, article) -> Iterable[Topic]:
        """The topics of ``article``, none without the topics plugin."""
        return self.topics.article_topics(article) if self.topics is not None else ()
