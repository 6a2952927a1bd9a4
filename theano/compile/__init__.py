"""Compilation: theano.function, shared variables, In/Out, modes."""

from theano.compile.io import In, Out, Param, SymbolicInput, SymbolicOutput
from theano.compile.sharedvalue import (
    Container,
    SharedVariable,
    TensorSharedVariable,
    shared,
    shared_constructor,
)
from theano.compile.mode import (
    FAST_COMPILE,
    FAST_RUN,
    Mode,
    get_default_mode,
    get_mode,
    predefined_linkers,
    predefined_modes,
    predefined_optimizers,
)
from theano.compile.function import (
    Function,
    FunctionMaker,
    OrderedUpdates,
    UnusedInputError,
    function,
    function_dump,
)
from theano.compile.mode import (  # noqa: E402,F401
    AddFeatureOptimizer,
    PrintCurrentFunctionGraph,
    optdb,
    register_linker,
    register_mode,
    register_optimizer,
)
