"""Compatibility alias: Theano 1.0's rewriter classes (now theano.graph.rewriting)."""

from theano.graph.rewriting import (  # noqa: F401
    EquilibriumOptimizer,
    LocalOptGroup,
    LocalOptimizer,
    MergeOptimizer,
    NavigatorOptimizer,
    OpRemove,
    OpSub,
    Optimizer,
    PatternSub,
    SeqOptimizer,
    TopoOptimizer,
    copy_stack_trace,
    in2out,
    local_optimizer,
    optimizer,
    out2in,
)
