"""Databases of rewrites selected by tags: a Query picks the passes a mode runs.

Every registered object is found by its name and by its tags; a database registered
inside another one is queried with the same Query (so ``including('canonicalize')``
selects the whole canonicalize phase, whose rewrites carry the phase's name as a tag).
``SequenceDB`` orders passes by position, ``EquilibriumDB`` runs node rewriters to a
fixed point, ``LocalGroupDB`` groups node rewriters, ``TopoDB`` applies one in a pass.
"""

import copy
import math
import sys

from theano.configparser import config
from theano.graph.rewriting.basic import (
    GraphRewriter,
    LocalOptGroup,
    NodeRewriter,
    SeqOptimizer,
)
from theano.graph.rewriting.equilibrium import EquilibriumOptimizer, TopoOptimizer

# Bumped by every registration, so cached query results know they are stale.
_version = [0]


def db_version():
    """A number that changes whenever any database gets a new entry or tag."""
    return _version[0]


class Query:
    """Which registered rewrites to use: tags to include, require, and exclude.

    Parameters
    ----------
    include : iterable of str
        An object is selected when it has any of these tags (its name is a tag).
    require : iterable of str, optional
        ... and all of these.
    exclude : iterable of str, optional
        ... and none of these.
    subquery : dict, optional
        A different Query for the sub-database of that name.
    position_cutoff : float
        SequenceDB passes at this position or later are left out.
    extra_optimizations : list of (rewriter, position), optional
        Passes added to the top-level sequence (``Mode.register``).
    """

    def __init__(self, include, require=None, exclude=None, subquery=None,
                 position_cutoff=math.inf, extra_optimizations=None):
        self.include = tuple(dict.fromkeys(include))
        self.require = tuple(dict.fromkeys(require or ()))
        self.exclude = tuple(dict.fromkeys(exclude or ()))
        self.subquery = dict(subquery or {})
        self.position_cutoff = position_cutoff
        self.extra_optimizations = list(extra_optimizations or [])
        self.name = None

    def _replace(self, **changes):
        q = copy.copy(self)
        q.subquery = dict(self.subquery)
        q.extra_optimizations = list(self.extra_optimizations)
        q.name = None
        for k, v in changes.items():
            setattr(q, k, v)
        return q

    def including(self, *tags):
        """This query with ``tags`` added to ``include``."""
        return self._replace(include=tuple(dict.fromkeys(self.include + tags)))

    def excluding(self, *tags):
        """This query with ``tags`` added to ``exclude``."""
        return self._replace(exclude=tuple(dict.fromkeys(self.exclude + tags)))

    def requiring(self, *tags):
        """This query with ``tags`` added to ``require``."""
        return self._replace(require=tuple(dict.fromkeys(self.require + tags)))

    def register(self, *optimizations):
        """This query with extra ``(rewriter, position)`` passes."""
        return self._replace(extra_optimizations=self.extra_optimizations + list(optimizations))

    def key(self):
        """A hashable summary (to cache query results)."""
        return (
            self.include,
            self.require,
            self.exclude,
            tuple(sorted((k, v.key()) for k, v in self.subquery.items())),
            self.position_cutoff,
            tuple((id(o), p) for o, p in self.extra_optimizations),
        )

    def __eq__(self, other):
        return isinstance(other, Query) and self.key() == other.key()

    def __hash__(self):
        return hash(self.key())

    def __str__(self):
        return (
            f"Query{{inc={list(self.include)},ex={list(self.exclude)},"
            f"require={list(self.require)},subquery={self.subquery},"
            f"position_cutoff={self.position_cutoff},"
            f"extra_opts={self.extra_optimizations}}}"
        )

    __repr__ = __str__


RewriteDatabaseQuery = Query


