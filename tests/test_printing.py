"""theano.printing: pp and debugprint strings against Theano 1.0.5, and the Print op.

Expected strings marked "Theano 1.0.5" are verbatim outputs of the real Theano
(/tmp/oracle/FACTS.md section 8 and probes); where our graph differs from Theano's
(the node found by a rewrite, the str of a constant) the expected text is built
from the graph's own pieces.
"""

import doctest
import io
import re

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import printing
from theano import scalar as scal
from theano.graph.basic import Apply, Constant
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op
from theano.printing import (
    DefaultPrinter,
    FunctionPrinter,
    IgnorePrinter,
    OperatorPrinter,
    PatternPrinter,
    PPrinter,
    Print,
    char_from_number,
    debugprint,
    pp,
    pprint,
)
from theano.tensor.elemwise import Elemwise

x = T.dscalar("x")
a = T.dmatrix("a")
b = T.dmatrix("b")
c = T.dmatrix("c")
v = T.dvector("v")


def lines(*rows):
    return "".join(row + "\n" for row in rows)


# ----------------------------------------------------------------------------------------
# pp


# Theano 1.0.5, verbatim.
PP_THEANO = [
    (lambda: x**2, "(x ** TensorConstant{2})"),
    (lambda: 1 / (1 + T.exp(-x)), "(TensorConstant{1} / (TensorConstant{1} + exp((-x))))"),
    (lambda: a + b * 2, "(a + (b * TensorConstant{2}))"),
    (lambda: a + b, "(a + b)"),
    (lambda: a - b, "(a - b)"),
    (lambda: a * b / 2, "((a * b) / TensorConstant{2})"),
    (lambda: -a, "(-a)"),
    (lambda: T.dot(a, b), "(a \\dot b)"),
    (lambda: T.dot(a, v), "(a \\dot v)"),
    (lambda: a.sum(), "Sum{acc_dtype=float64}(a)"),
    (lambda: a.sum(axis=0), "Sum{axis=[0], acc_dtype=float64}(a)"),
    (lambda: a.T, "a.T"),
    (lambda: T.exp(a), "exp(a)"),
    (lambda: T.log(a) + T.sqrt(b), "(log(a) + sqrt(b))"),
    (lambda: a**2 + b**3, "((a ** TensorConstant{2}) + (b ** TensorConstant{3}))"),
    (lambda: (a + b) * (a - b), "((a + b) * (a - b))"),
    (lambda: a - (b - a), "(a - (b - a))"),
    (lambda: (a - b) - a, "((a - b) - a)"),
    (lambda: a / (b / a), "(a / (b / a))"),
    (lambda: a - (b - c), "(a - (b - c))"),
    (lambda: (a + b) * c, "((a + b) * c)"),
    (lambda: a + b + c, "((a + b) + c)"),
    (lambda: T.add(a, b, c), "(a + b + c)"),
    (lambda: T.neg(-x), "(-(-x))"),
    (lambda: -x + 1, "((-x) + TensorConstant{1})"),
    (lambda: x**-1, "(x ** TensorConstant{-1})"),
    (lambda: T.inv(x), "inv(x)"),
    (lambda: T.sqr(x), "sqr(x)"),
    (lambda: T.tanh(a), "tanh(a)"),
    (lambda: T.maximum(a, 0), "maximum(a, TensorConstant{0})"),
    (lambda: a > 0, "gt(a, TensorConstant{0})"),
    (lambda: T.switch(a > 0, a, 0), "switch(gt(a, TensorConstant{0}), a, TensorConstant{0})"),
    (lambda: T.constant(2.5), "TensorConstant{2.5}"),
    (lambda: T.constant(np.ones((2, 3))), "TensorConstant{(2, 3) of 1.0}"),
    (lambda: T.dscalar(), "<TensorType(float64, scalar)>"),
    (lambda: T.dscalar() + 1, "(<TensorType(float64, scalar)> + TensorConstant{1})"),
    (lambda: a.shape, "Shape(a)"),
    (lambda: a.reshape((3, 2)), "Reshape{2}(a, TensorConstant{[3 2]})"),
    (lambda: a.dimshuffle("x", 0, 1), "a"),
    (lambda: T.cast(a, "int32"), "int32(a)"),
    (lambda: T.cast(x, "float32"), "float32(x)"),
    (lambda: abs(a), "|a|"),
    (lambda: a % 2, "mod(a, TensorConstant{2})"),
    (lambda: a // 2, "(a // TensorConstant{2})"),
    (lambda: T.eq(a, b), "eq(a, b)"),
    (lambda: T.neq(a, b), "neq(a, b)"),
    (lambda: a <= b, "le(a, b)"),
    (lambda: T.and_(a > 0, b > 0), "and_(gt(a, TensorConstant{0}), gt(b, TensorConstant{0}))"),
    (lambda: T.fill(a, 1), "fill(a, TensorConstant{1})"),
    (lambda: T.second(a, 1), "fill(a, TensorConstant{1})"),
    (lambda: T.concatenate([a, b]), "join(TensorConstant{0}, a, b)"),
    (lambda: T.stack([x, x]), "[x, x]"),
    (lambda: T.arange(5),
     "ARange{dtype='int64'}(TensorConstant{0}, TensorConstant{5}, TensorConstant{1})"),
    # pp hides broadcasting dimshuffles; others print in full
    (lambda: v.dimshuffle("x", 0), "v"),
    (lambda: v.dimshuffle(0, "x"), "DimShuffle{0, x}(v)"),
    (lambda: a.dimshuffle(1, "x", 0), "DimShuffle{1, x, 0}(a)"),
    (lambda: T.tensor3("t").dimshuffle(2, 0, 1), "DimShuffle{2, 0, 1}(t)"),
    (lambda: T.row("r").dimshuffle(1), "DimShuffle{1}(r)"),
    # a named intermediate result is expanded
    (lambda: (a + b).sum(), "Sum{acc_dtype=float64}((a + b))"),
]


@pytest.mark.parametrize("build, expected", PP_THEANO)
def test_pp_matches_theano(build, expected):
    assert pp(build()) == expected


def test_pp_names():
    assert pp(T.dscalar("alpha") * 2) == "(\\alpha * TensorConstant{2})"
    assert pp(theano.shared(np.zeros(2), name="w") * 2) == "(w * TensorConstant{2})"
    unnamed = theano.shared(np.zeros(2))
    assert pp(unnamed * 2) == "(<TensorType(float64, vector)> * TensorConstant{2})"
    y = a + b
    y.name = "y"
    assert pp(y * 2) == "((a + b) * TensorConstant{2})"


def test_pprint_is_pp():
    assert pprint is theano.pp is theano.printing.pp
    assert type(pprint) is PPrinter
    assert theano.printing.pprint(x**2) == "(x ** TensorConstant{2})"


def _idx(var, i):
    """The pp text of index input ``i`` of a Subtensor (a constant prints as its str)."""
    return str(var.owner.inputs[i])


def test_pp_subtensor_in_order():
    # Theano 1.0.5 printed a[0, 1] as a[Constant{1}, Constant{0}] and slice bounds as
    # 'int64'; we print the indices in order, each as itself.
    r = a[0]
    assert pp(r) == f"a[{_idx(r, 1)}]"
    r = a[0, 1]
    assert pp(r) == f"a[{_idx(r, 1)}, {_idx(r, 2)}]"
    assert _idx(r, 1) != _idx(r, 2)
    r = a[1:]
    assert pp(r) == f"a[{_idx(r, 1)}:]"
    r = a[1:3, ::2]
    assert pp(r) == f"a[{_idx(r, 1)}:{_idx(r, 2)}, ::{_idx(r, 3)}]"
    r = a[:, 0]
    assert pp(r) == f"a[:, {_idx(r, 1)}]"
    r = T.tensor3("t")[0, 1:2, 2]
    assert pp(r) == f"t[{_idx(r, 1)}, {_idx(r, 2)}:{_idx(r, 3)}, {_idx(r, 4)}]"
    assert [_idx(r, i) for i in (1, 2, 3, 4)] == [str(scal.constant(k)) for k in (0, 1, 2, 2)]


def test_pp_subtensor_symbolic_index():
    i = T.iscalar("i")
    assert pp(a[i]) == "a[ScalarFromTensor(i)]"
    r = a[i:, 0]
    assert pp(r) == f"a[ScalarFromTensor(i):, {_idx(r, 2)}]"
    r = a.shape[0]
    assert pp(r) == f"Shape(a)[{_idx(r, 1)}]"
    r = (a + b)[0]
    assert pp(r) == f"(a + b)[{_idx(r, 1)}]"


def test_pp_unnamed_and_inplace_elemwise():
    # Gradients build unnamed Elemwise ops (Elemwise{mul}): printed like the named ones.
    mul = Elemwise(scal.mul)
    assert str(mul(a, b).owner.op) == "Elemwise{mul}"
    assert pp(mul(a, b)) == "(a * b)"
    assert pp(Elemwise(scal.exp)(a)) == "exp(a)"
    assert pp(Elemwise(scal.second)(a, b)) == "fill(a, b)"
    # In-place versions, as Theano's theano.tensor.inplace printers
    assert pp(Elemwise(scal.add, {0: 0})(a, b)) == "(a += b)"
    assert pp(Elemwise(scal.neg, {0: 0})(a)) == "(-=a)"
    assert pp(Elemwise(scal.exp, {0: 0})(a)) == "exp=(a)"
    assert pp(Elemwise(scal.second, {0: 0})(a, b)) == "fill=(a, b)"


def test_pp_gradient_like_graph():
    # Theano 1.0.5's T.grad(x ** 2, x) graph, rebuilt by hand with its op instances:
    # mul(mul(second(x ** 2, 1.5), 2), x ** (2 - DimShuffle{}(1))).
    one_half = T.constant(1.5)
    two = T.constant(2)
    mul = Elemwise(scal.mul)
    fill = Elemwise(scal.second, {0: 0})
    g = mul(mul(Elemwise(scal.second)(x**two, one_half), two),
            Elemwise(scal.pow)(x, Elemwise(scal.sub)(two, T.constant(1).dimshuffle())))
    assert fill is not None
    assert pp(g) == (
        "((fill((x ** TensorConstant{2}), TensorConstant{1.5}) * TensorConstant{2}) * "
        "(x ** (TensorConstant{2} - TensorConstant{1})))"
    )


def test_pp_gradient():
    # Whatever graph theano.grad builds, pp prints it without placeholders.
    text = pp(theano.grad(x**2, x))
    assert "x ** " in text or "x * " in text
    assert pp(theano.grad(a.sum(), a)).startswith("fill(a, ")


def test_pp_compiled_graph():
    f = theano.function([a, b], a * b)
    assert pp(f.maker.fgraph.outputs[0]) == "(a * b)"
    f = theano.function([x], 1 / (1 + T.exp(-x)))
    text = pp(f.maker.fgraph.outputs[0])
    assert text in ("sigmoid(x)", "(TensorConstant{1} / (TensorConstant{1} + exp((-x))))")


def test_pp_scalar_graph():
    xs = scal.float64("xs")
    ys = scal.float64("ys")
    assert pp(xs + ys) == "(xs + ys)"
    assert pp(xs * ys - xs) == "((xs * ys) - xs)"
    assert pp(xs % ys) == "(xs % ys)"
    assert pp(scal.exp(xs)) == "exp(xs)"


def test_pp_shared_subgraph_printed_each_time():
    y = a + b
    assert pp(y * y) == "((a + b) * (a + b))"


def test_pp_errors():
    with pytest.raises(TypeError, match="pp expects a Variable"):
        pp([a, b])
    with pytest.raises(TypeError, match="no printer"):
        PPrinter().process(a)
    with pytest.raises(TypeError, match="Not enough arguments"):
        pp()
    with pytest.raises(ValueError, match="assoc"):
        OperatorPrinter("+", 0, "middle")
    with pytest.raises(TypeError, match="not the result of an operation"):
        OperatorPrinter("+", 0).process(a, printing.PrinterState(pprinter=pp))
    with pytest.raises(TypeError, match="condition must be"):
        pp.clone().assign(3, DefaultPrinter())


def test_process_graph():
    y = a + b
    y.name = "y"
    assert pp.process_graph([a, b], [y * 2]) == "y = (a + b)\nreturn (y * TensorConstant{2})"
    assert pp([a, b], [y * 2, y - 1], None, True) == (
        "inputs: a, b\n"
        "y = (a + b)\n"
        "out[0] = (y * TensorConstant{2})\n"
        "out[1] = (y - TensorConstant{1})"
    )
    s = theano.shared(np.zeros(2), name="s")
    assert pp.process_graph([v], [v * 2], updates={s: s + v}) == (
        "s <- (s + v)\nreturn (v * TensorConstant{2})"
    )


class _Twice(Op):
    __props__ = ()

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = 2 * inputs[0]


class _Two(Op):
    """Two outputs: (x, -x)."""

    __props__ = ()

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return Apply(self, [x], [x.type(), x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0]
        output_storage[1][0] = -inputs[0]


def test_assign_op_instance_class_and_predicate():
    printer = pp.clone()
    twice = _Twice()
    assert printer(twice(a)) == "_Twice(a)"
    printer.assign(twice, FunctionPrinter("twice"))
    assert printer(twice(a) + 1) == "(twice(a) + TensorConstant{1})"
    printer.assign(_Twice, PatternPrinter(("2*%(0)s", 1000)))
    assert printer(twice(a)) == "2*a"
    printer.assign(lambda pstate, r: r.owner is not None and r.owner.op == twice,
                   IgnorePrinter())
    assert printer(twice(a)) == "a"
    # Later assignments win over the built-in printers too.
    printer.assign(T.exp, FunctionPrinter("e"))
    assert printer(T.exp(a)) == "e(a)"
    # The global printer is unchanged.
    assert pp(twice(a)) == "_Twice(a)"
    assert pp(T.exp(a)) == "exp(a)"
    extra = pp.clone_assign(_Twice, FunctionPrinter("tw"))
    assert extra(twice(x)) == "tw(x)"
    assert pp(twice(x)) == "_Twice(x)"


def test_function_printer_multiple_outputs():
    o0, o1 = _Two()(a)
    printer = pp.clone_assign(_Two, FunctionPrinter("first", "second"))
    assert printer(o0 + o1) == "(first(a) + second(a))"
    assert pp(o1) == "_Two(a)"


def test_printer_state_precedence_is_passed():
    seen = []

    class Spy:
        def process(self, output, pstate):
            seen.append(getattr(pstate, "precedence", None))
            return "s"

    printer = pp.clone_assign(lambda pstate, r: r is x, Spy())
    assert printer(x * 2) == "(s * TensorConstant{2})"
    assert printer(2 - x) == "(TensorConstant{2} - s)"
    assert printer(T.exp(x)) == "exp(s)"
    assert seen == [-1, -2 + 1e-6, -1000]


# ----------------------------------------------------------------------------------------
# debugprint


def test_char_from_number():
    assert [char_from_number(n) for n in (0, 1, 25, 26, 27, 51, 52, 676)] == [
        "A", "B", "Z", "BA", "BB", "BZ", "CA", "BAA"]


_ONE = T.constant(1)


def _one():
    return _ONE


# Theano 1.0.5, verbatim (note the three trailing spaces after the name quotes).
DEBUGPRINT_THEANO = [
    (lambda: x**2, lines(
        "Elemwise{pow,no_inplace} [id A] ''   ",
        " |x [id B]",
        " |TensorConstant{2} [id C]")),
    # Theano caches small constants, so both 1s are one TensorConstant there
    (lambda: _one() / (_one() + T.exp(-x)), lines(
        "Elemwise{true_div,no_inplace} [id A] ''   ",
        " |TensorConstant{1} [id B]",
        " |Elemwise{add,no_inplace} [id C] ''   ",
        "   |TensorConstant{1} [id B]",
        "   |Elemwise{exp,no_inplace} [id D] ''   ",
        "     |Elemwise{neg,no_inplace} [id E] ''   ",
        "       |x [id F]")),
    (lambda: a + b * 2, lines(
        "Elemwise{add,no_inplace} [id A] ''   ",
        " |a [id B]",
        " |Elemwise{mul,no_inplace} [id C] ''   ",
        "   |b [id D]",
        "   |InplaceDimShuffle{x,x} [id E] ''   ",
        "     |TensorConstant{2} [id F]")),
    (lambda: T.dot(a, b), lines(
        "dot [id A] ''   ",
        " |a [id B]",
        " |b [id C]")),
    (lambda: a.sum(), lines(
        "Sum{acc_dtype=float64} [id A] ''   ",
        " |a [id B]")),
    (lambda: a.T, lines(
        "InplaceDimShuffle{1,0} [id A] 'a.T'   ",
        " |a [id B]")),
    (lambda: [a + b, a * b], lines(
        "Elemwise{add,no_inplace} [id A] ''   ",
        " |a [id B]",
        " |b [id C]",
        "Elemwise{mul,no_inplace} [id D] ''   ",
        " |a [id B]",
        " |b [id C]")),
    (lambda: a + a, lines(
        "Elemwise{add,no_inplace} [id A] ''   ",
        " |a [id B]",
        " |a [id B]")),
    (lambda: (a + b) * (a + b), lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] ''   ",
        " | |a [id C]",
        " | |b [id D]",
        " |Elemwise{add,no_inplace} [id E] ''   ",
        "   |a [id C]",
        "   |b [id D]")),
    (lambda: theano.shared(np.zeros(2), name="w") * 2, lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |w [id B]",
        " |InplaceDimShuffle{x} [id C] ''   ",
        "   |TensorConstant{2} [id D]")),
    (lambda: (x, x * 2), lines(
        "x [id A]",
        "Elemwise{mul,no_inplace} [id B] ''   ",
        " |x [id A]",
        " |TensorConstant{2} [id C]")),
]


