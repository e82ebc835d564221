"""The site's languages: the single list every module reads."""
from __future__ import annotations

#: Site languages, in the order the switcher and hreflang links show them.
LANGUAGES: tuple[str, ...] = ("id", "nl", "en")

#: Language used for ``x-default`` and as the source language of site-written text.
DEFAULT_LANGUAGE = "en"

#: Babel locale and Open Graph locale for each language.
LOCALES = {"id": "id_ID", "nl": "nl_NL", "en": "en_US"}

#: How each language names itself in the language switcher and the chooser. CLDR calls
#: Indonesian "Indonesia" in Indonesian; readers know the language as "Bahasa Indonesia".
NATIVE_NAMES = {"id": "Bahasa Indonesia", "nl": "Nederlands", "en": "English"}

#: Language names where CLDR's differ from how the language is written in running text:
#: in Indonesian, CLDR names languages like their countries ("Belanda" is also the
#: Netherlands), so a page in Indonesian says "bahasa Belanda". {page language: {code: name}}
LANGUAGE_NAMES = {
    "id": {"id": "bahasa Indonesia", "nl": "bahasa Belanda", "en": "bahasa Inggris"},
}
