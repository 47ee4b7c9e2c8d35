# Sphinx configuration for building FullTcp's documentation on its own
# (`sphinx-build -W -b html doc build/doc`; CTest `doc-sphinx` does this).
# Inside an ns-3 source tree, ns-3's doc/models build includes doc/fulltcp.rst instead and
# this file is not used.
project = "FullTcp"
author = "FullTcp developers"
root_doc = "index"
master_doc = "index"  # Sphinx < 4 spelling
# Every other .rst but loss-recovery.rst (a page of the index's toctree) is pulled into
# fulltcp.rst by `.. include::`; building them as pages of their own as well would duplicate
# every label.
exclude_patterns = [
    p
    for p in __import__("os").listdir(__import__("os").path.dirname(__file__) or ".")
    if p.endswith(".rst") and p not in ("index.rst", "fulltcp.rst", "loss-recovery.rst")
] + ["replace.txt"]
highlight_language = "cpp"
html_theme = "alabaster"
