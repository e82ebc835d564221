"""The site model of a Layar build and what it is made of: content, routes, catalogs, the
record of what each output reads (``inputs``), the output writer and plan (``outputs``),
templates, rendering and the signals plugins hook.  Not a Pelican plugin: the pipeline
(``layar_build.pipeline``) drives it, and the Pelican plugins build on it."""