@pytest.mark.parametrize("build, expected", DEBUGPRINT_THEANO)
def test_debugprint_matches_theano(build, expected):
    assert debugprint(build(), file="str") == expected


def test_debugprint_repeated_subtree_shown_once():
    # Theano 1.0.5
    y = a + b
    assert debugprint(y * y, file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] ''   ",
        " | |a [id C]",
        " | |b [id D]",
        " |Elemwise{add,no_inplace} [id B] ''   ")


def test_debugprint_print_type():
    # Theano 1.0.5
    assert debugprint(x**2, print_type=True, file="str") == lines(
        "Elemwise{pow,no_inplace} [id A] <TensorType(float64, scalar)> ''   ",
        " |x [id B] <TensorType(float64, scalar)>",
        " |TensorConstant{2} [id C] <TensorType(int8, scalar)>")
    s = theano.shared(np.zeros(2), name="s")
    assert debugprint(s * 2, print_type=True, file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] <TensorType(float64, vector)> ''   ",
        " |s [id B] <TensorType(float64, vector)>",
        " |InplaceDimShuffle{x} [id C] <TensorType(int8, (True,))> ''   ",
        "   |TensorConstant{2} [id D] <TensorType(int8, scalar)>")


def test_debugprint_subtensor():
    r = a[0]
    assert debugprint(r, file="str") == lines(
        f"{r.owner.op} [id A] ''   ",
        " |a [id B]",
        f" |{r.owner.inputs[1]} [id C]")


