"""The compilation pipeline: ``optdb``, its phases and positions, and the named rewrite sets.

This file is the one place where pass positions are defined.  Phases are databases:
the tensor layer (and later phases: fusion, in-place) register their rewrites into
them with ``theano.tensor.rewriting.register(phase, ...)`` or
``optdb[phase].register(...)``.  Positions are Theano 1.0's times 100, so a
Theano-style ``optdb.register(name, obj, 1.7, 'fast_run')`` lands between
stabilize (150) and specialize (200).
"""

from theano.configparser import config
from theano.graph.rewriting.basic import MergeOptimizer
from theano.graph.rewriting.db import (
    EquilibriumDB,
    LocalGroupDB,
    Query,
    SequenceDB,
    TopoDB,
    db_version,
)

optdb = SequenceDB()

# position  name               pass                           tags
_PIPELINE = [
    # Equal constants and equal subexpressions become one.
    (0, "merge1", MergeOptimizer(), ("fast_run", "fast_compile", "merge")),
    # One in-to-out pass removing nodes that compute nothing (x * 1 of one input, ...).
    (60, "useless", TopoDB(LocalGroupDB()), ("fast_run", "fast_compile")),
    (65, "merge1.1", MergeOptimizer(), ("fast_run", "fast_compile", "merge")),
    # Algebra brought to a canonical form (x * 1 -> x, x - x -> 0, constant folding,
    # DimShuffle lifting, Shape_i of computed values) until nothing changes.
    (100, "canonicalize", EquilibriumDB(ignore_newtrees=False),
     ("fast_run", "fast_compile", "canonicalize_db")),
    (120, "merge1.2", MergeOptimizer(), ("fast_run", "fast_compile", "merge")),
    # Numerically stable forms (log(1 + x) -> log1p(x), softmax cross-entropies).
    (150, "stabilize", EquilibriumDB(), ("fast_run",)),
    # Faster special cases (x ** 2 -> sqr(x), mul(-1, x) -> neg(x)).
    (200, "specialize", EquilibriumDB(), ("fast_run", "fast_compile_gpu")),
    # Special cases that break the canonical form (kept after specialize).
    (300, "uncanonicalize", EquilibriumDB(), ("fast_run",)),
    # Special cases that depend on the backend.
    (4860, "specialize_device", EquilibriumDB(), ("fast_run", "fast_compile")),
    (4900, "merge2", MergeOptimizer(), ("fast_run", "merge")),
    # Element-wise chains fused into one loop.
    (4910, "elemwise_fusion", SequenceDB(), ("fast_run", "fusion", "local_elemwise_fusion")),
    # The DestroyHandler is attached: from here on rewrites may work in place.
    (4950, "add_destroy_handler", SequenceDB(), ("fast_run", "inplace")),
    # Ops replaced by versions that overwrite their inputs.
    (7500, "inplace_opt", SequenceDB(), ("fast_run", "inplace")),
    # A last merge of what the previous phases made equal.
    (10000, "merge3", MergeOptimizer(), ("fast_run", "merge")),
]

for _position, _name, _pass, _tags in _PIPELINE:
    optdb.register(_name, _pass, *_tags, position=_position)
del _position, _name, _pass, _tags

# Canonicalize merges as it goes: each node it visits is merged with an equal one.
optdb["canonicalize"].register("merge", MergeOptimizer(), "fast_run", "fast_compile",
                               cleanup=True)


# ----------------------------------------------------------------------------------------
# The named rewrite sets of the ``optimizer`` flag and of Mode(optimizer=...)

OPT_NONE = Query(include=[], exclude=["cxx_only"])
OPT_MERGE = Query(include=["merge"], exclude=["cxx_only"])
OPT_FAST_RUN = Query(include=["fast_run"], exclude=["cxx_only"])
OPT_FAST_RUN_STABLE = OPT_FAST_RUN.requiring("stable")
OPT_FAST_COMPILE = Query(include=["fast_compile", "fast_compile_gpu"], exclude=["cxx_only"])
# Everything up to and including stabilize.
OPT_STABILIZE = Query(include=["fast_run"], exclude=["cxx_only"], position_cutoff=151)
OPT_O2 = OPT_FAST_COMPILE.including("fusion")
OPT_O3 = OPT_FAST_RUN.excluding("inplace")
OPT_UNSAFE = OPT_O3.including("unsafe")

for _name, _query in list(globals().items()):
    if _name.startswith("OPT_"):
        _query.name = _name
del _name, _query

predefined_optimizers = {
    None: OPT_NONE,
    "None": OPT_NONE,
    "merge": OPT_MERGE,
    "o4": OPT_FAST_RUN,
    "o3": OPT_O3,
    "o2": OPT_O2,
    "o1": OPT_FAST_COMPILE,
    "unsafe": OPT_UNSAFE,
    "fast_compile": OPT_FAST_COMPILE,
    "fast_run": OPT_FAST_RUN,
    "fast_run_stable": OPT_FAST_RUN_STABLE,
    "stabilize": OPT_STABILIZE,
}

_query_cache = {}


def query_optdb(query):
    """``optdb.query(query)``, cached until a database changes."""
    key = (query.key(), db_version(), config.optdb.position_cutoff, config.optdb.max_use_ratio)
    result = _query_cache.get(key)
    if result is None:
        if len(_query_cache) > 100:
            _query_cache.clear()
        result = _query_cache[key] = optdb.query(query)
    return result


def get_optimizer(optimizer):
    """The graph rewriter for a predefined name, a Query, or a rewriter (returned as is)."""
    if isinstance(optimizer, Query):
        return query_optdb(optimizer)
    if optimizer is None or isinstance(optimizer, str):
        if optimizer not in predefined_optimizers:
            raise ValueError(
                f"Unknown optimizer {optimizer!r}: expected one of "
                f"{sorted(str(k) for k in predefined_optimizers)}, a Query or a rewriter"
            )
        return query_optdb(predefined_optimizers[optimizer])
    return optimizer
