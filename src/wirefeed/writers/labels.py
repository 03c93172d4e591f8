"""The words a page adds around an article (`By`, `Updated`, `Home`, `Originally published by`),
in the article's language, and its dates written as that language writes them.

A small catalog rather than gettext: a dozen short labels in the languages wire desks
publish most (the issue's list); any other language gets the English labels. Dates come
from Babel's CLDR data (month names, day-month order), shipped inside the package, so the
same article gives the same bytes on any machine and locale.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from babel.dates import format_date

# Keys: by (before the authors, with its own spacing), and / comma (between authors), updated,
# home and breadcrumb (the trail), photo (before a credit), published_by / published_elsewhere
# (a story from elsewhere), feed (the footer's link).
ENGLISH: Final = {
    "by": "By ", "and": " and ", "comma": ", ", "updated": "Updated", "home": "Home", "breadcrumb": "Breadcrumb",
    "photo": "Photo: ", "published_by": "Originally published by ", "published_at": "Originally published at ",
    "published_elsewhere": "Originally published elsewhere", "feed": "RSS feed",
}
CATALOG: Final[dict[str, dict[str, str]]] = {
    "en": ENGLISH,
    "de": {"by": "Von ", "and": " und ", "comma": ", ", "updated": "Aktualisiert", "home": "Startseite",
           "breadcrumb": "Brotkrümelnavigation", "photo": "Foto: ", "published_by": "Zuerst veröffentlicht von ",
           "published_at": "Zuerst veröffentlicht unter ", "published_elsewhere": "Zuerst anderswo veröffentlicht",
           "feed": "RSS-Feed"},
    "fr": {"by": "Par ", "and": " et ", "comma": ", ", "updated": "Mis à jour", "home": "Accueil",
           "breadcrumb": "Fil d’Ariane", "photo": "Photo : ", "published_by": "Publié initialement par ",
           "published_at": "Publié initialement sur ", "published_elsewhere": "Publié initialement ailleurs",
           "feed": "Flux RSS"},
    "es": {"by": "Por ", "and": " y ", "comma": ", ", "updated": "Actualizado", "home": "Inicio",
           "breadcrumb": "Ruta de navegación", "photo": "Foto: ", "published_by": "Publicado originalmente por ",
           "published_at": "Publicado originalmente en ", "published_elsewhere": "Publicado originalmente en otro medio",
           "feed": "Canal RSS"},
    "it": {"by": "Di ", "and": " e ", "comma": ", ", "updated": "Aggiornato", "home": "Home",
           "breadcrumb": "Percorso", "photo": "Foto: ", "published_by": "Pubblicato originariamente da ",
           "published_at": "Pubblicato originariamente su ", "published_elsewhere": "Pubblicato originariamente altrove",
           "feed": "Feed RSS"},
    "pt": {"by": "Por ", "and": " e ", "comma": ", ", "updated": "Atualizado", "home": "Início",
           "breadcrumb": "Trilha de navegação", "photo": "Foto: ", "published_by": "Publicado originalmente por ",
           "published_at": "Publicado originalmente em ", "published_elsewhere": "Publicado originalmente em outro veículo",
           "feed": "Feed RSS"},
    "nl": {"by": "Door ", "and": " en ", "comma": ", ", "updated": "Bijgewerkt", "home": "Home",
           "breadcrumb": "Kruimelpad", "photo": "Foto: ", "published_by": "Oorspronkelijk gepubliceerd door ",
           "published_at": "Oorspronkelijk gepubliceerd op ", "published_elsewhere": "Oorspronkelijk elders gepubliceerd",
           "feed": "RSS-feed"},
    "zh": {"by": "作者：", "and": "、", "comma": "、", "updated": "更新", "home": "首页", "breadcrumb": "面包屑导航",
           "photo": "图片：", "published_by": "来源：", "published_at": "来源：", "published_elsewhere": "转载自其他媒体",
           "feed": "RSS 订阅"},
    "ja": {"by": "執筆：", "and": "、", "comma": "、", "updated": "更新", "home": "ホーム", "breadcrumb": "パンくずリスト",
           "photo": "写真：", "published_by": "出典：", "published_at": "出典：", "published_elsewhere": "他媒体からの転載",
           "feed": "RSSフィード"},
    "ko": {"by": "글: ", "and": ", ", "comma": ", ", "updated": "업데이트", "home": "홈", "breadcrumb": "이동 경로",
           "photo": "사진: ", "published_by": "출처: ", "published_at": "출처: ", "published_elsewhere": "다른 매체에서 전재",
           "feed": "RSS 피드"},
    "ar": {"by": "بقلم ", "and": " و", "comma": "، ", "updated": "تحديث", "home": "الرئيسية", "breadcrumb": "مسار التنقل",
           "photo": "صورة: ", "published_by": "نُشر أصلاً لدى ", "published_at": "نُشر أصلاً في ",
           "published_elsewhere": "نُشر أصلاً في مكان آخر", "feed": "موجز RSS"},
    "ru": {"by": "Автор: ", "and": " и ", "comma": ", ", "updated": "Обновлено", "home": "Главная",
           "breadcrumb": "Навигационная цепочка", "photo": "Фото: ", "published_by": "Впервые опубликовано: ",
           "published_at": "Впервые опубликовано: ", "published_elsewhere": "Впервые опубликовано в другом издании",
           "feed": "RSS-лента"},
}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def labels(language: str) -> dict[str, str]:
    """The labels for a language tag (`pt-BR` -> Portuguese); English for a language not in the catalog."""
    return CATALOG.get(language.split("-")[0].split("_")[0].lower(), ENGLISH)


def written_date(moment: datetime, language: str, day: date | None = None) -> str:
    """`March 11, 2021, 12:58 (UTC+08:00)`, `11. März 2021, 12:58 (UTC+08:00)`, `2021年3月11日, ...`;
    only the day when `day` is given (the input gave no time). English for a language not in the catalog."""
    primary = language.split("-")[0].split("_")[0].lower()
    shown_day = day or moment.date()
    if primary in CATALOG and primary != "en":
        written = format_date(shown_day, "long", locale=primary)
    else:
        # English month names whatever the process's locale (strftime's %B is not): same input, same bytes.
        written = f"{_MONTH_NAMES[shown_day.month - 1]} {shown_day.day}, {shown_day.year}"
    if day:
        return written
    offset = moment.strftime("%z")
    return f"{written}, {moment.hour:02d}:{moment.minute:02d} (UTC{offset[:3]}:{offset[3:]})"
