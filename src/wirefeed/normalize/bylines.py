"""A byline's names without what templates put around them, in the languages wire copy comes in.

Web templates and wire services wrap names in words that are not names: a "By" in the
page's language (glued to the name when the template drops the space: `ByTravis Haney`),
a role suffix (`홍길동 기자`), links and counters beside it (`Email`, `Bio`, `Follow`,
`51 Comments`), handles and addresses, a link text (`View all posts by A`). These are
removed by kind, not by name, so that they hold for sites never seen. What is left that
still is no name (a CMS placeholder such as `admin`) counts as no author: none is
better than an invented one.
"""

from __future__ import annotations

import re

# "By" and "written by" in English, German, French, Spanish, Portuguese, Italian, Dutch,
# Swedish/Danish/Norwegian, Polish, Russian, Arabic, Chinese, Japanese and Korean, with
# the link texts that end in them (`View all posts by`, `Zeige alle Beiträge von`).
_PREFIX_WORDS = (
    r"(?:view|see|read|more)\s+(?:all\s+)?(?:posts|articles|stories)\s+by",
    r"(?:zeige\s+)?alle\s+(?:beiträge|artikel)\s+von", r"mehr\s+von",
    r"(?:written|posted|published|reported|compiled|edited|text|words|story|photos?)\s+by",
    r"(?:geschrieben|verfasst|erstellt|veröffentlicht|ein\s+beitrag)\s+von",
    r"(?:publié|écrit|rédigé)\s+par", r"(?:escrito|publicado|redactado)\s+por", r"(?:scritto|pubblicato)\s+da",
    r"geschreven\s+door", r"skrevet\s+av", r"skrivet\s+av",
    r"by", r"przez", r"autor(?:a|in)?", r"auteur", r"author", r"автор", r"текст", r"بقلم", r"كتب",
)
_PREFIX = re.compile(r"^\s*(?:" + "|".join(_PREFIX_WORDS) + r")\s*[:：/／]?\s+", re.IGNORECASE)
# Short words that are also the start of names (`Di Maria`, `Da Silva`, `Von Miller`): a
# prefix only when at least two words follow (`Von Jürgen Müller`, `di Mario Rossi`).
_SHORT_PREFIX = re.compile(r"^\s*(?:von|di|da|door|par|por|af|av)\s*:?\s+(?=\S+\s+\S)", re.IGNORECASE)
# Scripts without spaces between words: `作者：王琦`, `记者 王琦`; `文` (also a surname) only before a mark.
_CJK_PREFIX = re.compile(r"^\s*(?:(?:作者|撰文|记者|記者|編集|编辑|责任编辑|責任編輯|기자)\s*[:：/／|]?|文\s*[:：/／|])\s*")
# `ByTravis Haney`: a By glued to a capitalised name (a name never starts `By` + capital).
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")
# Role words after a name in CJK bylines: `홍길동 기자`, `王琦 记者`, `山田太郎記者`, `特派員`.
_CJK_ROLE = re.compile(r"\s*(?:기자|특파원|記者|记者|特派員|特派员|编辑|編集委員|通讯员|通訊員)\s*$")
# A trailing "By" or an orphan separator left when a template's label was split off.
_TRAILING_BY = re.compile(r"\s+(?:by|von|par|por)\s*$", re.IGNORECASE)
# `A (http://a.example/)`, `A (@a)`: an aside holding an address goes whole, brackets too.
_ADDRESS_ASIDE = re.compile(r"\s*[(\[][^)\]]*(?:@|://|www\.)[^)\]]*[)\]]")
_HANDLE = re.compile(r"(?<!\w)@\w[\w.]*")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Words of a template's links and counters beside a byline: they are never part of a name.
_UI_WORDS = frozenset({
    "email", "e-mail", "mail", "bio", "follow", "edit", "share", "tweet", "twitter", "facebook", "linkedin",
    "instagram", "comments", "comment", "profile", "contact", "subscribe", "updated", "published", "more",
    "view", "print", "rss", "home", "kommentare", "teilen", "folgen", "commentaires", "partager", "suivre",
    "comentarios", "compartir", "seguir", "commenti", "condividi", "segui",
})
# A byline part holding a digit is a count or a date (`51 Comments`, `March 3`), not a name.
_DIGIT = re.compile(r"\d")
# What CMSs put in the author slot when nobody set it: no one's name.
PLACEHOLDERS = frozenset({
    "admin", "administrator", "administrador", "administrateur", "webmaster", "user", "guest", "anonymous",
    "anonym", "anonyme", "anónimo", "unknown", "publisher", "editor", "redaktion", "rédaction", "redacción",
    "redazione", "redactie", "staff", "author", "autor", "auteur", "root", "alle artikel", "gesponserte inhalte",
})


def without_wrapping(byline: str) -> str:
    """`ByTravis Haney` -> `Travis Haney`; `作者：王琦` -> `王琦`; `Ann Lee @annlee` -> `Ann Lee`."""
    text = _URL.sub(" ", _EMAIL.sub(" ", _ADDRESS_ASIDE.sub("", byline)))
    text = _HANDLE.sub(" ", text)
    text = " ".join(text.split())
    text = _GLUED_BY.sub("", text)
    for pattern in (_PREFIX, _SHORT_PREFIX, _CJK_PREFIX):
        text = pattern.sub("", text, count=1)
    text = _TRAILING_BY.sub("", _CJK_ROLE.sub("", text))
    return text.strip(" \t,;:|·•-–—/")


def is_name_part(part: str) -> bool:
    """False for a byline part that is a link label, a count, a date or a CMS placeholder."""
    lowered = part.strip().lower()
    if not lowered or _DIGIT.search(lowered):
        return False
    return lowered not in _UI_WORDS and lowered not in PLACEHOLDERS