def test_debugprint_to_stdout_returns_none(capsys):
    assert debugprint(x**2) is None
    assert capsys.readouterr().out == lines(
        "Elemwise{pow,no_inplace} [id A] ''   ",
        " |x [id B]",
        " |TensorConstant{2} [id C]")


def test_debugprint_to_file_returns_it():
    buf = io.StringIO()
    assert debugprint(x * 2, file=buf) is buf
    assert buf.getvalue() == lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |x [id B]",
        " |TensorConstant{2} [id C]")


def _named_graph():
    y = a + b
    y.name = "y"
    return (y * 2) - T.exp(y)


def test_debugprint_ids_modes():
    z = _named_graph()
    # Theano 1.0.5
    assert debugprint(z, ids="int", file="str") == lines(
        "Elemwise{sub,no_inplace} [id 0] ''   ",
        " |Elemwise{mul,no_inplace} [id 1] ''   ",
        " | |Elemwise{add,no_inplace} [id 2] 'y'   ",
        " | | |a [id 3]",
        " | | |b [id 4]",
        " | |InplaceDimShuffle{x,x} [id 5] ''   ",
        " |   |TensorConstant{2} [id 6]",
        " |Elemwise{exp,no_inplace} [id 7] ''   ",
        "   |Elemwise{add,no_inplace} [id 2] 'y'   ")
    assert debugprint(z, ids="", file="str") == (
        "Elemwise{sub,no_inplace}  ''   \n |Elemwise{mul,no_inplace}  ''   \n"
        " | |Elemwise{add,no_inplace}  'y'   \n | | |a \n | | |b \n"
        " | |InplaceDimShuffle{x,x}  ''   \n |   |TensorConstant{2} \n"
        " |Elemwise{exp,no_inplace}  ''   \n   |Elemwise{add,no_inplace}  'y'   \n")
    text = debugprint(z, ids="id", file="str")
    ids = re.findall(r"\[id (\d+)\]", text)
    assert len(ids) == 9 and len(set(ids)) == 8
    assert str(id(z.owner)) == ids[0]
    with pytest.raises(ValueError, match="ids must be one of"):
        debugprint(z, ids="foo")


