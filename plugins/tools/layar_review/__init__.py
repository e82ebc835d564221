"""Pull-request tools: what a change does to the site (``invoke changes``), the pull
request's comment, and the Pages branch that holds the site and its previews."""