class OptimizationDatabase:
    """Rewriters and sub-databases registered by name, found by tags (Theano's ``DB``)."""

    def __init__(self):
        self.__db__ = {}  # tag (or name) -> {object: None}, in registration order
        self._names = {}  # name -> object
        self._order = {}  # id(object) -> registration index
        self.name = None

    def register(self, name, obj, *tags, **kwargs):
        """Add ``obj`` under ``name`` with ``tags`` (the database's own name is added too).

        ``use_db_name_as_tag=False`` keeps the database's name off the tags.
        """
        use_db_name_as_tag = kwargs.pop("use_db_name_as_tag", True)
        if kwargs:
            raise TypeError(f"{type(self).__name__}.register: unexpected {sorted(kwargs)}")
        if not isinstance(obj, (OptimizationDatabase, GraphRewriter, NodeRewriter)):
            raise TypeError(
                f"Cannot register {obj!r} as {name!r}: expected a graph rewriter, a node "
                "rewriter or a database."
            )
        if name in self.__db__:
            raise ValueError(
                f"The name {name!r} is already registered (as an object or a tag) in this "
                "database."
            )
        if use_db_name_as_tag and self.name is not None:
            tags = tags + (self.name,)
        obj.name = name
        self._names[name] = obj
        self._order[id(obj)] = len(self._order)
        self.__db__[name] = {obj: None}
        self.add_tags(name, *tags)

    def add_tags(self, name, *tags):
        obj = self[name]
        for tag in tags:
            if tag == name:
                continue
            if tag in self._names:
                raise ValueError(f"The tag {tag!r} is already the name of an object.")
            self.__db__.setdefault(tag, {})[obj] = None
        _version[0] += 1

    def remove_tags(self, name, *tags):
        obj = self[name]
        for tag in tags:
            if tag in self._names:
                raise ValueError(f"The tag {tag!r} is the name of an object.")
            self.__db__.get(tag, {}).pop(obj, None)
        _version[0] += 1

    def __query__(self, q):
        """The objects ``q`` selects (sub-databases replaced by their query result)."""
        selected = {}
        for tag in q.include:
            selected.update(self.__db__.get(tag, {}))
        for tag in q.require:
            having = self.__db__.get(tag, {})
            selected = {o: None for o in selected if o in having}
        for tag in q.exclude:
            having = self.__db__.get(tag, {})
            selected = {o: None for o in selected if o not in having}
        result = []
        for obj in sorted(selected, key=lambda o: self._order[id(o)]):
            if isinstance(obj, OptimizationDatabase):
                sub_q = q
                if q.extra_optimizations:
                    sub_q = q._replace(extra_optimizations=[])
                sub_q = q.subquery.get(obj.name, sub_q)
                sub = obj.query(sub_q)
                sub.name = obj.name
                result.append(sub)
            else:
                result.append(obj)
        return result

    def query(self, *tags, **kwtags):
        """The rewriters selected by a Query, or by tags ('+tag'/'tag' include,
        '-tag' exclude, '&tag' require; keywords give sub-queries by name)."""
        if tags and isinstance(tags[0], Query):
            if len(tags) > 1 or kwtags:
                raise TypeError("Give either one Query or tags, not both.")
            return self.__query__(tags[0])
        include = [t[1:] for t in tags if t.startswith("+")]
        require = [t[1:] for t in tags if t.startswith("&")]
        exclude = [t[1:] for t in tags if t.startswith("-")]
        include += [t for t in tags if t[:1] not in ("+", "&", "-")]
        return self.__query__(Query(include, require, exclude, subquery=kwtags))

    def __getitem__(self, name):
        objs = self.__db__.get(name)
        if not objs:
            raise KeyError(name)
        if len(objs) > 1:
            raise ValueError(f"More than one match for {name} (please use query)")
        return next(iter(objs))

    def __contains__(self, name):
        return name in self.__db__

    def names(self):
        return list(self._names)

    def print_summary(self, stream=sys.stdout):
        print(f"{type(self).__name__} (id {id(self)})", file=stream)
        for name, obj in self._names.items():
            tags = [t for t, objs in self.__db__.items() if obj in objs and t != name]
            print(f"  {name}: {type(obj).__name__} tags={tags}", file=stream)


DB = OptimizationDatabase
RewriteDatabase = OptimizationDatabase


def _theano_position(value):
    # Theano 1.0 positions (0 merge, 1 canonicalize, 1.5 stabilize, 2 specialize, 49.5,
    # 75 inplace, 100) are ours divided by 100 (see pipeline.py).
    return value * 100


class SequenceDB(OptimizationDatabase):
    """Passes run in order of position (lowest first): the compilation pipeline.

    ``register(name, obj, *tags, position=p)``; Theano 1.0's
    ``register(name, obj, position, *tags)`` is accepted with Theano's positions
    (multiplied by 100 onto ours).
    """

    seq_opt = SeqOptimizer

    def __init__(self, failure_callback=SeqOptimizer.warn):
        super().__init__()
        self.__position__ = {}
        self.failure_callback = failure_callback

    def register(self, name, obj, *tags, **kwargs):
        position = kwargs.pop("position", None)
        if position is None and tags and not isinstance(tags[0], str):
            position = _theano_position(tags[0])
            tags = tags[1:]
        elif position is None and tags and tags[0] == "last":
            position = "last"
            tags = tags[1:]
        if position is None or position == "last":
            position = max(self.__position__.values(), default=0) + 1
        if not isinstance(position, (int, float)):
            raise TypeError(f"SequenceDB.register: position must be a number, got {position!r}")
        super().register(name, obj, *tags, **kwargs)
        self.__position__[name] = position

    def query(self, *tags, **kwtags):
        cutoff = kwtags.pop("position_cutoff", None)
        extra = []
        if tags and isinstance(tags[0], Query):
            q = tags[0]
            cutoff = q.position_cutoff
            extra = q.extra_optimizations
        opts = super().query(*tags, **kwtags)
        if cutoff is None:
            cutoff = math.inf
        cutoff = min(cutoff, _theano_position(config.optdb.position_cutoff))
        positions = self.__position__
        entries = [(positions[o.name], i, o) for i, o in enumerate(opts)
                   if positions[o.name] < cutoff]
        for i, (opt, pos) in enumerate(extra):
            entries.append((pos, len(opts) + i, opt))
        entries.sort(key=lambda e: (e[0], e[1]))
        ret = self.seq_opt([e[2] for e in entries], failure_callback=self.failure_callback)
        ret.name = self.name
        return ret

    def print_summary(self, stream=sys.stdout):
        print(f"SequenceDB (id {id(self)})", file=stream)
        for name, pos in sorted(self.__position__.items(), key=lambda kv: kv[1]):
            print(f"  {pos:>7}  {name}", file=stream)


