"""The researcher's web interface: what ``police-archive serve`` adds to Datasette.

Datasette stays the engine (tables, rows, SQL, JSON/CSV, canned queries, dashboards); these modules add what a
person reading the archive needs and keep it fast at 100,000 articles:

* :mod:`archive.web.search_index` — the matching ids of a search, their count and facet counts, computed once per
  version of the archive file (no Datasette import: plain SQLite and numpy);
* :mod:`archive.web.search_speed` — the Datasette glue that answers a search page's count and facet queries from it;
* :mod:`archive.web.snippets` — the text around a match, with the matched words in ``<mark>``;
* :mod:`archive.web.pages` — the home page, the article reading page, the archived capture, the statistics
  explorer and the ranked search page (Datasette routes and templates in ``archive/templates``).
"""