def test_debugprint_depth():
    z = _named_graph()
    # Theano 1.0.5
    assert debugprint(z, depth=2, file="str") == lines(
        "Elemwise{sub,no_inplace} [id A] ''   ",
        " |Elemwise{mul,no_inplace} [id B] ''   ",
        " |Elemwise{exp,no_inplace} [id C] ''   ")
    assert debugprint(z, depth=1, file="str") == lines("Elemwise{sub,no_inplace} [id A] ''   ")
    assert debugprint(z, depth=0, file="str") == ""
    with pytest.raises(TypeError, match="depth must be an int"):
        debugprint(z, depth=1.5)


def test_debugprint_stop_on_name():
    # Theano 1.0.5
    assert debugprint(_named_graph(), stop_on_name=True, file="str") == lines(
        "Elemwise{sub,no_inplace} [id A] ''   ",
        " |Elemwise{mul,no_inplace} [id B] ''   ",
        " | |Elemwise{add,no_inplace} [id C] 'y'   ",
        " | |InplaceDimShuffle{x,x} [id D] ''   ",
        " |   |TensorConstant{2} [id E]",
        " |Elemwise{exp,no_inplace} [id F] ''   ",
        "   |Elemwise{add,no_inplace} [id C] 'y'   ")


def test_debugprint_done_and_used_ids_across_calls():
    z = _named_graph()
    y = z.owner.inputs[1].owner.inputs[0]
    done = {}
    debugprint(z, done=done, file="str")
    assert y.owner in done
    # y was printed by the first call: not expanded again (as Theano 1.0.5)
    assert debugprint(y * 3, done=done, file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] 'y'   ",
        " |InplaceDimShuffle{x,x} [id C] ''   ",
        "   |TensorConstant{3} [id D]")
    # used_ids keeps the ids of the first call (Theano 1.0.5 ignored used_ids)
    used = {}
    debugprint(z, used_ids=used, file="str")
    assert debugprint(y * 3, used_ids=used, file="str") == lines(
        "Elemwise{mul,no_inplace} [id I] ''   ",
        " |Elemwise{add,no_inplace} [id C] 'y'   ",
        " | |a [id D]",
        " | |b [id E]",
        " |InplaceDimShuffle{x,x} [id J] ''   ",
        "   |TensorConstant{3} [id K]")


