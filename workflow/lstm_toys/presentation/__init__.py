"""Presentation (matplotlib, Jinja2; no TensorFlow): what a figure is and how it is
saved (``figures``), the plots shared by the kinds (``plots``), the HTML report
(``report``, ``templates/``), the notebooks' pieces (``notebook``, ``executed``),
training cost (``costs``) and provenance."""
