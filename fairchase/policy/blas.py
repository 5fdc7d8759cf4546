"""Run small linear algebra on one BLAS thread.

Our matrices are ~100x100: OpenBLAS's thread pool costs 20x more than it saves there, badly so
on a busy machine. This is what threadpoolctl does, without the dependency; it is a no-op when
NumPy's bundled OpenBLAS is not found.
"""

from __future__ import annotations

import ctypes
import glob
import os
from contextlib import contextmanager

import numpy as np

_lib = None
_looked = False


def _openblas():
    global _lib, _looked
    if not _looked:
        _looked = True
        libs = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
        for path in sorted(glob.glob(os.path.join(libs, "*openblas*.so*"))):
            try:
                lib = ctypes.CDLL(path)
                lib.scipy_openblas_get_num_threads64_.restype = ctypes.c_int
                lib.scipy_openblas_set_num_threads64_.argtypes = [ctypes.c_int]
                _lib = lib
                break
            except (OSError, AttributeError):
                continue
    return _lib


@contextmanager
def one_blas_thread():
    lib = _openblas()
    if lib is None:
        yield
        return
    before = lib.scipy_openblas_get_num_threads64_()
    lib.scipy_openblas_set_num_threads64_(1)
    try:
        yield
    finally:
        lib.scipy_openblas_set_num_threads64_(before)