def test_debugprint_apply_in_out_numbers():
    z = _named_graph()
    assert debugprint(z.owner, file="str") == debugprint(z, file="str")
    assert debugprint(theano.In(x), file="str") == "x [id A]\n"
    assert debugprint(theano.Out(x * 2), file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |x [id B]",
        " |TensorConstant{2} [id C]")
    assert debugprint(3, file="str") == "3\n"
    assert debugprint(np.arange(3), file="str") == "[0 1 2]\n"
    with pytest.raises(TypeError, match="cannot print an object of type str"):
        debugprint("hello")


def test_debugprint_multiple_outputs():
    o0, o1 = _Two()(a)
    assert debugprint([o0, o1], file="str") == lines(
        "_Two.0 [id A] ''   ",
        " |a [id B]",
        "_Two.1 [id A] ''   ")
    assert debugprint(o1, file="str") == lines("_Two.1 [id A] ''   ", " |a [id B]")
    assert debugprint(o0.owner, file="str") == debugprint([o0, o1], file="str")


def test_debugprint_deep_graph():
    r = x
    for _ in range(2000):
        r = r + 1
    text = debugprint(r, file="str")
    assert text.count("\n") == 4001


def _check_toposort_indices(text, fgraph):
    """Every node line ends with the node's index in fgraph.toposort()."""
    topo = fgraph.toposort()
    node_lines = [ln for ln in text.splitlines() if "''" in ln or "' " in ln]
    assert len(node_lines) >= len(topo)
    for ln in node_lines:
        assert re.search(r"'   \d+$", ln), ln


