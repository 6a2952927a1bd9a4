"""Small graph utilities: user source locations, scratchpads, and graph errors."""

import os
import sys
import sysconfig

_PKG_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_STDLIB_DIRS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}
)
_is_user_cache = {}


def _is_user_file(filename):
    if filename.startswith("<frozen") or filename.startswith("<theano"):
        return False
    path = os.path.abspath(filename) if not filename.startswith("<") else filename
    if path.startswith(_PKG_DIR):
        return False
    if path.startswith(_STDLIB_DIRS) and "site-packages" not in path:
        return False
    return True


def user_frame(skip=1):
    """Return ``(filename, lineno)`` of the innermost frame outside this package.

    Walks frames with ``sys._getframe`` (cheap); the per-filename test is cached.
    Returns None when every frame belongs to the package (e.g. internal graphs).
    """
    frame = sys._getframe(skip)
    cache = _is_user_cache
    while frame is not None:
        filename = frame.f_code.co_filename
        user = cache.get(filename)
        if user is None:
            user = cache[filename] = _is_user_file(filename)
        if user:
            return (filename, frame.f_lineno)
        frame = frame.f_back
    return None


def format_trace(trace):
    """Render a ``(filename, lineno)`` pair as ``file:line  source text``."""
    if not trace:
        return "<unknown location>"
    import linecache

    filename, lineno = trace
    text = linecache.getline(filename, lineno).strip()
    return f"{filename}:{lineno}" + (f"  {text}" if text else "")


class Scratchpad:
    """A plain attribute bag (``var.tag``), as Theano's ``tag`` objects."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        return f"scratchpad{self.__dict__}"


class MethodNotDefined(NotImplementedError):
    """Raised by an Op or Type method a subclass must override."""


class TestValueError(ValueError):
    """A computed test value disagrees with the declared type."""


def add_tag_trace(thing):
    """Record the user's source location on ``thing.tag.trace`` (Theano's name)."""
    thing.tag.trace = user_frame(2)
    return thing
