"""Indexing: basic slicing, integer (advanced) and boolean-mask indexing, set/inc."""


def getitem(x, args):
    raise NotImplementedError("indexing: TODO(#3)")