def test_debugprint_function():
    # Theano 1.0.5: a lone element-wise op is neither fused nor rewritten
    f = theano.function([a, b], a * b)
    assert debugprint(f, file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] ''   0",
        " |a [id B]",
        " |b [id C]")
    # the graph of a Function or of its FunctionGraph prints the same; its outputs
    # alone print without toposort indices
    assert debugprint(f.maker.fgraph, file="str") == debugprint(f, file="str")
    assert debugprint(f.maker.fgraph.outputs[0], file="str") == lines(
        "Elemwise{mul,no_inplace} [id A] ''   ",
        " |a [id B]",
        " |b [id C]")


def test_debugprint_function_shows_rewritten_graph():
    # Constant folding: 2.0 * 3.0 becomes one constant 6.0; the graph has one node.
    f = theano.function([x], x * (T.constant(2.0) * 3.0))
    (node,) = f.maker.fgraph.toposort()
    const = [i for i in node.inputs if isinstance(i, Constant)]
    assert len(const) == 1 and float(const[0].data) == 6.0
    names = {id(x_in): f"{x_in}" for x_in in node.inputs}
    ids = iter("BC")
    expected = [f"{node.op} [id A] ''   0"]
    expected += [f" |{names[id(i)]} [id {next(ids)}]" for i in node.inputs]
    assert debugprint(f, file="str") == lines(*expected)
    # Merge: two equal subgraphs become one node, printed once then by id.
    g = theano.function([x], [T.exp(x), T.exp(x)])
    text = debugprint(g, file="str")
    assert len(g.maker.fgraph.toposort()) <= 2
    _check_toposort_indices(text, g.maker.fgraph)
    if len(g.maker.fgraph.toposort()) == 1:
        assert text == lines(
            "Elemwise{exp,no_inplace} [id A] ''   0",
            " |x [id B]",
            "Elemwise{exp,no_inplace} [id A] ''   0")


