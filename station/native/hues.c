/* The other inks' hues (station.pdf.mrc._other_ink): the opponent colours of the page's
   ~100 dpi copy, each box-blurred over 3 x 3, and the counts of their values at the cells whose
   centre is a stroke core, from which the main ink's hue is the median. OpenCV takes a split,
   four arithmetic passes and two blurs for the first, and numpy a strided copy of two full-size
   maps, a look-up, a comparison and two boolean picks for the second. */

#include "native.h"

/* One row of the two opponent colours: red - green, and (red + green) / 2 - blue (halved
   rounding down: the sum is never negative). */
WIDEST static void opponent_row(const u8 *RESTRICT bgr, int16_t *RESTRICT red_green,
                                int16_t *RESTRICT yellow_blue, Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) {
        int16_t b = bgr[3 * x], g = bgr[3 * x + 1], r = bgr[3 * x + 2];
        red_green[x] = (int16_t)(r - g);
        yellow_blue[x] = (int16_t)(((r + g) >> 1) - b);
    }
}

/* sum / 9 rounded to nearest, as cv2.blur's 1/9 scaling rounds it (a sum of nine integers is
   never an odd number of halves of 9, so no tie arises). */
static inline int16_t ninth(int32_t sum) {
    return (int16_t)(sum >= 0 ? (sum + 4) / 9 : -((-sum + 4) / 9));
}

/* Three rows summed down. */
WIDEST static void down_sum(const int16_t *RESTRICT above, const int16_t *RESTRICT row,
                            const int16_t *RESTRICT below, int32_t *RESTRICT sum,
                            Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) sum[x] = above[x] + row[x] + below[x];
}

/* The sums down, summed across three columns (the edges reflected about their own column, as
   OpenCV's default border does) and scaled by 1/9. */
WIDEST static void across_ninths(const int32_t *RESTRICT sum, int16_t *RESTRICT out,
                                 Py_ssize_t width) {
    if (width == 1) {
        out[0] = ninth(3 * sum[0]);
        return;
    }
    out[0] = ninth(2 * sum[1] + sum[0]);
    for (Py_ssize_t x = 1; x < width - 1; x++) out[x] = ninth(sum[x - 1] + sum[x] + sum[x + 1]);
    out[width - 1] = ninth(2 * sum[width - 2] + sum[width - 1]);
}

static inline Py_ssize_t reflected(Py_ssize_t y, Py_ssize_t height) {
    if (height == 1) return 0;
    return y < 0 ? 1 : y >= height ? height - 2 : y;
}

/* opponent(small, red_green, yellow_blue): the BGR image's two opponent colours, each
   cv2.blur(3 x 3)'d, into the int16 maps (C-contiguous, the image's size). */
