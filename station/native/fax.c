/* CCITT group 4 (ITU-T T.6) coding of packed 1-bit rows, as libtiff codes a one-strip TIFF.

G4 leaves the coder no choices: each changing pixel is coded by the first of pass, vertical and
horizontal mode that applies, so any coder gives the same bits; libtiff's differ only where it
reads "to the right of a0" at the start of a row, and that is copied here (the tests compare
both on real masks and on every run length). libtiff looks for the changes a byte at a time;
here a row is read 64 pixels at a time, so a page of mostly white rows costs little. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char u8;

typedef struct {
    uint8_t length;
    uint16_t code;
} Code;

/* ITU-T T.4 run codes: runs 0..63, then 64..1728 by 64 (index 63 + run / 64), then the
   extended 1792..2560 that both colours share. */
static const Code WHITE_RUNS[104] = {
    {8, 0x35}, {6, 0x7}, {4, 0x7}, {4, 0x8}, {4, 0xB}, {4, 0xC}, {4, 0xE}, {4, 0xF}, {5, 0x13},
    {5, 0x14}, {5, 0x7}, {5, 0x8}, {6, 0x8}, {6, 0x3}, {6, 0x34}, {6, 0x35}, {6, 0x2A}, {6, 0x2B},
    {7, 0x27}, {7, 0xC}, {7, 0x8}, {7, 0x17}, {7, 0x3}, {7, 0x4}, {7, 0x28}, {7, 0x2B}, {7, 0x13},
    {7, 0x24}, {7, 0x18}, {8, 0x2}, {8, 0x3}, {8, 0x1A}, {8, 0x1B}, {8, 0x12}, {8, 0x13},
    {8, 0x14}, {8, 0x15}, {8, 0x16}, {8, 0x17}, {8, 0x28}, {8, 0x29}, {8, 0x2A}, {8, 0x2B},
    {8, 0x2C}, {8, 0x2D}, {8, 0x4}, {8, 0x5}, {8, 0xA}, {8, 0xB}, {8, 0x52}, {8, 0x53}, {8, 0x54},
    {8, 0x55}, {8, 0x24}, {8, 0x25}, {8, 0x58}, {8, 0x59}, {8, 0x5A}, {8, 0x5B}, {8, 0x4A},
    {8, 0x4B}, {8, 0x32}, {8, 0x33}, {8, 0x34}, {5, 0x1B}, {5, 0x12}, {6, 0x17}, {7, 0x37},
    {8, 0x36}, {8, 0x37}, {8, 0x64}, {8, 0x65}, {8, 0x68}, {8, 0x67}, {9, 0xCC}, {9, 0xCD},
    {9, 0xD2}, {9, 0xD3}, {9, 0xD4}, {9, 0xD5}, {9, 0xD6}, {9, 0xD7}, {9, 0xD8}, {9, 0xD9},
    {9, 0xDA}, {9, 0xDB}, {9, 0x98}, {9, 0x99}, {9, 0x9A}, {6, 0x18}, {9, 0x9B}, {11, 0x8},
    {11, 0xC}, {11, 0xD}, {12, 0x12}, {12, 0x13}, {12, 0x14}, {12, 0x15}, {12, 0x16}, {12, 0x17},
    {12, 0x1C}, {12, 0x1D}, {12, 0x1E}, {12, 0x1F},
};

