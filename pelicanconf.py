"""Layar's Pelican settings: plain constants only (publishconf.py overrides for publishing)."""

SITENAME = "Layar"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "en"

# Layar's Pelican plugins (plugins/pelican/<name>/, each with register()); the library they
# share is plugins/lib/, the command-line tools are plugins/tools/ (never loaded by a build).
PLUGIN_PATHS = ["plugins/pelican"]
PLUGINS = ["layar_topics", "layar_seo", "layar_search", "layar_timeline", "layar_translations", "layar_media", "layar_admin"]

# Layar reads content/ itself (read once, written in every language): Pelican's own
# article, page and static readers have nothing to do.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
}

# --- layar_site --------------------------------------------------------------------
LAYAR_LANGUAGES = ("id", "nl", "en")
LAYAR_DEFAULT_LANGUAGE = "en"
LAYAR_SITE_NAME = SITENAME
LAYAR_I18N_DIR = "i18n"
LAYAR_HOME_URL = "{lang}/"
LAYAR_ARTICLE_URL = "{lang}/articles/{slug}/"
LAYAR_PAGE_URL = "{lang}/{slug}/"

# --- layar_topics ------------------------------------------------------------------


def N_(message):
    """Mark an interface string for extraction (translated when the page is rendered)."""
    return message


# Kinds are data: adding one here (and a folder under content/topics/) needs no code.
# segment: URL segment and folder; label/one: msgids of the plural and singular labels;
# schema: JSON-LD type of the topic pages; facts: structured fields (type and label msgid).
LAYAR_TOPICS_KINDS = {
    "strikes": {
        "segment": "strikes", "label": N_("Strikes"), "one": N_("Strike"), "schema": "Event",
        "facts": {
            "unions": {"type": "ids", "label": N_("Unions")},
            "start": {"type": "date", "label": N_("Started")},
            "end": {"type": "date", "label": N_("Ended")},
            "country": {"type": "text", "label": N_("Country")},
            "ai_stakes": {"type": "text", "label": N_("AI demands")},
        },
    },
    "tools": {
        "segment": "tools", "label": N_("Tools"), "one": N_("Tool"), "schema": "SoftwareApplication",
        "facts": {
            "developer": {"type": "ids", "label": N_("Developer")},
            "released": {"type": "date", "label": N_("Released")},
            "generates": {"type": "text", "label": N_("Generates")},
        },
    },
    "productions": {
        "segment": "productions", "label": N_("Productions"), "one": N_("Production"),
        "schema": "CreativeWork",
        "facts": {
            "type": {"type": "choice", "label": N_("Type"),
                     "choices": ["film", "series", "reality-series"],
                     "choice_labels": {"film": N_("Film"), "series": N_("Series"),
                                       "reality-series": N_("Reality series")}},
            "platform": {"type": "ids", "label": N_("Platform")},
            "country": {"type": "text", "label": N_("Country")},
            "year": {"type": "year", "label": N_("Released")},
            "ai_use": {"type": "text", "label": N_("How AI was used")},
        },
    },
    "organizations": {
        "segment": "organizations", "label": N_("Organisations"), "one": N_("Organisation"),
        "schema": "Organization",
        "facts": {
            "org_type": {"type": "text", "label": N_("Type")},
            "country": {"type": "text", "label": N_("Country")},
            "founded": {"type": "year", "label": N_("Founded")},
        },
    },
    "people": {
        "segment": "people", "label": N_("People"), "one": N_("Person"), "schema": "Person",
        "facts": {
            "role": {"type": "text", "label": N_("Role")},
            "organization": {"type": "ids", "label": N_("Organisation")},
        },
    },
}

# --- layar_admin: the web editor at /admin/ (CONTRIBUTING.md, "The web editor") ------------
# Its configuration, theme/admin/config.yml, is generated from these and layar/schema.py by
# `invoke docs`. publishconf.py puts the editor into the published site (LAYAR_ADMIN).
LAYAR_ADMIN_REPO = ""  # the GitHub repository, "owner/name"
LAYAR_ADMIN_BRANCH = "main"
LAYAR_ADMIN_AUTH_URL = ""  # the OAuth client's https:// address (empty: Netlify's)
