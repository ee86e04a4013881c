"""Reading files and parsing official-document structure into plain records.

    from policykg.loaders import parse_file
    result = parse_file("notice.txt")   # FileResult: documents + warnings
"""
from .parse import iter_files, parse_file, parse_text
from .read import LoaderError

__all__ = ["LoaderError", "iter_files", "parse_file", "parse_text"]