INTERNAL PyObject *opponent(PyObject *self, PyObject *args) {
    PyObject *source, *rg_obj, *yb_obj;
    (void)self;
    if (!PyArg_ParseTuple(args, "OOO:opponent", &source, &rg_obj, &yb_obj)) return NULL;
    Held held[3] = {{0}};
    if (take(source, &held[0], 0, 3, 3, "small") ||
        take_typed(rg_obj, &held[1], 1, 2, "h", "red_green") ||
        take_typed(yb_obj, &held[2], 1, 2, "h", "yellow_blue") || same_size(held, 3)) {
        release(held, 3);
        return NULL;
    }
    const Py_buffer *in = &held[0].view;
    Py_ssize_t height = in->shape[0], width = in->shape[1];
    int16_t *outs[2] = {held[1].view.buf, held[2].view.buf};
    /* the unblurred maps of three rows (row y in slot y % 3) for each colour, and a sum row */
    int16_t *rows = malloc(sizeof(int16_t) * 6 * (size_t)width);
    int32_t *sum = malloc(sizeof(int32_t) * (size_t)width);
    if (height < 1 || width < 1 || !rows || !sum) {
        free(rows), free(sum);
        release(held, 3);
        if (height < 1 || width < 1) {
            PyErr_SetString(PyExc_ValueError, "small: an empty image");
            return NULL;
        }
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t made = 0; /* rows made so far */
    for (Py_ssize_t y = 0; y < height; y++) {
        Py_ssize_t need = y + 1 < height ? y + 1 : height - 1;
        for (; made <= need; made++)
            opponent_row((const u8 *)in->buf + made * in->strides[0],
                         rows + (made % 3) * width, rows + (3 + made % 3) * width, width);
        Py_ssize_t up = reflected(y - 1, height), down = reflected(y + 1, height);
        for (int colour = 0; colour < 2; colour++) {
            const int16_t *maps = rows + 3 * colour * width;
            down_sum(maps + (up % 3) * width, maps + (y % 3) * width, maps + (down % 3) * width,
                     sum, width);
            across_ninths(sum, outs[colour] + y * width, width);
        }
    }
    Py_END_ALLOW_THREADS
    free(rows), free(sum);
    release(held, 3);
    Py_RETURN_NONE;
}

#define HUE_LEVELS 511 /* -255..255 */

/* centre_counts(light, paper, table, factor, red_green, yellow_blue, counts) -> cells: see
   the method table. The cores test is station.pdf.mrc._cores' (light < table[paper]); the maps'
   cells are `factor` pixels of light and paper wide, each read at its centre. */
INTERNAL PyObject *centre_counts(PyObject *self, PyObject *args) {
    PyObject *light_obj, *paper_obj, *table_obj, *rg_obj, *yb_obj, *counts_obj;
    Py_ssize_t factor;
    (void)self;
    if (!PyArg_ParseTuple(args, "OOOnOOO:centre_counts", &light_obj, &paper_obj, &table_obj,
                          &factor, &rg_obj, &yb_obj, &counts_obj))
        return NULL;
    if (factor < 1) {
        PyErr_SetString(PyExc_ValueError, "factor: 1 or more");
        return NULL;
    }
    Held held[6] = {{0}};
    if (take(light_obj, &held[0], 0, 2, 1, "light") ||
        take(paper_obj, &held[1], 0, 2, 1, "paper") || same_size(held, 2) ||
        take_bytes(table_obj, &held[2]) || take_typed(rg_obj, &held[3], 0, 2, "h", "red_green") ||
        take_typed(yb_obj, &held[4], 0, 2, "h", "yellow_blue") ||
        take_typed(counts_obj, &held[5], 1, 2, "i", "counts")) {
        release(held, 6);
        return NULL;
    }
    const Py_buffer *light = &held[0].view, *paper = &held[1].view, *rg = &held[3].view;
    const Py_buffer *counts = &held[5].view;
    if (held[2].view.len != 256 || held[2].view.itemsize != 1 ||
        rg->shape[0] != held[4].view.shape[0] || rg->shape[1] != held[4].view.shape[1] ||
        counts->shape[0] != 2 || counts->shape[1] != HUE_LEVELS) {
        release(held, 6);
        PyErr_SetString(PyExc_ValueError,
                        "table: 256 levels; the maps alike; counts: 2 x 511 int32");
        return NULL;
    }
    const u8 *table = held[2].view.buf;
    const int16_t *maps[2] = {rg->buf, held[4].view.buf};
    int32_t *tally[2] = {counts->buf, (int32_t *)counts->buf + HUE_LEVELS};
    Py_ssize_t rows = (light->shape[0] - factor / 2 + factor - 1) / factor;
    Py_ssize_t cols = (light->shape[1] - factor / 2 + factor - 1) / factor;
    rows = rows < rg->shape[0] ? rows : rg->shape[0];
    cols = cols < rg->shape[1] ? cols : rg->shape[1];
    Py_ssize_t cells = 0, stray = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < rows; y++) {
        Py_ssize_t at = factor / 2 + factor * y;
        const u8 *seen = (const u8 *)light->buf + at * light->strides[0];
        const u8 *level = (const u8 *)paper->buf + at * paper->strides[0];
        for (Py_ssize_t x = 0; x < cols; x++) {
            Py_ssize_t pixel = factor / 2 + factor * x;
            if (seen[pixel] >= table[level[pixel]]) continue;
            cells++;
            for (int colour = 0; colour < 2; colour++) {
                int value = maps[colour][y * rg->shape[1] + x];
                if (value < -255 || value > 255)
                    stray++;
                else
                    tally[colour][value + 255]++;
            }
        }
    }
    Py_END_ALLOW_THREADS
    release(held, 6);
    if (stray) {
        PyErr_SetString(PyExc_ValueError, "red_green, yellow_blue: values -255..255 only");
        return NULL;
    }
    return PyLong_FromSsize_t(cells);
}
