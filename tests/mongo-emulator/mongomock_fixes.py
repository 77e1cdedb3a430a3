"""Where mongomock 4.1 disagrees with MongoDB in a way the stores depend on, patched to MongoDB's behaviour.

Imported for its effect; each patch says what MongoDB does.
"""
from mongomock import aggregate

_compare = aggregate._Parser._handle_comparison_operator


def _compare_missing_as_null(self, operator, values):
    # MongoDB compares a missing field in an expression ({$gte: ['$a', '$b']} inside $expr) as the lowest
    # value; mongomock raised KeyError out of the whole query instead. (MongoDB tells missing from null
    # in $eq/$ne; this does not: no store compares a missing field for equality in an expression.)
    operands = []
    for value in values:
        try:
            operands.append(self.parse(value))
        except KeyError:
            operands.append(None)
    return _compare(_Constant(), operator, operands)


class _Constant:
    """A parser for operands already evaluated: parsing returns them as they are."""

    @staticmethod
    def parse(value):
        return value


aggregate._Parser._handle_comparison_operator = _compare_missing_as_null