def test_debugprint_function_with_updates():
    # Theano 1.0.5: the output s, then the update s + xv
    s = theano.shared(np.zeros(2), name="s")
    xv = T.dvector("xv")
    u = theano.function([xv], s, updates=[(s, s + xv)])
    assert debugprint(u, file="str") == lines(
        "s [id A]",
        "Elemwise{add,no_inplace} [id B] ''   0",
        " |s [id A]",
        " |xv [id C]")


def test_debugprint_print_storage():
    s = theano.shared(np.array([1.0, 2.0]), name="s")
    xv = T.dvector("xv")
    u = theano.function([xv], s + xv)
    text = debugprint(u, print_storage=True, file="str")
    assert " |s [id B] [array([1., 2.])]" in text or " |s [id C] [array([1., 2.])]" in text
    assert re.search(r"\|xv \[id [A-Z]\] \[None\]", text)
    assert text.splitlines()[0].endswith("''   0 [None]")
    # without print_storage no values
    assert "array" not in debugprint(u, file="str")


def test_debugprint_print_clients():
    y = a + b
    fg = FunctionGraph([a, b], [y, T.exp(y)], clone=False)
    text = debugprint(fg, print_clients=True, file="str")
    assert text == lines(
        "Elemwise{add,no_inplace} [id A] ''   0 clients:[('output', ''), ('[id B]', 1)]",
        " |a [id C]",
        " |b [id D]",
        "Elemwise{exp,no_inplace} [id B] ''   1",
        " |Elemwise{add,no_inplace} [id A] ''   0 clients:[('output', ''), ('[id B]', 1)]")
    # plain variables have no client lists
    assert "clients" not in debugprint(y, print_clients=True, file="str")


class _Loop(Op):
    """An op with an inner graph (as Scan or OpFromGraph): inner_inputs / inner_outputs."""

    __props__ = ()

    def __init__(self):
        self.inner_inputs = [T.dvector("x_t"), T.dvector("w_copy")]
        self.inner_outputs = [self.inner_inputs[0] * self.inner_inputs[1]]

    def make_node(self, x, w):
        return Apply(self, [x, w], [x.type()])

    def __str__(self):
        return "for{cpu,scan_fn}"


def test_debugprint_inner_graphs():
    w = T.dvector("w")
    out = _Loop()(v + 1, w)
    assert debugprint(out, file="str") == lines(
        "for{cpu,scan_fn} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] ''   ",
        " | |v [id C]",
        " | |InplaceDimShuffle{x} [id D] ''   ",
        " |   |TensorConstant{1} [id E]",
        " |w [id F]",
        "",
        "Inner graphs of the scan ops:",
        "",
        "for{cpu,scan_fn} [id A] ''   ",
        " >Elemwise{mul,no_inplace} [id G] ''   ",
        " > |x_t [id H] -> [id B]",
        " > |w_copy [id I] -> [id F]")


# ----------------------------------------------------------------------------------------
# The Print op


