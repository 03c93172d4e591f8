"""A seeded corpus of wire-copy news articles for the speed benchmark (benchmarks/bench.py).

    python benchmarks/corpus.py N OUT_DIR --seed 1                    # wirefeed input + wirefeed.toml
    python benchmarks/corpus.py N OUT_DIR --seed 1 --format pelican   # the same stories for Pelican
    python benchmarks/corpus.py N OUT_DIR --seed 1 --format hugo      # and for Hugo (site in benchmarks/hugo/)

Each story is drawn from its own random stream, seeded by (seed, index), so a corpus of
1,000 is the first 1,000 stories of a corpus of 10,000, and the same seed always gives the
same bytes. The text is English built from sentence templates and a newsroom vocabulary
(sections, officials, companies, figures), with the variety wirefeed's reader has to
handle: section lines, three date spellings plus updates, bylines with and without an
affiliation, datelines, captions with each credit style, sign-offs, hard-wrapped copy,
sidecars with keywords and image URLs, and (once wirefeed reads `.html`) CMS pages with
JSON-LD and OpenGraph. Dates carry no zone: the site's zone (Asia/Shanghai) applies.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import math
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable, Literal, NamedTuple

Format = Literal["wire", "pelican", "hugo"]

SITE_URL = "https://wire.example.com/"
PUBLISHER = "Global Times"
TIMEZONE = "Asia/Shanghai"
# Where HTML pages say they were first published: an aggregator republishes them from there.
CANONICAL_HOST = "https://www.globaltimes.cn/"
PELICAN_SETTINGS = Path(__file__).resolve().parent / "pelican" / "pelicanconf.py"
# The Hugo site (config and layouts) that --format hugo puts around the content it writes.
HUGO_SITE = Path(__file__).resolve().parent / "hugo"

# Stories are spread over 18 months; an aggregator at 100,000 stories gets about 180 a day.
FIRST_DAY = datetime(2024, 1, 1)
SPAN_MINUTES = 548 * 24 * 60

# Word counts: a log-normal around 600 words, clamped to what news copy runs to.
MEDIAN_WORDS = 560
WORDS_SPREAD = 0.45
MIN_WORDS, MAX_WORDS = 150, 1500

# A build time after every story and update in the corpus, for `wirefeed build --now`: with it a
# build's bytes do not depend on the clock, and no story is held back as embargoed.
BUILD_TIME = (FIRST_DAY + timedelta(minutes=SPAN_MINUTES, days=2)).isoformat() + "+08:00"

SIDECAR_SHARE = 0.3
HEADER_CAPTION_SHARE = 0.55
BODY_CAPTION_SHARE = 0.15
DUPLICATED_CAPTION_SHARE = 0.05  # Global Times pages print some captions twice
WRAPPED_SHARE = 0.2
DATELINE_SHARE = 0.35
SIGNOFF_SHARE = 0.35
UPDATED_SHARE = 0.15
SECTION_LINE_SHARE = 0.9
HTML_SHARE_WHEN_READABLE = 0.1
STAFF_SIZE = 120

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Yin", "Shen", "Cao", "Deng")
GIVEN_NAMES = ("Qi", "Xuanmin", "Qingqing", "Yeping", "Hao", "Lei", "Jing", "Wei", "Yun", "Tingting", "Shasha", "Xiaoyu", "Zichen", "Ruoxi", "Jun", "Min", "Lu", "Yan", "Bo", "Fei", "Siqi", "Yuchen", "Ruohan", "Dan")
WESTERN_FIRST = ("Sarah", "James", "Anna", "David", "Maria", "Tom", "Laura", "Peter", "Elena", "Michael", "Nadia", "Oliver")
WESTERN_LAST = ("Miller", "Novak", "Okafor", "Schmidt", "Rossi", "Tanaka", "Kim", "Dubois", "Silva", "Hughes", "Petrov", "Lindqvist")

CITIES = (
    ("BEIJING", "Beijing", "the Chinese capital"),
    ("SHANGHAI", "Shanghai", "East China"),
    ("SHENZHEN", "Shenzhen", "South China's Guangdong Province"),
    ("GUANGZHOU", "Guangzhou", "South China's Guangdong Province"),
    ("HANGZHOU", "Hangzhou", "East China's Zhejiang Province"),
    ("CHENGDU", "Chengdu", "Southwest China's Sichuan Province"),
    ("WUHAN", "Wuhan", "Central China's Hubei Province"),
    ("XI'AN", "Xi'an", "Northwest China's Shaanxi Province"),
    ("HEFEI", "Hefei", "East China's Anhui Province"),
    ("GUIYANG", "Guiyang", "Southwest China's Guizhou Province"),
    ("HONG KONG", "Hong Kong", "the Hong Kong Special Administrative Region"),
    ("TIANJIN", "Tianjin", "North China"),
)
FOREIGN_CITIES = (("WASHINGTON", "Washington"), ("BRUSSELS", "Brussels"), ("GENEVA", "Geneva"), ("TOKYO", "Tokyo"), ("JAKARTA", "Jakarta"), ("NAIROBI", "Nairobi"))
AGENCIES = ("Xinhua", "Xinhua", "Reuters", "AFP")
SIGNOFFS = ("Global Times", "Global Times", "Xinhua", "China Daily")
CREDITS = ("Photo: IC", "(Photo: VCG)", "Photo/Agencies", "Photo: Xinhua", "Photo: cnsphoto", "Photo: Li Hao/GT", "(Photo: Courtesy of the company)")
INSTITUTIONS = (
    "the Chinese Academy of Social Sciences", "Renmin University of China", "the China Center for International Economic Exchanges",
    "Peking University", "Tsinghua University", "Fudan University", "the Shanghai Institutes for International Studies",
    "a Beijing-based consultancy", "the China Association of Automobile Manufacturers", "a Shenzhen-based research institute",
)
ROLES = ("a senior research fellow", "a professor", "the director of the research department", "a chief economist", "a senior analyst", "a deputy director", "a researcher")
SOURCES = ("the National Bureau of Statistics", "the General Administration of Customs", "the Ministry of Commerce", "local authorities", "an industry association", "the China Chamber of International Commerce")


@dataclass(frozen=True, slots=True)
class Topic:
    """The vocabulary of one news section."""

    name: str
    parents: tuple[str, ...]  # what a section line puts before it: SOURCE / ECONOMY, WORLD > ASIA
    actors: tuple[str, ...]  # who acts and announces
    measures: tuple[str, ...]  # what rises and falls
    projects: tuple[str, ...]  # what is launched, built or signed
    goals: tuple[str, ...]  # verb phrases: what the actors want
    drivers: tuple[str, ...]  # noun phrases: what pushes things along
    risks: tuple[str, ...]  # noun phrases: what worries people
    groups: tuple[str, ...]  # who is affected
    keywords: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Economy", ("SOURCE", "CHINA"),
        ("the National Bureau of Statistics", "the People's Bank of China", "the Ministry of Commerce", "the State Council", "the Ministry of Finance", "the National Development and Reform Commission"),
        ("retail sales", "industrial output", "fixed-asset investment", "consumer prices", "exports", "imports", "the purchasing managers' index", "foreign direct investment"),
        ("a new free trade zone", "a pilot program for cross-border payments", "a consumption voucher scheme", "a package of tax cuts for small firms", "a special bond program"),
        ("stabilize employment", "boost domestic consumption", "attract more foreign investment", "support small and medium-sized enterprises", "keep prices stable"),
        ("strong holiday spending", "rising demand for services", "government infrastructure spending", "a recovery in manufacturing", "new export orders"),
        ("weak global demand", "a slowdown in the property sector", "rising trade barriers", "local government debt", "volatile commodity prices"),
        ("small businesses", "exporters", "consumers", "foreign investors", "manufacturers"),
        ("GDP", "consumption", "trade", "inflation", "investment", "policy", "yuan"),
    ),
    Topic(
        "Business", ("SOURCE", "BIZ"),
        ("the company", "the automaker", "the retailer", "the e-commerce platform", "the state-owned shipping group", "the logistics firm"),
        ("quarterly revenue", "net profit", "vehicle deliveries", "online sales", "container throughput", "market share"),
        ("a new factory", "a joint venture with a European partner", "an overseas research center", "a share buyback plan", "a new logistics hub"),
        ("expand into Southeast Asian markets", "cut costs across its supply chain", "double its production capacity", "strengthen its after-sales network", "list its shares in Hong Kong"),
        ("strong demand for electric vehicles", "the growth of live-streaming sales", "lower raw material costs", "new product launches", "government subsidies"),
        ("a price war in the domestic market", "rising labor costs", "tighter export controls", "slowing overseas orders", "a shortage of skilled workers"),
        ("suppliers", "shareholders", "dealers", "online shoppers", "investors"),
        ("EV", "e-commerce", "earnings", "logistics", "retail", "listing", "automakers"),
    ),
    Topic(
        "Technology", ("SOURCE", "SCI-TECH"),
        ("the Ministry of Industry and Information Technology", "the chipmaker", "the smartphone maker", "the cloud computing unit", "the China Semiconductor Industry Association", "the telecom operator"),
        ("chip output", "5G base station numbers", "smartphone shipments", "cloud revenue", "industrial robot installations", "data center capacity"),
        ("a new 28-nanometer chip plant", "a national computing network", "a large language model for industry", "a satellite internet constellation", "an open-source operating system"),
        ("reduce reliance on imported chips", "build a more resilient supply chain", "bring artificial intelligence to factories", "speed up the rollout of 5G-Advanced", "train more engineers"),
        ("demand for artificial intelligence servers", "state support for the chip industry", "the rollout of 5G networks", "falling prices of memory chips", "a wave of new smartphone models"),
        ("US export restrictions", "a shortage of advanced equipment", "intellectual property disputes", "slowing consumer demand", "data security rules"),
        ("chip designers", "app developers", "telecom operators", "equipment makers", "research institutes"),
        ("semiconductors", "5G", "AI", "chips", "SMIC", "smartphones", "cloud computing"),
    ),
    Topic(
        "Society", ("CHINA", "NATION"),
        ("the Ministry of Education", "the National Health Commission", "the Ministry of Civil Affairs", "local authorities", "the city government", "the Ministry of Human Resources and Social Security"),
        ("college enrollment", "the number of elderly care beds", "urban employment", "rail passenger trips", "hospital visits", "the birth rate"),
        ("a new vocational training program", "a community elderly care center", "free medical checkups for rural residents", "a new high-speed rail line", "a campaign to renovate old residential compounds"),
        ("improve public services", "help graduates find jobs", "ease the burden on families", "extend health care to rural areas", "make cities more livable"),
        ("growing demand from elderly residents", "new rail links", "a rise in graduates", "more flexible work", "government subsidies for families"),
        ("a shortage of care workers", "rising housing costs", "an aging population", "uneven school resources", "summer floods"),
        ("graduates", "elderly residents", "migrant workers", "parents", "rural residents"),
        ("education", "health", "employment", "elderly care", "transport", "housing"),
    ),
    Topic(
        "World", ("WORLD",),
        ("the Foreign Ministry", "the foreign minister", "the United Nations", "the European Commission", "the ASEAN secretariat", "the G20 presidency"),
        ("bilateral trade", "two-way investment", "tourist arrivals", "aid pledges", "grain shipments", "energy imports"),
        ("a new round of trade talks", "a memorandum of understanding on green energy", "a visa-free travel arrangement", "a joint statement on climate cooperation", "a new direct flight route"),
        ("deepen practical cooperation", "ease tensions in the region", "keep supply chains open", "expand people-to-people exchanges", "resolve disputes through dialogue"),
        ("closer trade ties", "high-level visits", "the Belt and Road Initiative", "the return of international flights", "growing demand for clean energy"),
        ("geopolitical tensions", "sanctions", "the conflict in the region", "protectionism", "a debt crisis in developing countries"),
        ("diplomats", "exporters", "travelers", "observers", "developing countries"),
        ("diplomacy", "ASEAN", "EU", "trade talks", "UN", "Belt and Road"),
    ),
    Topic(
        "Science", ("SOURCE", "SCI-TECH"),
        ("the China National Space Administration", "the Chinese Academy of Sciences", "a research team", "the China Meteorological Administration", "the Ministry of Science and Technology", "the National Natural Science Foundation"),
        ("research spending", "patent applications", "the number of satellite launches", "published papers", "rice yields", "observing time"),
        ("a lunar sample return mission", "a new radio telescope", "a deep-sea research vessel", "a hybrid rice variety", "a quantum communication network"),
        ("push the frontiers of basic research", "bring more findings into industry", "train a new generation of scientists", "improve weather forecasting", "open facilities to foreign researchers"),
        ("steady state funding", "international cooperation", "new instruments", "a growing pool of young researchers", "commercial launch companies"),
        ("a shortage of research funding", "a brain drain", "equipment delays", "extreme weather", "restrictions on academic exchanges"),
        ("scientists", "students", "research institutes", "farmers", "astronomers"),
        ("space", "research", "Chang'e", "quantum", "agriculture", "climate"),
    ),
    Topic(
        "Sports", ("SPORTS",),
        ("the Chinese Football Association", "the General Administration of Sport", "the organizing committee", "the national team", "the club", "the Chinese Olympic Committee"),
        ("ticket sales", "television audiences", "the number of registered players", "sponsorship income", "gym memberships", "marathon entries"),
        ("a new youth football academy", "the national games", "a marathon season", "a winter sports campaign", "a new stadium"),
        ("raise the level of the domestic league", "get more young people into sports", "host more international events", "build more public sports facilities", "improve coaching"),
        ("growing interest in winter sports", "strong crowds", "new sponsors", "better training facilities", "a string of international wins"),
        ("injuries to key players", "a tight schedule", "financial trouble at clubs", "hot weather", "a lack of qualified coaches"),
        ("fans", "young athletes", "coaches", "club owners", "amateur runners"),
        ("football", "Olympics", "marathon", "basketball", "winter sports", "CBA"),
    ),
    Topic(
        "Culture", ("LIFE", "CULTURE"),
        ("the Palace Museum", "the Ministry of Culture and Tourism", "the film bureau", "the organizers", "the publishing house", "the theater company"),
        ("box office takings", "museum visits", "domestic tourist trips", "book sales", "ticket bookings", "streaming views"),
        ("a new exhibition of Song Dynasty paintings", "a heritage restoration project", "an international film festival", "a digital museum platform", "a tour of traditional opera"),
        ("bring traditional culture to younger audiences", "protect intangible cultural heritage", "attract more foreign tourists", "support independent filmmakers", "make museums more accessible"),
        ("a boom in holiday travel", "social media buzz", "a string of domestic hits", "new night-time events", "interest in traditional crafts"),
        ("a shortage of skilled restorers", "piracy", "crowding at popular sites", "rising ticket prices", "competition from short videos"),
        ("tourists", "filmmakers", "young audiences", "museum visitors", "artists"),
        ("film", "museums", "tourism", "heritage", "box office", "opera"),
    ),
    Topic(
        "Environment", ("CHINA", "ECOLOGY"),
        ("the Ministry of Ecology and Environment", "the National Energy Administration", "the forestry administration", "the provincial government", "environmental groups", "the State Grid"),
        ("installed solar capacity", "wind power generation", "carbon emissions", "the share of clean energy", "forest coverage", "air quality readings"),
        ("a national carbon market expansion", "an offshore wind farm", "a wetland protection program", "a pumped hydro storage station", "a new national park"),
        ("peak carbon emissions before 2030", "cut air pollution in northern cities", "protect endangered species", "build a cleaner power grid", "restore degraded grassland"),
        ("falling costs of solar panels", "new transmission lines", "stricter emission standards", "green finance", "public awareness campaigns"),
        ("extreme heat", "grid bottlenecks", "droughts", "illegal logging", "pressure from heavy industry"),
        ("power companies", "farmers", "residents", "coal miners", "conservationists"),
        ("climate", "solar", "wind power", "carbon", "pollution", "wildlife"),
    ),
)

# Sentence templates. `{measure}` and friends are filled from the story's topic; every sentence ends a
# sentence, and none says "photo", "image" or "picture", which the reader takes for a credit.
LEDES = (
    "{actor_cap} said on {weekday} that {measure} rose {pct} percent year on year in {month}, {expectation}.",
    "{actor_cap} on {weekday} unveiled {project} in {city}, as part of efforts to {goal}.",
    "{measure_cap} fell {pct} percent in {month} from a year earlier, {actor} said on {weekday}, as {risk} weighed on {groups}.",
    "{actor_cap} will launch {project} in {city} later this year, in a move analysts said would help {goal}.",
    "{groups_cap} in {city} are expected to benefit from {project}, which {actor} announced on {weekday}.",
    "{actor_cap} pledged on {weekday} to {goal}, amid concern among {groups} over {risk}.",
)
SENTENCES = (
    "“We expect {measure} to {trend} this year, helped by {driver},” said {person}, {role} at {institution}.",
    "{person}, {role} at {institution}, told the Global Times on {weekday} that the plan would help {goal}.",
    "The figure compares with a rise of {pct2} percent in {prev_month}, according to {source}.",
    "Analysts said {driver} would likely support {measure} in the coming months.",
    "{measure_cap} in the first {months} months of the year rose {pct} percent from a year earlier.",
    "The move is part of a broader plan to {goal} by {year}.",
    "Officials said the program would {goal} and {goal2}.",
    "In {city}, {measure} grew faster than the national average, driven by {driver}.",
    "Some {groups} remain cautious, citing {risk} and {risk2}.",
    "Officials expect {project} to create about {jobs} jobs and cost {amount}.",
    "Data released by {source} on {weekday} showed that {measure} had risen {pct2} percent in the year to the end of {prev_month}.",
    "“This is a long-term effort, and we will keep investing in it,” {person} said.",
    "{actor_cap} said it would review the results at the end of the year and adjust the measures if needed.",
    "The measures come amid concern among {groups} across the country about {risk}.",
    "According to a statement on its website, {actor} will also set up a working group to {goal2}.",
    "Local governments have been told to report their progress every quarter, the statement said.",
    "{groups_cap} welcomed the decision, saying it would bring more certainty to their plans.",
    "{person} said {risk} remained the biggest uncertainty, but added that the overall trend was positive.",
    "Over the past five years, {measure} grew by an average of {pct2} percent a year.",
    "The first phase of {project} will be completed by the end of {year}, with a second phase to follow.",
    "Experts expect {driver} to play a bigger role in the second half of the year.",
    "{city} was among the first cities to try out the policy, and the results were encouraging, {person} said.",
    "{actor_cap} did not give a timetable for {project}, but said preparations were under way.",
    "The plan drew mixed reactions from {groups}, some of whom said it did not go far enough.",
    "{measure_cap} came under pressure early last year because of {risk}.",
    "Industry insiders said {driver} had helped to offset {risk}.",
    "{person} said the key was to {goal}, rather than to chase short-term growth.",
    "Similar measures were introduced in {city} last year, where they helped to {goal}.",
    "{groups_cap} will be able to apply for support through an online platform from next month.",
    "A spokesperson for {actor} said the figures reflected {driver}.",
    "{city} alone accounted for about {pct} percent of the total, according to {source}.",
    "“The direction is clear, but the pace will depend on {risk},” said {person}, {role} at {institution}.",
    "“{groups_cap} need stable expectations, and this policy provides them,” {person} said.",
    "Observers expect {measure} to {trend} over the rest of the year.",
    "The announcement follows a meeting in {city} last week at which officials discussed how to {goal}.",
    "{actor_cap} also called for efforts to {goal2}.",
    "Critics say the plan does little to address {risk}.",
    "More than {jobs} {groups} have already signed up, according to {source}.",
    "It is the {ordinal} time this year that {actor} has announced measures of this kind.",
    "The government has set aside {amount} for the program over the next {years} years.",
)
HEADLINES = (
    "{measure_cap} up {pct} percent in {month}",
    "{measure_cap} down {pct2} percent in {month} as {risk} bites",
    "{actor_cap} unveils {project} in {city}",
    "{city} to launch {project}",
    "{actor_cap} vows to {goal}",
    "{groups_cap} cautious as {risk} weighs on {measure}",
    "Record high for {measure} on {driver}",
    "{project_cap} to help {goal}, officials say",
)
CAPTIONS = (
    "Workers check equipment at a plant in {city}, {region}, on {weekday}.",
    "Visitors look around an exhibition in {city}, {region}, on {weekday}.",
    "A view of the construction site of {project} in {city}.",
    "Residents take part in a community event in {city}, {region}.",
    "Staff members attend a launch ceremony in {city} on {weekday}.",
    "Passengers walk through a hall at a station in {city}, {region}, during the holiday.",
)
TRENDS = ("grow steadily", "pick up in the second half", "stay broadly stable", "rebound strongly", "rise by around 5 percent")
EXPECTATIONS = ("beating market expectations", "slightly below market forecasts", "in line with analysts' estimates", "the fastest pace in six months", "the slowest growth this year")


@dataclass(frozen=True, slots=True)
class Picture:
    caption: str
    credit_line: str  # as printed after the caption: `Photo: IC`, `(Photo: VCG)`, `Photo/Agencies`
    url: str | None  # from the sidecar; a text file cannot carry one
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Story:
    """One article, before it is written in any format."""

    index: int
    stem: str  # the file name without suffix: wirefeed's id, Pelican's slug
    headline: str
    topic: str
    published: datetime  # naive: the copy gives no zone
    updated: datetime | None
    date_style: int  # which spelling of the date the copy uses, an index into DATE_STYLES
    section_line: str | None
    byline: str | None
    authors: tuple[str, ...]  # who the copy credits, by wirefeed's rules: byline, sign-off, agency, publisher
    dateline: str | None
    paragraphs: tuple[str, ...]
    header_picture: Picture | None
    body_picture: Picture | None
    signoff: str | None
    keywords: tuple[str, ...]  # only in a sidecar: wire copy has no place for them
    has_sidecar: bool
    wrapped: bool
    as_html: bool

    @property
    def folder(self) -> str:
        return f"{self.published.year:04d}/{self.published.month:02d}"

    @property
    def sections(self) -> tuple[str, ...]:
        if self.section_line is None:
            return ()
        return tuple(part.strip().title() for part in re.split(r"\s[/>|»]\s", self.section_line))

    @property
    def category(self) -> str:
        """Pelican allows one category: the most specific section (`SOURCE / ECONOMY` -> Economy)."""
        return self.sections[-1] if self.sections else self.topic

    @property
    def summary(self) -> str:
        """The lede's first sentence, without its dateline: what wirefeed's description is drawn from."""
        return re.split(r"(?<=[.!?”])\s+", self.paragraphs[0], maxsplit=1)[0]

    @property
    def pictures(self) -> tuple[Picture, ...]:
        return tuple(picture for picture in (self.header_picture, self.body_picture) if picture)


# --- Drawing stories -----------------------------------------------------------------------


def story_rng(seed: int, index: int, stream: str = "story") -> random.Random:
    # A string seed is hashed with SHA-512 by `random`, so streams are stable across Python versions
    # and processes (unlike hash()), and one story's draws never shift another's.
    return random.Random(f"wirefeed-bench/{seed}/{index}/{stream}")


def staff(seed: int) -> tuple[str, ...]:
    """The newsroom's reporters: a fixed pool, so bylines repeat the way they do in a real desk."""
    rng = story_rng(seed, -1, "staff")
    names: list[str] = []
    while len(names) < STAFF_SIZE:
        if rng.random() < 0.85:
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
        else:
            name = f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}"
        if name not in names:
            names.append(name)
    return tuple(names)


