"""The Scrapy project: spiders schedule requests, middlewares keep scope, pipelines hand records to the archive."""

__version__ = "0.1.0"
