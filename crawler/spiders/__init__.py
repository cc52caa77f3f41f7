"""Spiders of the police-archive Scrapy project."""