def draw_story(seed: int, index: int, reporters: Sequence[str], html_share: float) -> Story:
    """Story `index` of the corpus for `seed`; the same arguments always give the same story."""
    rng = story_rng(seed, index)
    topic = rng.choice(TOPICS)
    published = FIRST_DAY + timedelta(minutes=rng.randrange(SPAN_MINUTES))
    date_style = rng.randrange(len(DATE_STYLES))
    if DATE_STYLES[date_style].day_only:  # a day only: held at noon (README: Date rules), Pelican's date too
        published = published.replace(hour=12, minute=0)
    headline = _sentence_case(rng.choice(HEADLINES).format_map(_Slots(rng, topic, published)))
    dateline, agency = _dateline(rng, published)
    signoff = rng.choice(SIGNOFFS) if rng.random() < SIGNOFF_SHARE else None
    byline, people = _byline(rng, reporters)
    has_sidecar = rng.random() < SIDECAR_SHARE
    header_picture = _picture(rng, topic, published, has_sidecar) if rng.random() < HEADER_CAPTION_SHARE else None
    body_picture = _picture(rng, topic, published, has_sidecar) if rng.random() < BODY_CAPTION_SHARE else None
    return Story(
        index=index,
        stem=f"{published:%Y-%m-%d}-{_slug(headline)}-{index:06d}",
        headline=headline,
        topic=topic.name,
        published=published,
        updated=published + timedelta(minutes=rng.randrange(30, 12 * 60)) if rng.random() < UPDATED_SHARE else None,
        date_style=date_style,
        section_line=_section_line(rng, topic) if rng.random() < SECTION_LINE_SHARE else None,
        byline=byline,
        authors=_credited(people, signoff, agency),
        dateline=dateline,
        paragraphs=_body(rng, topic, published),
        header_picture=header_picture,
        body_picture=body_picture,
        signoff=signoff,
        keywords=tuple(rng.sample(topic.keywords, rng.randint(2, 4))) if has_sidecar else (),
        has_sidecar=has_sidecar,
        wrapped=rng.random() < WRAPPED_SHARE,
        # A stream of its own: switching HTML pages on changes how a story is written, not what it says.
        as_html=story_rng(seed, index, "format").random() < html_share,
    )


