"""Edits of source files that change no code: the control of the code identity."""

import ast


def with_comment_and_docstrings(source: str) -> str:
    """``source`` with a comment line, its module docstring edited (or one added), and
    every function's docstring edited: the same code."""
    tree = ast.parse(source)
    lines = source.encode().splitlines(keepends=True)  # the syntax tree's columns count bytes
    edits = []  # (line, column) where the text ' Edited.' goes, inside a docstring's quotes
    for node in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef)))]:
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            edits.append((first.end_lineno - 1, first.end_col_offset - 3))
    for line, column in sorted(edits, reverse=True):
        lines[line] = lines[line][:column] + b" Edited." + lines[line][column:]
    text = b"".join(lines).decode()
    if not (tree.body and isinstance(tree.body[0], ast.Expr)):
        text = '"""An added docstring."""\n' + text
    return text + "\n# an added comment\n"
