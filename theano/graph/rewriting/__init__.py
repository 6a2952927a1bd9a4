"""Graph rewriting: node and graph rewriters, the databases of passes, and the pipeline.

``basic`` holds the rewriter classes and the engine's bookkeeping, ``pattern`` the
PatternSub, ``equilibrium`` the drivers (TopoOptimizer, EquilibriumOptimizer), ``db``
the tagged databases and Query, ``pipeline`` the global ``optdb`` and its phases.
"""

from theano.graph.rewriting.basic import (
    FromFunctionLocalOptimizer,
    FromFunctionNodeRewriter,
    GraphRewriter,
    LocalOptGroup,
    LocalOptimizer,
    MergeOptimizer,
    NodeRewriter,
    OpRemove,
    OpSub,
    Optimizer,
    RewriteError,
    RewriteTypeError,
    RewriteWarning,
    SeqOptimizer,
    local_optimizer,
    node_rewriter,
    optimize,
    optimizer,
)
from theano.graph.rewriting.pattern import PatternSub
from theano.graph.rewriting.equilibrium import (
    EquilibriumOptimizer,
    NavigatorOptimizer,
    TopoOptimizer,
    in2out,
    out2in,
    revisit,
)
from theano.graph.rewriting.db import (
    DB,
    EquilibriumDB,
    LocalGroupDB,
    OptimizationDatabase,
    ProxyDB,
    Query,
    SequenceDB,
    TopoDB,
)
from theano.graph.rewriting.pipeline import optdb, predefined_optimizers
from theano.graph.rewriting.utils import copy_stack_trace, print_rewrites