def stories(count: int, seed: int, html_share: float = 0.0) -> Iterator[Story]:
    """The first `count` stories for `seed`, one at a time (a corpus of 100,000 is never held whole)."""
    reporters = staff(seed)
    for index in range(count):
        yield draw_story(seed, index, reporters, html_share)


class _Slots(dict[str, str]):
    """Values for template slots, each drawn on first use.

    `str.format_map` asks only for the slots a template names, in order, so a sentence costs a
    few draws rather than one for every slot, and the draws stay deterministic.
    """

    def __init__(self, rng: random.Random, topic: Topic, published: datetime) -> None:
        super().__init__()
        self.rng = rng
        self.topic = topic
        self.published = published

    def __missing__(self, key: str) -> str:
        if key.endswith("_cap"):
            value = _capitalized(self[key.removesuffix("_cap")])
        elif key in ("city", "region"):
            _, self["city"], self["region"] = self.rng.choice(CITIES)
            return self[key]
        else:
            value = _SLOT_DRAWS[key](self)
        self[key] = value
        return value

    def month_before(self, days: int) -> str:
        return MONTHS[(self.published - timedelta(days=days)).month - 1]


def _topic_slot(attribute: str, unlike: str | None = None) -> Callable[[_Slots], str]:
    """A draw from the topic's vocabulary; `unlike` names a slot it must differ from (`risk` and `risk2`)."""

    def draw(slots: _Slots) -> str:
        choices: tuple[str, ...] = getattr(slots.topic, attribute)
        if unlike is not None:
            taken = slots[unlike]
            choices = tuple(choice for choice in choices if choice != taken)
        return slots.rng.choice(choices)

    return draw