static const Code BLACK_RUNS[104] = {
    {10, 0x37}, {3, 0x2}, {2, 0x3}, {2, 0x2}, {3, 0x3}, {4, 0x3}, {4, 0x2}, {5, 0x3}, {6, 0x5},
    {6, 0x4}, {7, 0x4}, {7, 0x5}, {7, 0x7}, {8, 0x4}, {8, 0x7}, {9, 0x18}, {10, 0x17}, {10, 0x18},
    {10, 0x8}, {11, 0x67}, {11, 0x68}, {11, 0x6C}, {11, 0x37}, {11, 0x28}, {11, 0x17}, {11, 0x18},
    {12, 0xCA}, {12, 0xCB}, {12, 0xCC}, {12, 0xCD}, {12, 0x68}, {12, 0x69}, {12, 0x6A},
    {12, 0x6B}, {12, 0xD2}, {12, 0xD3}, {12, 0xD4}, {12, 0xD5}, {12, 0xD6}, {12, 0xD7},
    {12, 0x6C}, {12, 0x6D}, {12, 0xDA}, {12, 0xDB}, {12, 0x54}, {12, 0x55}, {12, 0x56},
    {12, 0x57}, {12, 0x64}, {12, 0x65}, {12, 0x52}, {12, 0x53}, {12, 0x24}, {12, 0x37},
    {12, 0x38}, {12, 0x27}, {12, 0x28}, {12, 0x58}, {12, 0x59}, {12, 0x2B}, {12, 0x2C},
    {12, 0x5A}, {12, 0x66}, {12, 0x67}, {10, 0xF}, {12, 0xC8}, {12, 0xC9}, {12, 0x5B}, {12, 0x33},
    {12, 0x34}, {12, 0x35}, {13, 0x6C}, {13, 0x6D}, {13, 0x4A}, {13, 0x4B}, {13, 0x4C},
    {13, 0x4D}, {13, 0x72}, {13, 0x73}, {13, 0x74}, {13, 0x75}, {13, 0x76}, {13, 0x77},
    {13, 0x52}, {13, 0x53}, {13, 0x54}, {13, 0x55}, {13, 0x5A}, {13, 0x5B}, {13, 0x64},
    {13, 0x65}, {11, 0x8}, {11, 0xC}, {11, 0xD}, {12, 0x12}, {12, 0x13}, {12, 0x14}, {12, 0x15},
    {12, 0x16}, {12, 0x17}, {12, 0x1C}, {12, 0x1D}, {12, 0x1E}, {12, 0x1F},
};


static const Code PASS = {4, 0x1}, HORIZONTAL = {3, 0x1}, END_OF_LINE = {12, 0x1};
/* vertical modes by a1 - b1 + 3 (a1 that far right of b1): VL3, VL2, VL1, V0, VR1, VR2, VR3 */
static const Code VERTICAL[7] = {{7, 0x2}, {6, 0x2}, {3, 0x2}, {1, 0x1},
                                 {3, 0x3}, {6, 0x3}, {7, 0x3}};

/* Codes appended most significant bit first, as a growing byte string. */
typedef struct {
    u8 *data;
    size_t size, capacity;
    uint64_t pending; /* the low `count` bits not yet written out */
    int count;
} Bits;

static inline void put(Bits *bits, Code code) {
    bits->pending = (bits->pending << code.length) | code.code;
    bits->count += code.length;
    while (bits->count >= 8) {
        bits->count -= 8;
        bits->data[bits->size++] = (u8)(bits->pending >> bits->count);
    }
}

/* Room for one more row: no row codes more than 4 bytes a pixel (a 13-bit makeup code and a
   12-bit terminating one at most per run, with the mode's code). */
static int reserve(Bits *bits, Py_ssize_t width) {
    size_t need = bits->size + 4 * (size_t)width + 64;
    if (need <= bits->capacity) return 0;
    size_t capacity = bits->capacity * 2 > need ? bits->capacity * 2 : need;
    u8 *grown = realloc(bits->data, capacity);
    if (!grown) return -1;
    bits->data = grown;
    bits->capacity = capacity;
    return 0;
}

static void put_run(Bits *bits, Py_ssize_t run, const Code *codes) {
    while (run >= 2624) {
        put(bits, codes[63 + 2560 / 64]);
        run -= 2560;
    }
    if (run >= 64) {
        put(bits, codes[63 + run / 64]);
        run &= 63;
    }
    put(bits, codes[run]);
}

static inline int pixel(const u8 *row, Py_ssize_t x) { return (row[x >> 3] >> (7 - (x & 7))) & 1; }

static inline int leading_zeros(uint64_t word) { /* word is not 0 */
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_clzll(word);
#else
    int count = 0;
    while (!(word >> 63)) word <<= 1, count++;
    return count;
#endif
}