class EquilibriumDB(OptimizationDatabase):
    """Node rewriters (and graph rewriters) applied together until nothing changes.

    ``register(..., final_opt=True)``: a graph rewriter run at the end of each round;
    ``cleanup=True``: one run after the node rewrites (a MergeOptimizer there merges
    node by node).
    """

    def __init__(self, ignore_newtrees=True, tracks_on_change_inputs=False):
        super().__init__()
        self.ignore_newtrees = ignore_newtrees
        self.tracks_on_change_inputs = tracks_on_change_inputs
        self.__final__ = {}
        self.__cleanup__ = {}

    def register(self, name, obj, *tags, **kwargs):
        final_opt = kwargs.pop("final_opt", False)
        cleanup = kwargs.pop("cleanup", False)
        if final_opt and cleanup:
            raise ValueError("An EquilibriumDB entry cannot be both final_opt and cleanup.")
        super().register(name, obj, *tags, **kwargs)
        self.__final__[name] = final_opt
        self.__cleanup__[name] = cleanup

    def query(self, *tags, **kwtags):
        opts = super().query(*tags, **kwtags)
        final = [o for o in opts if self.__final__.get(o.name, False)]
        cleanup = [o for o in opts if self.__cleanup__.get(o.name, False)]
        main = [o for o in opts if o not in final and o not in cleanup]
        ret = EquilibriumOptimizer(
            main,
            max_use_ratio=config.optdb.max_use_ratio,
            ignore_newtrees=self.ignore_newtrees,
            tracks_on_change_inputs=self.tracks_on_change_inputs,
            final_optimizers=final,
            cleanup_optimizers=cleanup,
        )
        ret.name = self.name
        return ret


class LocalGroupDB(OptimizationDatabase):
    """Node rewriters grouped into one (tried in order of ``position``, then registration)."""

    def __init__(self, apply_all_opts=False, profile=False, local_opt=LocalOptGroup):
        super().__init__()
        self.apply_all_opts = apply_all_opts
        self.profile = profile
        self.local_opt = local_opt
        self.__position__ = {}

    def register(self, name, obj, *tags, **kwargs):
        position = kwargs.pop("position", "last")
        super().register(name, obj, *tags, **kwargs)
        if position == "last":
            position = max(self.__position__.values(), default=0) + 1
        self.__position__[name] = position

    def query(self, *tags, **kwtags):
        opts = super().query(*tags, **kwtags)
        order = {id(o): i for i, o in enumerate(opts)}
        opts.sort(key=lambda o: (self.__position__.get(o.name, 0), order[id(o)]))
        ret = self.local_opt(*opts, apply_all_opts=self.apply_all_opts, profile=self.profile)
        ret.name = self.name
        return ret


class TopoDB(OptimizationDatabase):
    """One TopoOptimizer pass applying what the wrapped database's query selects."""

    def __init__(self, db, order="in_to_out", ignore_newtrees=False, failure_callback=None):
        super().__init__()
        self.db = db
        self.order = order
        self.ignore_newtrees = ignore_newtrees
        self.failure_callback = failure_callback

    def register(self, name, obj, *tags, **kwargs):
        self.db.register(name, obj, *tags, **kwargs)

    def __contains__(self, name):
        return name in self.db

    def __getitem__(self, name):
        return self.db[name]

    def query(self, *tags, **kwtags):
        ret = TopoOptimizer(self.db.query(*tags, **kwtags), self.order, self.ignore_newtrees,
                            self.failure_callback)
        ret.name = self.name
        return ret

    @property
    def name(self):
        return self.__dict__.get("_name")

    @name.setter
    def name(self, value):
        self.__dict__["_name"] = value
        if value is not None and getattr(self, "db", None) is not None:
            self.db.name = value


class ProxyDB(OptimizationDatabase):
    """A database shown under another name: queries go to the wrapped one."""

    def __init__(self, db):
        super().__init__()
        self.db = db

    def query(self, *tags, **kwtags):
        return self.db.query(*tags, **kwtags)