def _choice_slot(choices: Sequence[str]) -> Callable[[_Slots], str]:
    return lambda slots: slots.rng.choice(choices)


_SLOT_DRAWS: dict[str, Callable[[_Slots], str]] = {
    "actor": _topic_slot("actors"), "measure": _topic_slot("measures"), "project": _topic_slot("projects"),
    "goal": _topic_slot("goals"), "goal2": _topic_slot("goals", unlike="goal"), "driver": _topic_slot("drivers"),
    "risk": _topic_slot("risks"), "risk2": _topic_slot("risks", unlike="risk"), "groups": _topic_slot("groups"),
    # News says "on Tuesday" for the day of publication or the day or two before it.
    "weekday": lambda slots: WEEKDAYS[(slots.published - timedelta(days=slots.rng.randint(0, 2))).weekday()], "role": _choice_slot(ROLES), "institution": _choice_slot(INSTITUTIONS),
    "source": _choice_slot(SOURCES), "trend": _choice_slot(TRENDS), "expectation": _choice_slot(EXPECTATIONS),
    "months": _choice_slot(("two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "11")),
    # Monthly data is reported for the month before, and compared with the month before that.
    "month": lambda slots: slots.month_before(slots.rng.randint(20, 40)),
    "prev_month": lambda slots: slots.month_before(slots.rng.randint(50, 70)),
    "pct": lambda slots: f"{slots.rng.uniform(0.3, 18):.1f}",
    "pct2": lambda slots: f"{slots.rng.uniform(0.3, 12):.1f}",
    "amount": lambda slots: _amount(slots.rng),
    "jobs": lambda slots: f"{slots.rng.randrange(500, 20000, 100):,}",
    "year": lambda slots: str(slots.published.year + slots.rng.randint(1, 6)),
    "person": lambda slots: _expert(slots.rng),
    "ordinal": _choice_slot(("second", "third", "fourth")),
    "years": _choice_slot(("three", "five", "10")),
}


def _body(rng: random.Random, topic: Topic, published: datetime) -> tuple[str, ...]:
    target = round(min(MAX_WORDS, max(MIN_WORDS, rng.lognormvariate(math.log(MEDIAN_WORDS), WORDS_SPREAD))))
    paragraphs = [rng.choice(LEDES).format_map(_Slots(rng, topic, published))]
    words = len(paragraphs[0].split())
    templates: list[str] = []
    while words < target:
        sentences = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            if not templates:  # deal the templates like cards, so a story repeats one only once it has used them all
                templates = rng.sample(SENTENCES, len(SENTENCES))
            sentences.append(templates.pop().format_map(_Slots(rng, topic, published)))
        paragraphs.append(" ".join(sentences))
        words += len(paragraphs[-1].split())
    return tuple(paragraphs)


def _credited(people: tuple[str, ...], signoff: str | None, agency: str | None) -> tuple[str, ...]:
    """Who wirefeed credits: the byline's people, else the sign-off, else the dateline's agency, else the publisher."""
    if people:
        return people
    return (signoff or agency or PUBLISHER,)


def _dateline(rng: random.Random, published: datetime) -> tuple[str | None, str | None]:
    """`BEIJING, March 11 (Xinhua) --` or `WASHINGTON (Reuters) --`, and the agency it names."""
    if rng.random() >= DATELINE_SHARE:
        return None, None
    agency = rng.choice(AGENCIES)
    if agency == "Xinhua":
        place = rng.choice(CITIES)[0]
        return f"{place}, {MONTHS[published.month - 1]} {published.day} ({agency}) --", agency
    return f"{rng.choice(FOREIGN_CITIES)[0]} ({agency}) --", agency


def _byline(rng: random.Random, reporters: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """A byline in one of the shapes wire copy uses, and the people it names."""
    shape = rng.random()
    if shape < 0.35:
        return None, ()
    if shape < 0.65:
        name = rng.choice(reporters)
        return f"By {name}", (name,)
    if shape < 0.8:
        name = rng.choice(reporters)
        return f"By {name} | Global Times", (name,)
    if shape < 0.95:
        first, second = rng.sample(list(reporters), 2)
        return f"By {first} and {second}", (first, second)
    first, second, third = rng.sample(list(reporters), 3)
    return f"By {first}, {second} and {third}", (first, second, third)


def _picture(rng: random.Random, topic: Topic, published: datetime, has_sidecar: bool) -> Picture:
    caption = rng.choice(CAPTIONS).format_map(_Slots(rng, topic, published))
    width, height = rng.choice(((1600, 900), (1200, 800), (1024, 683)))
    # Only a sidecar can give a wire story's picture its URL.
    url = f"{SITE_URL}static/images/{published:%Y/%m}/{rng.getrandbits(48):012x}.jpg" if has_sidecar else None
    return Picture(caption=caption, credit_line=rng.choice(CREDITS), url=url, width=width, height=height)


def _section_line(rng: random.Random, topic: Topic) -> str:
    parent = rng.choice(topic.parents)
    name = topic.name.upper()
    shape = rng.randrange(4)
    if shape == 0 or parent == name:
        return name
    separator = (" / ", " > ", " | ")[shape - 1]
    return f"{parent}{separator}{name}"


def _amount(rng: random.Random) -> str:
    if rng.random() < 0.6:
        yuan = rng.uniform(1.2, 950)
        return f"{yuan:.1f} billion yuan (${yuan / 7.2:.2f} billion)"
    return f"${rng.randrange(5, 900)} million"


def _expert(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence_case(headline: str) -> str:
    return _capitalized(headline.removeprefix("the ").removeprefix("The "))


def _slug(headline: str, limit: int = 48) -> str:
    words = re.findall(r"[a-z0-9]+", headline.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


# --- Writing wire copy -----------------------------------------------------------------------


def _gt_date(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{MONTHS[moment.month - 1][:3]} {moment.day}, {moment.year} {hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _iso_date(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _newsroom_date(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year} {hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def _day_only(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


class DateStyle(NamedTuple):
    spell: Callable[[datetime], str]
    day_only: bool  # a day without a time
    bare: bool  # the date stands alone, without `Published:`


DATE_STYLES = (
    DateStyle(_gt_date, day_only=False, bare=False),  # Published: Mar 11, 2021 12:58 PM
    DateStyle(_iso_date, day_only=False, bare=False),  # Published: 2021-03-11 12:58
    DateStyle(_newsroom_date, day_only=False, bare=True),  # March 11, 2021 12:58 p.m.
    DateStyle(_day_only, day_only=True, bare=False),  # Published: 11 March 2021
)


def wire_text(story: Story) -> str:
    """The story as a wire-copy text file."""
    lines = [line for line in (story.section_line, story.headline, *_date_lines(story), story.byline) if line]
    if story.header_picture:
        lines.append(_caption_line(story.header_picture))
        if story.index % round(1 / DUPLICATED_CAPTION_SHARE) == 0:
            lines += ["", _caption_line(story.header_picture)]
    blocks = ["\n".join(lines), *(_wrapped(paragraph) if story.wrapped else paragraph for paragraph in _body_blocks(story))]
    if story.signoff:
        blocks.append(story.signoff)
    return "\n\n".join(blocks) + "\n"


def _date_lines(story: Story) -> list[str]:
    style = DATE_STYLES[story.date_style]
    published = style.spell(story.published) if style.bare else f"Published: {style.spell(story.published)}"
    if story.updated is None:
        return [published]
    # An update has a time even where the publication gives only the day.
    updated = f"Updated: {_gt_date(story.updated) if style.day_only else style.spell(story.updated)}"
    # Global Times' CMS prints both dates on one line; the others put each on its own.
    return [f"{published} {updated}"] if style.spell is _gt_date else [published, updated]


def _body_blocks(story: Story, show_picture: Callable[[Picture], str] | None = None) -> list[str]:
    """The paragraphs, the dateline opening the first and the body's picture after the second.

    The picture is shown by `show_picture` (default: the wire copy's caption line ending in its credit).
    """
    blocks = list(story.paragraphs)
    if story.dateline:
        blocks[0] = f"{story.dateline} {blocks[0]}"
    if story.body_picture:
        blocks.insert(min(2, len(blocks)), (show_picture or _caption_line)(story.body_picture))
    return blocks


def _caption_line(picture: Picture) -> str:
    return f"{picture.caption} {picture.credit_line}"


def _wrapped(paragraph: str) -> str:
    # Only at spaces: the reader joins wrapped lines with a space, so a break inside
    # `year-on-year` would come back as `year- on-year`.
    return textwrap.fill(paragraph, width=72, break_long_words=False, break_on_hyphens=False)


def sidecar_toml(story: Story) -> str:
    """The `<name>.toml` beside the story: its keywords and the URL and size of each picture."""
    lines = [f"keywords = {_toml_list(story.keywords)}"]
    for picture in story.pictures:
        lines += ["", "[[images]]", f"url = {_toml_string(picture.url or '')}", f"width = {picture.width}", f"height = {picture.height}"]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string: same quotes, same escapes.
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_string(item) for item in items) + "]"


def site_toml() -> str:
    return f"""# The benchmark corpus's site: a wire desk republishing Global Times copy (benchmarks/corpus.py).
[site]
title = "Global Times Wire"
base_url = "{SITE_URL}"
description = "Global Times wire copy: economy, business, technology and society news from China."
language = "en"
# Dates in the copy carry no zone: they are Beijing time.
timezone = "{TIMEZONE}"
feed_size = 50

[publisher]
name = "{PUBLISHER}"
url = "{CANONICAL_HOST}"
logo = "static/logo.png"
logo_width = 600
logo_height = 60
"""


# --- Writing HTML pages ----------------------------------------------------------------------


def html_page(story: Story) -> str:
    """The story as a CMS article page: OpenGraph and JSON-LD in the head, the article in the body."""
    canonical = f"{CANONICAL_HOST}page/{story.published:%Y%m}/{story.stem}.html"
    published = story.published.isoformat() + "+08:00"
    head = [
        '<meta charset="utf-8">',
        f"<title>{_e(story.headline)} - {PUBLISHER}</title>",
        f'<link rel="canonical" href="{canonical}">',
        f'<meta name="description" content="{_e(story.summary)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_e(story.headline)}">',
        f'<meta property="og:url" content="{canonical}">',
        f'<meta property="og:site_name" content="{PUBLISHER}">',
        f'<meta property="article:published_time" content="{published}">',
        *(f'<meta property="og:image" content="{picture.url}">' for picture in story.pictures if picture.url),
        f'<script type="application/ld+json">{_jsonld(story, canonical, published)}</script>',
    ]
    body = [
        f"<h1>{_e(story.headline)}</h1>",
        f'<p class="byline">{_e(story.byline or "")}</p>' if story.byline else "",
        f'<time datetime="{published}">{_gt_date(story.published)}</time>',
        *(_figure(picture) for picture in story.pictures),
        *(f"<p>{_e(paragraph)}</p>" for paragraph in _body_blocks(replace(story, body_picture=None))),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{_lines(head)}\n</head>\n<body>\n'
        f'<header><a href="{CANONICAL_HOST}">{PUBLISHER}</a> <nav><a href="/economy">Economy</a> <a href="/world">World</a></nav></header>\n'
        f"<main><article>\n{_lines(body)}\n</article></main>\n<footer>Copyright {PUBLISHER}</footer>\n</body>\n</html>\n"
    )


def _jsonld(story: Story, canonical: str, published: str) -> str:
    document: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "datePublished": published,
        "mainEntityOfPage": canonical,
        "author": [{"@type": "Person" if story.byline else "Organization", "name": name} for name in story.authors],
        "publisher": {"@type": "Organization", "name": PUBLISHER},
    }
    optional = {
        "articleSection": list(story.sections),
        "keywords": list(story.keywords),
        "image": [picture.url for picture in story.pictures if picture.url],
    }
    document.update((key, value) for key, value in optional.items() if value)
    # `</` cannot end the script element early once `<` is escaped.
    return json.dumps(document, ensure_ascii=False).replace("<", "\\u003c")


def _figure(picture: Picture) -> str:
    image = f'<img src="{picture.url}" width="{picture.width}" height="{picture.height}" alt="{_e(picture.caption)}">' if picture.url else ""
    return f"<figure>{image}<figcaption>{_e(picture.caption)} <span class=\"credit\">{_e(picture.credit_line)}</span></figcaption></figure>"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(parts: Sequence[str]) -> str:
    return "\n".join(part for part in parts if part)


# --- Writing Pelican Markdown ------------------------------------------------------------------


def pelican_markdown(story: Story) -> str:
    """The same story as a Pelican Markdown article: metadata lines, a blank line, the body."""
    metadata = {
        "Title": story.headline,
        "Date": f"{story.published:%Y-%m-%d %H:%M}",
        "Modified": f"{story.updated:%Y-%m-%d %H:%M}" if story.updated else "",
        "Authors": ", ".join(story.authors),
        "Category": story.category,
        "Tags": ", ".join(story.keywords),
        "Slug": story.stem,
        "Summary": story.summary,
    }
    header = "\n".join(f"{key}: {value}" for key, value in metadata.items() if value)
    return header + "\n\n" + "\n\n".join(_markdown_blocks(story)) + "\n"


def _markdown_blocks(story: Story) -> list[str]:
    """The body as Markdown blocks, for Pelican and Hugo alike.

    Markdown has no figure; a block of raw HTML passes through Python-Markdown untouched, and
    through Hugo's Goldmark with `unsafe` on (benchmarks/hugo/hugo.toml).
    """
    blocks = [_figure(story.header_picture) if story.header_picture else "", *_body_blocks(story, show_picture=_figure)]
    if story.signoff:
        blocks.append(story.signoff)
    return [block for block in blocks if block]


# --- Writing Hugo content -----------------------------------------------------------------------


def hugo_markdown(story: Story) -> str:
    """The same story as a Hugo page: TOML front matter between `+++` lines, then the Markdown body.

    The date carries the site's zone, as wirefeed reads it; sections and authors are the site's two
    taxonomies (benchmarks/hugo/hugo.toml), so each gets a page and feeds of its own, as in wirefeed.
    `credits` is everyone the feeds name as an author; `authors`, the taxonomy, leaves the publisher
    out, as wirefeed gives feeds to bylined authors only.
    """
    image_urls = [picture.url for picture in story.pictures if picture.url]
    bylined = [name for name in story.authors if name != PUBLISHER]
    front_matter = [
        f"title = {_toml_string(story.headline)}",
        f"date = {_zoned(story.published)}",
        f"lastmod = {_zoned(story.updated)}" if story.updated else "",
        f"slug = {_toml_string(story.stem)}",
        f"summary = {_toml_string(story.summary)}",
        f"sections = {_toml_list(story.sections)}" if story.sections else "",
        f"credits = {_toml_list(story.authors)}",
        f"authors = {_toml_list(bylined)}" if bylined else "",
        f"keywords = {_toml_list(story.keywords)}" if story.keywords else "",
        f"images = {_toml_list(image_urls)}" if image_urls else "",
    ]
    return "+++\n" + _lines(front_matter) + "\n+++\n\n" + "\n\n".join(_markdown_blocks(story)) + "\n"


def _zoned(moment: datetime) -> str:
    """A TOML offset date-time in the site's zone (the copy's dates are Beijing time)."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}+08:00"


def hugo_path(root: Path, story: Story) -> Path:
    return root / "content" / "articles" / story.folder / f"{story.stem}.md"


def write_story_hugo(root: Path, story: Story) -> Path:
    path = hugo_path(root, story)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(hugo_markdown(story), encoding="utf-8")
    return path


def copy_hugo_site(out_dir: Path) -> int:
    """Put the Hugo site's config and layouts beside the content; return how many files were copied."""
    copied = 0
    for source in sorted(HUGO_SITE.rglob("*")):
        if source.is_file():
            target = out_dir / source.relative_to(HUGO_SITE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied += 1
    return copied


# --- Writing a corpus ---------------------------------------------------------------------------


def html_is_readable() -> bool:
    """Whether this wirefeed reads `.html` inputs (a colleague is adding the reader)."""
    try:
        from wirefeed.readers import READERS
    except ImportError:
        return False
    return ".html" in READERS


def default_html_share() -> float:
    return HTML_SHARE_WHEN_READABLE if html_is_readable() else 0.0


def input_path(root: Path, story: Story) -> Path:
    """Where the story's wirefeed input goes under `root`."""
    return root / story.folder / f"{story.stem}{'.html' if story.as_html else '.txt'}"


def write_story_input(root: Path, story: Story) -> Path:
    """Write one story's wirefeed input (and its sidecar); return the article file."""
    path = input_path(root, story)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_page(story) if story.as_html else wire_text(story), encoding="utf-8")
    if story.has_sidecar:
        path.with_suffix(".toml").write_text(sidecar_toml(story), encoding="utf-8")
    return path


def pelican_path(root: Path, story: Story) -> Path:
    return root / "content" / story.folder / f"{story.stem}.md"


def write_story_pelican(root: Path, story: Story) -> Path:
    path = pelican_path(root, story)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pelican_markdown(story), encoding="utf-8")
    return path


def write_corpus(count: int, out_dir: Path, *, seed: int, corpus_format: Format = "wire", html_share: float = 0.0) -> int:
    """Write `count` stories into `out_dir` in one format with its config; return how many files were written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for story in stories(count, seed, html_share):
        if corpus_format == "wire":
            write_story_input(out_dir, story)
            written += 2 if story.has_sidecar else 1
        else:
            (write_story_pelican if corpus_format == "pelican" else write_story_hugo)(out_dir, story)
            written += 1
    if corpus_format == "wire":
        (out_dir / "wirefeed.toml").write_text(site_toml(), encoding="utf-8")
    elif corpus_format == "pelican":
        shutil.copyfile(PELICAN_SETTINGS, out_dir / "pelicanconf.py")
    else:
        return written + copy_hugo_site(out_dir)
    return written + 1


def corpus_digest(root: Path) -> str:
    """A short fingerprint of every file's path and bytes: benchmark numbers compare only on equal corpora."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def revised(story: Story, revision: int) -> Story:
    """The story after an editor's change: one added paragraph, different for each revision."""
    note = f"This story has been updated with new figures from {SOURCES[revision % len(SOURCES)]} (revision {revision})."
    return replace(story, paragraphs=(*story.paragraphs[:-1], note, story.paragraphs[-1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, metavar="N", help="how many articles")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", dest="corpus_format", choices=("wire", "pelican", "hugo"), default="wire")
    parser.add_argument("--html-share", type=float, default=None, help="share of HTML pages (default: 0.1 once wirefeed reads .html, else 0)")
    args = parser.parse_args(argv)
    html_share = default_html_share() if args.html_share is None else args.html_share
    if html_share > 0 and not html_is_readable():
        parser.error("--html-share > 0, but this wirefeed has no .html reader (wirefeed.readers.READERS)")
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        parser.error(f"{args.out_dir} is not empty; a corpus is written into an empty folder so that it is exactly the seed's")
    written = write_corpus(args.count, args.out_dir, seed=args.seed, corpus_format=args.corpus_format, html_share=html_share)
    print(f"wrote {args.count} articles ({written} files, digest {corpus_digest(args.out_dir)}) into {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
