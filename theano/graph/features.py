"""FunctionGraph features used by rewriting: the rewrite log, history, and validation."""

import sys
from collections import namedtuple

from theano.graph.fg import Feature, InconsistencyError
from theano.graph.utils import format_trace

# One applied rewrite: its name, the variable it replaced and the replacement.
RewriteRecord = namedtuple("RewriteRecord", "name old new")


def _describe(var):
    """``var`` with the node that computes it, e.g. ``Elemwise{mul,no_inplace}(x, y)``."""
    if var.owner is None:
        return str(var)
    return str(var.owner)


class RewriteLog(Feature):
    """Records every replacement made while rewriting: (rewrite name, old var, new var).

    Attached by ``theano.function``; a compiled function exposes it as
    ``f.maker.rewrites``.  With ``config.optimizer_verbose`` each record is also
    printed as it happens, in Theano 1.0's format.
    """

    def __init__(self):
        self.entries = []
        # rewrite name -> "file:line" where the rewrite is defined
        self.where = {}

    def on_attach(self, fgraph):
        fgraph.rewrite_log = self

    def on_detach(self, fgraph):
        if getattr(fgraph, "rewrite_log", None) is self:
            del fgraph.rewrite_log

    def record(self, name, old, new, where=None):
        self.entries.append(RewriteRecord(str(name), old, new))
        if where is not None:
            self.where.setdefault(str(name), where)
        from theano.configparser import config

        if config.optimizer_verbose:
            print(
                f"optimizer: rewrite {name} replaces {old} of {old.owner} with {new} of "
                f"{new.owner}",
                file=sys.stdout,
            )

    def names(self):
        """The distinct names of the rewrites applied, in the order they first fired."""
        return list(dict.fromkeys(r.name for r in self.entries))

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)

    def __getitem__(self, i):
        return self.entries[i]

    def format(self):
        """One line per applied rewrite: name, old node, new node, user line of the old node."""
        return format_rewrites(self.entries, self.where)


def format_rewrites(records, where=None):
    """The text ``print_rewrites`` shows for a list of RewriteRecords."""
    where = where or {}
    if not records:
        return "No rewrite was applied."
    lines = []
    for i, (name, old, new) in enumerate(records):
        line = f"{i:3d}  {name}: {_describe(old)}  ->  {_describe(new)}"
        trace = getattr(old.owner.tag, "trace", None) if old.owner is not None else None
        if trace:
            line += f"    # {format_trace(trace).split('  ')[0]}"
        lines.append(line)
    defined = [f"  {n}: {where[n]}" for n in dict.fromkeys(r.name for r in records) if n in where]
    if defined:
        lines.append("Rewrites defined at:")
        lines.extend(defined)
    return "\n".join(lines)


class RewriteList(list):
    """``f.maker.rewrites``: a list of RewriteRecords that prints as a readable table."""

    def __init__(self, records=(), where=None):
        super().__init__(records)
        self.where = dict(where or {})

    def names(self):
        return list(dict.fromkeys(r.name for r in self))

    def __str__(self):
        return format_rewrites(self, self.where)

    def print(self, file=None):
        print(str(self), file=file or sys.stdout)


class History(Feature):
    """Keeps the input changes made since the last checkpoint so they can be undone."""

    def __init__(self):
        self.changes = None

    def on_attach(self, fgraph):
        if hasattr(fgraph, "checkpoint"):
            raise ValueError("A History feature is already attached to this graph")
        self.changes = []
        fgraph.checkpoint = lambda: len(self.changes)
        fgraph.revert = lambda checkpoint: self.revert(fgraph, checkpoint)

    def on_detach(self, fgraph):
        del fgraph.checkpoint
        del fgraph.revert
        self.changes = None

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        if self.changes is not None:
            self.changes.append((node, i, r, new_r))

    def revert(self, fgraph, checkpoint):
        """Undo every change made after ``checkpoint`` (newest first)."""
        changes = self.changes
        while len(changes) > checkpoint:
            node, i, r, new_r = changes.pop()
            fgraph.change_input(node, i, r, reason="revert")
            changes.pop()  # the revert itself was recorded


class Validator(Feature):
    """Adds ``fgraph.validate()``: every feature with a ``validate`` method checks the graph."""

    def on_attach(self, fgraph):
        if hasattr(fgraph, "validate"):
            raise ValueError("A Validator is already attached to this graph")
        fgraph.validate = lambda: self.validate(fgraph)
        fgraph.consistent = lambda: self.consistent(fgraph)

    def on_detach(self, fgraph):
        del fgraph.validate
        del fgraph.consistent

    def validate(self, fgraph):
        for feature in fgraph._features:
            check = getattr(feature, "validate", None)
            if check is not None and feature is not self:
                check(fgraph)
        return True

    def consistent(self, fgraph):
        try:
            self.validate(fgraph)
            return True
        except InconsistencyError:
            return False


class ReplaceValidate(History, Validator):
    """Replacements that are undone when they make the graph invalid.

    Adds ``fgraph.replace_validate(r, new_r, reason)`` and
    ``fgraph.replace_all_validate(pairs, reason)``; the in-place phase relies on it
    to try a destructive rewrite and roll it back if the DestroyHandler refuses.
    """

    def on_attach(self, fgraph):
        for attr in ("replace_validate", "replace_all_validate"):
            if hasattr(fgraph, attr):
                raise ValueError(f"fgraph already has a {attr} method")
        History.on_attach(self, fgraph)
        Validator.on_attach(self, fgraph)
        fgraph.replace_validate = lambda r, new_r, reason=None: self.replace_all_validate(
            fgraph, [(r, new_r)], reason
        )
        fgraph.replace_all_validate = lambda pairs, reason=None: self.replace_all_validate(
            fgraph, pairs, reason
        )

    def on_detach(self, fgraph):
        History.on_detach(self, fgraph)
        Validator.on_detach(self, fgraph)
        del fgraph.replace_validate
        del fgraph.replace_all_validate

    def replace_all_validate(self, fgraph, pairs, reason=None):
        checkpoint = len(self.changes)
        try:
            for r, new_r in pairs:
                fgraph.replace(r, new_r, reason=reason)
            self.validate(fgraph)
        except Exception:
            self.revert(fgraph, checkpoint)
            raise
