"""Fused per-pixel kernels in C (kernels.c), built with the package where a C compiler is at
hand; each gives the same bits as the OpenCV passes it stands for. Without them (a platform
where the build found no compiler) `kernels` is None and the callers take those passes."""

from __future__ import annotations

try:
    from station.native import _kernels as kernels
except ImportError:  # built without a C compiler
    kernels = None  # type: ignore[assignment]  # the stub types the built module only
