"""Statistics in bulletin text: :func:`extract_metrics` returns one :class:`Metric` per figure."""

from extract.metrics.figures import Metric, extract_metrics

__all__ = ["Metric", "extract_metrics"]
