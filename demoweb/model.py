"""Column and article metadata for the demo sites.

Metadata (title, date, id, source) of every article is computed once per site
when the site is built; bodies are generated lazily (and cached) from the
article seed, see :mod:`demoweb.content`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from demoweb import content
from demoweb.content import Block
from demoweb.facts import Locale
from demoweb.rng import Rng

START = datetime(2021, 1, 4, 8, 0, 0)
END = datetime(2022, 12, 30, 20, 0, 0)


@dataclass(frozen=True)
class FixedArticle:
    """A hand-written article placed into a column at its own date."""

    title: str
    published: datetime
    source: str
    body: tuple[str, ...]


@dataclass(frozen=True)
class ColumnSpec:
    """Static description of a column (栏目)."""

    key: str
    name: str
    kind: str  # "news" or "notice"
    count: int
    page_size: int
    id_base: int
    fixed: FixedArticle | None = None
    table_index: int | None = None  # list position of the article with a data table


@dataclass(frozen=True)
class ArticleMeta:
    """Everything about an article except its body."""

    column_key: str
    index: int  # position in the column list, 0 = newest
    uid: int  # site-unique numeric id used in URLs
    title: str
    published: datetime
    source: str
    topic: str
    seed: str
    attachment: str | None  # link text of the attachment, or None
    views: int
    special: str = ""  # "", "seed" or "table"


@dataclass
class Column:
    """A column with its articles, newest first."""

    spec: ColumnSpec
    articles: tuple[ArticleMeta, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self.articles) / self.spec.page_size))

    def page(self, number: int) -> tuple[ArticleMeta, ...]:
        """Articles of list page ``number`` (1-based)."""
        size = self.spec.page_size
        return self.articles[(number - 1) * size : number * size]

    def neighbours(self, art: ArticleMeta) -> tuple[ArticleMeta | None, ArticleMeta | None]:
        """(previous = newer, next = older) article in list order."""
        i = art.index
        prev = self.articles[i - 1] if i > 0 else None
        nxt = self.articles[i + 1] if i + 1 < len(self.articles) else None
        return prev, nxt

    def related(self, art: ArticleMeta) -> list[ArticleMeta]:
        """Three other articles of the column for the 相关链接 block."""
        n = len(self.articles)
        out: list[ArticleMeta] = []
        for off in (2, 3, 5, 7, 11):
            other = self.articles[(art.index + off) % n]
            if other.index != art.index and other not in out:
                out.append(other)
            if len(out) == 3:
                break
        return out


def _dates(seed: str, count: int) -> list[datetime]:
    rng = Rng(seed)
    span = int((END - START).total_seconds())
    out = []
    for _ in range(count):
        t = START + timedelta(seconds=rng.randrange(span))
        if t.hour < 8 or t.hour > 20:
            t = t.replace(hour=rng.randint(8, 20))
        out.append(t)
    return out


def build_column(
    site_key: str, loc: Locale, spec: ColumnSpec, sources: tuple[str, ...], used_titles: set[str]
) -> Column:
    """Generate the metadata of all articles of a column (deterministic)."""
    base = f"{site_key}:{spec.key}"
    n_random = spec.count - (1 if spec.fixed else 0)
    stamps: list[tuple[datetime, bool]] = [(d, False) for d in _dates(base + ":dates", n_random)]
    if spec.fixed:
        stamps.append((spec.fixed.published, True))
        used_titles.add(spec.fixed.title)
    stamps.sort(key=lambda s: s[0], reverse=True)
    # ids grow with time: walk from the oldest
    rng = Rng(base + ":ids")
    uids = [0] * len(stamps)
    uid = spec.id_base
    for i in range(len(stamps) - 1, -1, -1):
        uid += rng.randint(1, 5)
        uids[i] = uid
    arts: list[ArticleMeta] = []
    for index, (published, is_fixed) in enumerate(stamps):
        seed = f"{base}:{index}"
        r = Rng(seed + ":meta")
        views = r.randint(60, 6000)
        if is_fixed and spec.fixed:
            fx = spec.fixed
            arts.append(ArticleMeta(spec.key, index, uids[index], fx.title, published, fx.source,
                                    "fanzha", seed, None, views, "seed"))
            continue
        if index == spec.table_index:
            title = content.make_table_title(seed, loc, published)
            arts.append(ArticleMeta(spec.key, index, uids[index], title, published, loc.bureau + loc.units[0],
                                    "table", seed, None, views, "table"))
            used_titles.add(title)
            continue
        topic = content.choose_topic(seed, spec.kind)
        title = content.make_title(seed, topic, loc, published)
        for attempt in range(1, 40):
            if title not in used_titles:
                break
            seed = f"{base}:{index}:{attempt}"
            topic = content.choose_topic(seed, spec.kind)
            title = content.make_title(seed, topic, loc, published)
        stem, k = title, 2
        while title in used_titles:
            title, k = f"{stem}（{k}）", k + 1
        used_titles.add(title)
        rate = 0.4 if spec.kind == "notice" else 0.1
        attachment = content.make_attachment_name(seed, topic, loc, published) if topic.attachments and r.random() < rate else None
        source = r.choice(sources)
        arts.append(ArticleMeta(spec.key, index, uids[index], title, published, source, topic.key, seed,
                                attachment, views))
    return Column(spec, tuple(arts))


@lru_cache(maxsize=512)
def _blocks(art: ArticleMeta, loc: Locale, fixed_body: tuple[str, ...] | None) -> tuple[Block, ...]:
    if art.special == "seed" and fixed_body is not None:
        return fixed_body
    if art.special == "table":
        return content.make_table_body(art.seed, loc, art.published)
    topic = content.TOPICS[art.topic]
    return content.make_body(art.seed, topic, loc, art.published)


def article_blocks(art: ArticleMeta, loc: Locale, spec: ColumnSpec) -> tuple[Block, ...]:
    """Body blocks (paragraph strings and tables) of an article."""
    return _blocks(art, loc, spec.fixed.body if spec.fixed else None)


def paragraphs(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """Truth paragraphs: text blocks as is, one paragraph per table row (cells joined by a space)."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b)
        else:
            out.extend(" ".join(row) for row in b)
    return tuple(out)