def test_print_op_prints_when_run(capsys):
    p = Print("hello")(v)
    f = theano.function([v], p * 2)
    np.testing.assert_array_equal(f([1.0, 2.0]), [2.0, 4.0])
    assert capsys.readouterr().out == "hello __str__ = [1. 2.]\n"
    f([3.0])
    f([4.0])
    assert capsys.readouterr().out == "hello __str__ = [3.]\nhello __str__ = [4.]\n"


def test_print_op_attrs(capsys):
    f = theano.function([v], Print("msg", attrs=("shape", "sum"))(v))
    value = np.array([1.0, 2.0])
    out = f(value)
    np.testing.assert_array_equal(out, value)
    assert capsys.readouterr().out == "msg shape = (2,)\nmsg sum = 3.0\n"
    g = theano.function([x], Print()(x))
    assert float(g(3.0)) == 3.0
    assert capsys.readouterr().out == " __str__ = 3.0\n"


def test_print_op_not_constant_folded(capsys):
    f = theano.function([x], Print("c")(T.constant(2.0)) + x)
    assert capsys.readouterr().out == ""
    assert float(f(3.0)) == 5.0
    assert float(f(1.0)) == 3.0
    assert capsys.readouterr().out == "c __str__ = 2.0\nc __str__ = 2.0\n"


def test_print_op_custom_global_fn():
    seen = []
    op = Print("m", global_fn=lambda op, value: seen.append((op.message, value.tolist())))
    f = theano.function([v], op(v) + 1)
    np.testing.assert_array_equal(f([1.0]), [2.0])
    assert seen == [("m", [1.0])]


def test_print_op_props_and_str():
    assert Print("a") == Print("a")
    assert hash(Print("a")) == hash(Print("a"))
    assert Print("a") != Print("b")
    assert Print("a", attrs=["shape"]).attrs == ("shape",)
    assert Print.view_map == {0: [0]}
    assert str(Print("hello")).startswith(
        "Print{message='hello', attrs=('__str__',), global_fn=<function _print_fn")
    p = Print("hello")(x)
    assert p.type == x.type
    assert pp(p) == f"{p.owner.op}(x)"


def test_print_op_gradient_and_shape():
    g = theano.grad(Print("g")(v).sum(), v)
    f = theano.function([v], g)
    np.testing.assert_array_equal(f([1.0, 2.0, 3.0]), [1.0, 1.0, 1.0])
    node = Print("s")(a).owner
    assert node.op.infer_shape(None, node, [(2, 3)]) == [(2, 3)]
    assert node.op.R_op([a], [b]) == [b]


# ----------------------------------------------------------------------------------------
# Small descriptions


def test_min_informative_str():
    # Theano 1.0.5
    y = a + b
    y.name = "y"
    assert printing.min_informative_str(y * 2) == (
        "A. Elemwise{mul,no_inplace}\n B. y\n C. InplaceDimShuffle{x,x}\n  D. TensorConstant{2}")
    assert printing.min_informative_str(x**2) == (
        "A. Elemwise{pow,no_inplace}\n B. x\n C. TensorConstant{2}")
    assert printing.min_informative_str(a + a) == "A. Elemwise{add,no_inplace}\n B. a\n <B>"


def test_var_descriptor_and_digests():
    # Theano 1.0.5
    assert printing.var_descriptor((a + b) * 2) == (
        "A=Elemwise{mul,no_inplace}(B=Elemwise{add,no_inplace}(C=a,D=b),"
        "E=InplaceDimShuffle{x,x}(F=TensorConstant{2}))")
    assert printing.hex_digest(np.arange(3.0)) == (
        "b0c45303f7f11848cb5e6e5b2af2fb2aecd0b72c28748b88b583ab6bb76df174"
        "|strides=[8]|shape=[3]")
    assert printing.position_independent_str(a) == "theano_var{type=TensorType(float64, matrix)}"


def test_module_doctests():
    result = doctest.testmod(printing, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_pp_deep_graph():
    r = x
    for _ in range(2000):
        r = r + 1
    text = pp(r)
    assert text.startswith("(" * 2000 + "x + TensorConstant{1})")
    assert len(text) == 2000 * len("( + TensorConstant{1})") + 1


def test_pp_nnet_functions():
    nnet = pytest.importorskip("theano.tensor.nnet")
    # Theano 1.0.5
    assert pp(nnet.sigmoid(a)) == "sigmoid(a)"
    assert pp(nnet.softplus(x) + 1) == "(softplus(x) + TensorConstant{1})"
