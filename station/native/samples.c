/* Counts of pixel values on a sparse grid of a page, under a test: the samples from which the
   encoder takes its percentiles (the typical stroke core, the stencil's colour, the print's
   contrast). numpy makes a strided copy of each map, the test's maps, and picks the values. */

#include "native.h"

/* grid_counts(values, tested, levels, table, step, difference, counts) -> samples: over the
   pixels (step * i, step * j) where tested < table[levels] (tested None: 0), how often each
   value 0..255 of each channel of `values` occurs (difference: of levels - values, 0 where
   negative), added into counts (channels x 256 int32); how many pixels passed. */
INTERNAL PyObject *grid_counts(PyObject *self, PyObject *args) {
    PyObject *values_obj, *tested_obj, *levels_obj, *table_obj, *counts_obj;
    Py_ssize_t step;
    int difference;
    (void)self;
    if (!PyArg_ParseTuple(args, "OOOOnpO:grid_counts", &values_obj, &tested_obj, &levels_obj,
                          &table_obj, &step, &difference, &counts_obj))
        return NULL;
    if (step < 1) {
        PyErr_SetString(PyExc_ValueError, "step: 1 or more");
        return NULL;
    }
    Py_buffer probe;
    if (PyObject_GetBuffer(values_obj, &probe, PyBUF_STRIDES | PyBUF_FORMAT) != 0) return NULL;
    int ndim = probe.ndim;
    Py_ssize_t channels = ndim == 3 ? probe.shape[2] : 1;
    PyBuffer_Release(&probe);
    if (!(ndim == 2 || (ndim == 3 && channels >= 1 && channels <= 4)) ||
        (difference && channels != 1)) {
        PyErr_SetString(PyExc_ValueError, "values: H x W, or H x W x 1..4 (difference: H x W)");
        return NULL;
    }
    int has_tested = tested_obj != Py_None;
    Held held[5] = {{0}};
    if (take(values_obj, &held[0], 0, ndim, channels, "values") ||
        take(levels_obj, &held[1], 0, 2, 1, "levels") || same_size(held, 2) ||
        (has_tested && (take(tested_obj, &held[2], 0, 2, 1, "tested") || same_size(held + 1, 2))) ||
        take_bytes(table_obj, &held[3]) || take_typed(counts_obj, &held[4], 1, 2, "i", "counts")) {
        release(held, 5);
        return NULL;
    }
    const Py_buffer *values = &held[0].view, *levels = &held[1].view, *counts = &held[4].view;
    const Py_buffer *tested = has_tested ? &held[2].view : NULL;
    if (held[3].view.len != 256 || counts->shape[0] != channels || counts->shape[1] != 256) {
        release(held, 5);
        PyErr_SetString(PyExc_ValueError, "table: 256 levels; counts: channels x 256 int32");
        return NULL;
    }
    const u8 *table = held[3].view.buf;
    int32_t *tally = counts->buf;
    Py_ssize_t height = values->shape[0], width = values->shape[1], passed = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < height; y += step) {
        const u8 *row = (const u8 *)values->buf + y * values->strides[0];
        const u8 *level = (const u8 *)levels->buf + y * levels->strides[0];
        const u8 *test = tested ? (const u8 *)tested->buf + y * tested->strides[0] : NULL;
        for (Py_ssize_t x = 0; x < width; x += step) {
            if ((test ? test[x] : 0) >= table[level[x]]) continue;
            passed++;
            if (difference) {
                tally[level[x] > row[x] ? level[x] - row[x] : 0]++;
                continue;
            }
            for (Py_ssize_t c = 0; c < channels; c++) tally[256 * c + row[x * channels + c]]++;
        }
    }
    Py_END_ALLOW_THREADS
    release(held, 5);
    return PyLong_FromSsize_t(passed);
}
