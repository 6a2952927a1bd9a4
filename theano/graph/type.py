"""Type: what values a Variable may hold, and how to check or convert them."""

from theano.graph.basic import Constant, Variable
from theano.graph.utils import MethodNotDefined


class Type:
    """Base of every Type.  A Type is a value description, compared by ``==``."""

    Variable = Variable
    Constant = Constant

    def filter(self, data, strict=False, allow_downcast=None):
        """Return ``data`` as a valid value of this Type, or raise TypeError."""
        raise MethodNotDefined("filter", type(self).__name__)

    def filter_variable(self, other, allow_convert=True):
        """Return ``other`` as a Variable of this Type, or raise TypeError."""
        if not isinstance(other, Variable):
            other = self.Constant(type=self, data=other)
        if other.type == self:
            return other
        if allow_convert:
            converted = self.convert_variable(other)
            if converted is not None:
                return converted
        raise TypeError(
            f"Cannot convert Type {other.type} (of Variable {other}) into Type {self}. "
            "You can try to manually convert it."
        )

    def convert_variable(self, var):
        """Return ``var`` made into this Type when that is safe, else None."""
        if var.type == self:
            return var
        return None

    def is_valid_value(self, data):
        try:
            self.filter(data, strict=True)
            return True
        except (TypeError, ValueError):
            return False

    def value_validity_msg(self, data):
        return "none"

    def make_variable(self, name=None):
        """A new owner-less Variable of this Type."""
        return self.Variable(self, name=name)

    def make_constant(self, value, name=None):
        return self.Constant(type=self, data=value, name=name)

    def __call__(self, name=None):
        """``TensorType('float64', (False,))('x')`` makes a Variable named x."""
        return self.make_variable(name)

    def values_eq(self, a, b):
        return a == b

    def values_eq_approx(self, a, b):
        return self.values_eq(a, b)

    def clone(self, *args, **kwargs):
        return self


class Generic(Type):
    """Any Python object (used for random generators and other opaque state)."""

    def filter(self, data, strict=False, allow_downcast=None):
        return data

    def is_valid_value(self, data):
        return True

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return self.__class__.__name__

    __repr__ = __str__


generic = Generic()
