"""Signals of the column spider, for what other parts need to hear as it happens (Scrapy's custom signals).

Connect with ``crawler.signals.connect(handler, signal=signals.start_failed)``.
"""

#: a start URL or homepage could not be fetched or read: handler(url: str, reason: str)
start_failed = object()
#: site mode found a news column on a homepage: handler(column: dict) with site, name, url, family, articles
column_found = object()
#: the spider is about to finish: handler(walks: dict) with the columns whose pagination it followed to the end,
#: url → {"family", "name"} (sent when the spider goes idle, before a normal close)
columns_walked = object()