static inline uint64_t big_endian_64(const u8 *p) {
#if defined(__GNUC__) || defined(__clang__)
    uint64_t word;
    memcpy(&word, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    return word;
#else
    uint64_t word = 0;
    for (int i = 0; i < 8; i++) word = (word << 8) | p[i];
    return word;
#endif
}

/* The first pixel at or after `x` that is not `colour`, or `width` (whatever the bits past the
   width hold). The row is followed by 8 bytes it may read. */
static Py_ssize_t next_other(const u8 *row, Py_ssize_t x, Py_ssize_t width, int colour) {
    uint64_t flip = colour ? ~(uint64_t)0 : 0;
    while (x < width) {
        Py_ssize_t byte = x >> 3;
        uint64_t word = (big_endian_64(row + byte) ^ flip) << (x & 7);
        if (word) {
            Py_ssize_t found = x + leading_zeros(word);
            return found < width ? found : width;
        }
        x = byte * 8 + 64;
    }
    return width;
}

static inline Py_ssize_t next_other_from(const u8 *row, Py_ssize_t x, Py_ssize_t width,
                                         int colour) {
    return x < width ? next_other(row, x, width, colour) : width;
}

/* One row coded against the row above it (`reference`), as libtiff's Fax3Encode2DRow. */
static void code_row(Bits *bits, const u8 *row, const u8 *reference, Py_ssize_t width) {
    Py_ssize_t a0 = 0;
    Py_ssize_t a1 = pixel(row, 0) ? 0 : next_other(row, 0, width, 0);
    Py_ssize_t b1 = pixel(reference, 0) ? 0 : next_other(reference, 0, width, 0);
    for (;;) {
        Py_ssize_t b2 = next_other_from(reference, b1, width, b1 < width && pixel(reference, b1));
        if (b2 >= a1) {
            Py_ssize_t d = a1 - b1;
            if (d < -3 || d > 3) {
                Py_ssize_t a2 = next_other_from(row, a1, width, a1 < width && pixel(row, a1));
                put(bits, HORIZONTAL);
                int white = a0 + a1 == 0 || pixel(row, a0) == 0;
                put_run(bits, a1 - a0, white ? WHITE_RUNS : BLACK_RUNS);
                put_run(bits, a2 - a1, white ? BLACK_RUNS : WHITE_RUNS);
                a0 = a2;
            } else {
                put(bits, VERTICAL[d + 3]);
                a0 = a1;
            }
        } else {
            put(bits, PASS);
            a0 = b2;
        }
        if (a0 >= width) break;
        int colour = pixel(row, a0);
        a1 = next_other(row, a0, width, colour);
        b1 = next_other(reference, a0, width, !colour);
        b1 = next_other_from(reference, b1, width, colour);
    }
}

/* group4(packed, width) -> bytes: the rows of `packed` (uint8, H x ceil(width / 8), 1 = black,
   the first pixel in the high bit) coded as one G4 strip ending in EOFB. */
static PyObject *group4(PyObject *self, PyObject *args) {
    PyObject *source;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "On:group4", &source, &width)) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(source, &view, PyBUF_STRIDES | PyBUF_FORMAT) != 0) return NULL;
    const char *format = view.format ? view.format : "B";
    Py_ssize_t row_bytes = (width + 7) / 8;
    if (view.itemsize != 1 || format[0] != 'B' || view.ndim != 2 || view.strides[1] != 1 ||
        width < 1 || view.shape[1] != row_bytes) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError,
                        "packed: uint8 rows of ceil(width / 8) packed bytes are expected");
        return NULL;
    }
    Py_ssize_t height = view.shape[0];
    u8 *rows = calloc(2 * (size_t)(row_bytes + 8), 1);
    Bits bits = {malloc(4096), 0, 4096, 0, 0};
    if (!rows || !bits.data) {
        free(rows);
        free(bits.data);
        PyBuffer_Release(&view);
        return PyErr_NoMemory();
    }
    u8 *row = rows, *reference = rows + row_bytes + 8; /* the reference starts all white */
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < height && !failed; y++) {
        memcpy(row, (const u8 *)view.buf + y * view.strides[0], (size_t)row_bytes);
        if (reserve(&bits, width)) {
            failed = 1;
            break;
        }
        code_row(&bits, row, reference, width);
        u8 *swap = reference;
        reference = row;
        row = swap;
    }
    if (!failed && !reserve(&bits, 8)) {
        put(&bits, END_OF_LINE); /* EOFB: two end-of-line codes */
        put(&bits, END_OF_LINE);
        if (bits.count) bits.data[bits.size++] = (u8)(bits.pending << (8 - bits.count));
    } else {
        failed = 1;
    }
    Py_END_ALLOW_THREADS
    free(rows);
    PyBuffer_Release(&view);
    PyObject *coded = failed ? PyErr_NoMemory()
                             : PyBytes_FromStringAndSize((const char *)bits.data,
                                                         (Py_ssize_t)bits.size);
    free(bits.data);
    return coded;
}

static PyMethodDef methods[] = {
    {"group4", group4, METH_VARARGS,
     "group4(packed, width) -> bytes: the packed rows (np.packbits, 1 = black) as one CCITT "
     "group 4 strip ending in EOFB, the bytes libtiff writes for it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fax", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fax(void) { return PyModule_Create(&module); }
