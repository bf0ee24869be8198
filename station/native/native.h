/* What the C files of station.native._kernels share: the build's settings and the checks on the
   arrays a kernel is handed. */

#ifndef SOHOA_NATIVE_H
#define SOHOA_NATIVE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#if defined(__GNUC__) && !defined(__clang__)
/* fp-contract off: a * b + c stays two roundings unless written as fmaf (the warp's points are
   OpenCV's only so); no-trapping-math lets floats be compared and selected in vectors. */
#pragma GCC optimize("O3", "fp-contract=off", "no-trapping-math")
#endif

/* GCC 12 and later on Linux: its target_clones take the x86-64 levels (ifuncs pick one). */
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__) && \
    __GNUC__ >= 12
#define WIDEST __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define WIDEST
#endif

#if defined(_MSC_VER)
#define RESTRICT __restrict
#else
#define RESTRICT restrict
#endif

typedef unsigned char u8;

#if defined(__GNUC__) || defined(__clang__)
#define INTERNAL __attribute__((visibility("hidden")))
#else
#define INTERNAL
#endif

/* An array's buffer, released by `release` when `held`. */
typedef struct {
    Py_buffer view;
    int held;
} Held;

INTERNAL void release(Held *held, int count);
/* A uint8 buffer of `ndim` dimensions whose rows may be strided but whose pixels are packed. */
INTERNAL int take(PyObject *object, Held *held, int writable, int ndim, Py_ssize_t channels,
                  const char *name);
/* A C-contiguous array of `ndim` dimensions whose items are of struct `format` ("f": float32,
   "i": int32, "h": int16). */
INTERNAL int take_typed(PyObject *object, Held *held, int writable, int ndim, const char *format,
                        const char *name);
/* Any C-contiguous buffer, read as bytes. */
INTERNAL int take_bytes(PyObject *object, Held *held);
/* Whether the first two dimensions of the `count` buffers agree (else a ValueError is set). */
INTERNAL int same_size(Held *held, int count);

INTERNAL PyObject *composite(PyObject *self, PyObject *args);
INTERNAL PyObject *resize_linear(PyObject *self, PyObject *args);
INTERNAL PyObject *opponent(PyObject *self, PyObject *args);
INTERNAL PyObject *centre_counts(PyObject *self, PyObject *args);
INTERNAL PyObject *grid_counts(PyObject *self, PyObject *args);

#endif
