"""FunctionGraph: a graph with fixed inputs and outputs that rewrites can edit in place."""

from theano.graph.basic import Apply, Constant, Variable, clone_get_equiv, io_toposort
from theano.graph.utils import format_trace


class InconsistencyError(Exception):
    """A graph edit would break an invariant a feature guards (e.g. a destroyed input)."""


class MissingInputError(Exception):
    """The graph needs a Variable that is not among the function's inputs."""

    def __init__(self, *args, variable=None):
        if variable is not None:
            where = ""
            owner_trace = getattr(variable.tag, "trace", None)
            if owner_trace:
                where = f"\nThe variable was created at {format_trace(owner_trace)}"
            args = (args[0] + where,) + args[1:]
        super().__init__(*args)
        self.variable = variable


class Feature:
    """Hooks a FunctionGraph calls as it changes (Theano's ``toolbox.Feature``)."""

    def on_attach(self, fgraph):
        pass

    def on_detach(self, fgraph):
        pass

    def on_import(self, fgraph, node, reason):
        pass

    def on_prune(self, fgraph, node, reason):
        pass

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        pass

    def orderings(self, fgraph):
        return {}


class FunctionGraph:
    """Inputs, outputs and every Apply between them, with client lists.

    ``clients[var]`` lists ``(node, i)`` pairs that use ``var`` as input ``i``; an
    output's client is ``("output", j)``.  ``replace`` swaps one Variable for another
    everywhere and prunes what becomes unused.  By default the graph is cloned so
    the user's graph is never touched.
    """

    def __init__(self, inputs, outputs, features=None, clone=True, update_mapping=None):
        if clone:
            equiv = clone_get_equiv(inputs, outputs, copy_inputs=True, copy_orphans=False)
            inputs = [equiv[i] for i in inputs]
            outputs = [equiv[o] for o in outputs]
            self.equiv = equiv
        else:
            self.equiv = None
        self.inputs = []
        self.outputs = list(outputs)
        self.apply_nodes = set()
        self.variables = set()
        self.clients = {}
        self._features = []
        self.update_mapping = update_mapping
        self._toposort_cache = None
        for inp in inputs:
            if inp.owner is not None:
                raise ValueError(
                    f"One of the provided inputs is the output of an already existing node: {inp}"
                )
            self.add_input(inp)
        for i, out in enumerate(self.outputs):
            self.import_var(out, reason="init")
            self.clients[out].append(("output", i))
        for f in features or ():
            self.attach_feature(f)

    # Building ----------------------------------------------------------------------
    def add_input(self, inp):
        if inp in self.variables:
            return
        self.inputs.append(inp)
        self.variables.add(inp)
        self.clients.setdefault(inp, [])

    def import_var(self, var, reason=None):
        if var in self.variables:
            return
        if var.owner is not None:
            self.import_node(var.owner, reason=reason)
            return
        if isinstance(var, Constant) or getattr(var.type, "is_random_state", False):
            self.variables.add(var)
            self.clients.setdefault(var, [])
            return
        if var not in self.inputs:
            raise MissingInputError(
                f"Input {var} (type {var.type}) is needed to compute the outputs but was not "
                "provided: add it to the function's inputs, give it with `givens`, or make it "
                "a shared variable.",
                variable=var,
            )

    def _new_nodes(self, apply_node):
        """Nodes reachable from ``apply_node`` that are not in the graph, parents first.

        Walks only the new part of the graph (no copy of ``self.variables``), so
        importing stays cheap on large graphs.
        """
        order = []
        seen = set()
        stack = [(apply_node, False)]
        variables = self.variables
        apply_nodes = self.apply_nodes
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if node in seen or node in apply_nodes:
                continue
            seen.add(node)
            stack.append((node, True))
            for inp in reversed(node.inputs):
                owner = inp.owner
                if owner is not None and inp not in variables and owner not in seen:
                    stack.append((owner, False))
        return order

    def import_node(self, apply_node, reason=None):
        new_nodes = self._new_nodes(apply_node)
        for node in new_nodes:
            if node in self.apply_nodes:
                continue
            for inp in node.inputs:
                if inp not in self.variables:
                    if inp.owner is None:
                        self.import_var(inp, reason)
            self.apply_nodes.add(node)
            for out in node.outputs:
                self.variables.add(out)
                self.clients.setdefault(out, [])
            for i, inp in enumerate(node.inputs):
                self.clients.setdefault(inp, []).append((node, i))
                self.variables.add(inp)
            self._toposort_cache = None
            self.execute_callbacks("on_import", node, reason)

    # Editing -----------------------------------------------------------------------
    def _remove_client(self, var, client, reason=None):
        """Drop ``client`` from ``var``; prune ``var``'s owner if nothing uses it any more."""
        stack = [(var, client)]
        while stack:
            v, c = stack.pop()
            lst = self.clients[v]
            lst.remove(c)
            if lst or v.owner is None:
                continue
            node = v.owner
            if any(self.clients.get(o) for o in node.outputs):
                continue
            if node not in self.apply_nodes:
                continue
            self.apply_nodes.remove(node)
            for o in node.outputs:
                self.variables.discard(o)
                self.clients.pop(o, None)
            self._toposort_cache = None
            self.execute_callbacks("on_prune", node, reason)
            for i, inp in enumerate(node.inputs):
                stack.append((inp, (node, i)))

    def change_input(self, node, i, new_var, reason=None):
        """Make input ``i`` of ``node`` (or output ``i`` when node == 'output') ``new_var``."""
        if node == "output":
            old = self.outputs[i]
            if old is new_var:
                return
            if old.type != new_var.type:
                raise TypeError(
                    f"The type of the replacement ({new_var.type}) must be the same as the type "
                    f"of the original Variable ({old.type})."
                )
            self.outputs[i] = new_var
        else:
            old = node.inputs[i]
            if old is new_var:
                return
            if old.type != new_var.type:
                raise TypeError(
                    f"The type of the replacement ({new_var.type}) must be the same as the type "
                    f"of the original Variable ({old.type})."
                )
            node.inputs[i] = new_var
        self.import_var(new_var, reason=reason)
        self.clients[new_var].append((node, i))
        self._remove_client(old, (node, i), reason=reason)
        self._toposort_cache = None
        self.execute_callbacks("on_change_input", node, i, old, new_var, reason=reason)

    def replace(self, var, new_var, reason=None, verbose=None):
        """Replace every use of ``var`` by ``new_var`` (which must have the same type)."""
        if var not in self.variables:
            return
        if var.type != new_var.type:
            converted = var.type.convert_variable(new_var)
            if converted is None:
                raise TypeError(
                    f"Cannot replace {var} (type {var.type}) with {new_var} "
                    f"(type {new_var.type}){' in ' + str(reason) if reason else ''}: "
                    "the types differ."
                )
            new_var = converted
        for node, i in list(self.clients[var]):
            self.change_input(node, i, new_var, reason=reason)

    def replace_all(self, pairs, reason=None):
        for var, new_var in pairs:
            self.replace(var, new_var, reason=reason)

    # Features ----------------------------------------------------------------------
    def attach_feature(self, feature):
        if feature in self._features:
            return
        attach = getattr(feature, "on_attach", None)
        if attach is not None:
            attach(self)
        self._features.append(feature)

    def remove_feature(self, feature):
        self._features.remove(feature)
        detach = getattr(feature, "on_detach", None)
        if detach is not None:
            detach(self)

    def execute_callbacks(self, name, *args, **kwargs):
        for feature in self._features:
            fn = getattr(feature, name, None)
            if fn is not None:
                fn(self, *args, **kwargs)

    # Reading -----------------------------------------------------------------------
    def toposort(self):
        """Apply nodes in execution order (cached until the graph changes)."""
        if self._toposort_cache is None:
            orderings = self.orderings()
            self._toposort_cache = io_toposort(self.inputs, self.outputs, orderings or None)
        return list(self._toposort_cache)

    def orderings(self):
        merged = {}
        for feature in self._features:
            fn = getattr(feature, "orderings", None)
            if fn is None:
                continue
            for node, prereqs in fn(self).items():
                merged.setdefault(node, []).extend(prereqs)
        return merged

    def get_clients(self, var):
        return self.clients.get(var, [])

    def clone(self, check_integrity=True):
        return self.clone_get_equiv(check_integrity)[0]

    def clone_get_equiv(self, check_integrity=True, attach_feature=True):
        equiv = clone_get_equiv(self.inputs, self.outputs, copy_inputs=True, copy_orphans=False)
        fg = FunctionGraph(
            [equiv[i] for i in self.inputs],
            [equiv[o] for o in self.outputs],
            clone=False,
            update_mapping=self.update_mapping,
        )
        if attach_feature:
            for f in self._features:
                fg.attach_feature(f)
        return fg, equiv

    def check_integrity(self):
        nodes = set(io_toposort(self.inputs, self.outputs))
        if nodes != self.apply_nodes:
            raise Exception("The nodes are inappropriately cached.")
        for node in nodes:
            for i, inp in enumerate(node.inputs):
                if (node, i) not in self.clients.get(inp, []):
                    raise Exception(f"Inconsistent clients list {(node, i)} in {inp}")

    def __str__(self):
        return "FunctionGraph(%s)" % ", ".join(str(o) for o in self.outputs)

    def __iter__(self):
        return iter(self.toposort())

    def __contains__(self, item):
        if isinstance(item, Variable):
            return item in self.variables
        if isinstance(item, Apply):
            return item in self.apply_nodes
        return False
