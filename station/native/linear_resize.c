/* The background composite of station.pdf.mrc._composite in one pass over the page.

The composite is the paper colour of each cell spread over the page (cv2.resize(INTER_LINEAR) of
the cell grid up to the page), the scan copied over it where `kept` and not under the mask
(`cut`), the whole then shrunk to the layer's size (cv2.resize(INTER_LINEAR) again). OpenCV
makes each of these as a page: the spread (26 MB for an A4 at 300 dpi), the copy, the shrink.
Here each row of the composite is made from two rows of the spread grid, shrunk along the row
and dropped; only two shrunk rows are held, and the page-sized composite is never made.

OpenCV 5's arithmetic for an 8-bit linear resize, read off its output (the tests compare):
- along each axis, output position d maps to f = (d + 0.5) * scale - 0.5 in double, rounded to
  float, with scale = 1 / (to / from); its floor s and the fraction's weights, (1 - f) and f in
  1/2048 (a float product rounded to even);
- along a row a position before the first pixel or at the last is pulled in with its fraction
  dropped; across rows the fraction stays and the rows beyond the edge repeat the edge row;
- each row is first combined along, s0 * w0 + s1 * w1 in int32; then two rows down, each
  shifted right by 4 (to 16 bits), times its weight, shifted right by 16, the two added, plus
  2, shifted right by 2, saturated to 8 bits (the vector code's 16-bit multiply-high).

Along the rows the shrink reads two samples at irregular steps. OpenCV gathers them one by one;
here a table made once per page gives each block of 32 outputs its 64 bytes of source as one
byte permutation (AVX-512 VBMI), then one multiply-add of 16-bit pairs. Without VBMI the kernel
declines to shrink and the caller keeps OpenCV's passes. */

#include "native.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SHRINK_VECTORS 1
#endif

/* One output position along an axis: its two source positions and their weights (1/2048). */
typedef struct {
    Py_ssize_t low, high;
    int32_t w0, w1;
} Tap;

/* `along_rows`: positions outside are pulled in with the fraction dropped (see above). */
static void resize_taps(Py_ssize_t to, Py_ssize_t from, int along_rows, Tap *taps) {
    double scale = 1.0 / ((double)to / (double)from);
    for (Py_ssize_t d = 0; d < to; d++) {
        float f = (float)(((double)d + 0.5) * scale - 0.5);
        Py_ssize_t s = (Py_ssize_t)floorf(f);
        f -= (float)s;
        if (along_rows && s < 0) f = 0.0f, s = 0;
        if (along_rows && s >= from - 1) f = 0.0f, s = from - 1;
        taps[d].low = s < 0 ? 0 : s > from - 1 ? from - 1 : s;
        taps[d].high = s + 1 < 0 ? 0 : s + 1 > from - 1 ? from - 1 : s + 1;
        taps[d].w0 = (int32_t)lrintf((1.0f - f) * 2048.0f);
        taps[d].w1 = (int32_t)lrintf(f * 2048.0f);
    }
}

/* Taps spelled out a sample at a time: sample j of a row combined along is
   (src[low[j]] * w0[j] + src[high[j]] * w1[j]) >> 4 (see along_row). */
typedef struct {
    int32_t *low, *high, *w0, *w1;
} SampleTaps;

static int sample_taps(const Tap *taps, Py_ssize_t to, Py_ssize_t channels, SampleTaps *out) {
    size_t bytes = sizeof(int32_t) * (size_t)(to * channels);
    out->low = malloc(bytes), out->high = malloc(bytes), out->w0 = malloc(bytes);
    out->w1 = malloc(bytes);
    if (!out->low || !out->high || !out->w0 || !out->w1) return -1;
    for (Py_ssize_t d = 0; d < to; d++) {
        for (Py_ssize_t c = 0; c < channels; c++) {
            Py_ssize_t j = d * channels + c;
            out->low[j] = (int32_t)(taps[d].low * channels + c);
            out->high[j] = (int32_t)(taps[d].high * channels + c);
            out->w0[j] = taps[d].w0, out->w1[j] = taps[d].w1;
        }
    }
    return 0;
}

static void sample_taps_free(SampleTaps *taps) {
    free(taps->low), free(taps->high), free(taps->w0), free(taps->w1);
}

/* A row combined along, each sample shifted right by 4 (the first step down, which every row
   takes: see above) so it fits 16 bits. `wide` is the source row as int32. */
WIDEST static void along_row(const int32_t *RESTRICT wide, const int32_t *RESTRICT low,
                             const int32_t *RESTRICT high, const int32_t *RESTRICT w0,
                             const int32_t *RESTRICT w1, int16_t *RESTRICT out,
                             Py_ssize_t count) {
    for (Py_ssize_t j = 0; j < count; j++)
        out[j] = (int16_t)((wide[low[j]] * w0[j] + wide[high[j]] * w1[j]) >> 4);
}

/* Two samples combined along (and shifted, see along_row), combined down: the multiply-high of
   16-bit lanes that OpenCV's vector code takes. */
static inline u8 down(int16_t s0, int16_t s1, int16_t b0, int16_t b1) {
    int16_t v = (int16_t)((int16_t)((s0 * b0) >> 16) + (int16_t)((s1 * b1) >> 16));
    v = (int16_t)((v + 2) >> 2);
    return (u8)(v > 255 ? 255 : v);
}

/* Two rows combined along, combined down into 8-bit samples. */
WIDEST static void down_rows(const int16_t *RESTRICT s0, const int16_t *RESTRICT s1, int16_t b0,
                             int16_t b1, u8 *RESTRICT out, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++) out[i] = down(s0[i], s1[i], b0, b1);
}

/* A composite row: the spread (two grid rows combined along, combined down) where the scan
   does not show, the scan where it does: where kept, and not under the mask. One loop for each
   number of channels, so the compiler vectorises each whole. */
WIDEST static void composite_row_1(const int16_t *RESTRICT g0, const int16_t *RESTRICT g1,
                                   int16_t b0, int16_t b1, const u8 *RESTRICT scan,
                                   const u8 *RESTRICT kept, const u8 *RESTRICT cut,
                                   u8 *RESTRICT out, Py_ssize_t width, Py_ssize_t scan_step,
                                   Py_ssize_t kept_step) {
    (void)scan_step, (void)kept_step; /* the hardware's prefetch, see composite_row_3_vbmi */
    for (Py_ssize_t x = 0; x < width; x++) {
        u8 shown = (u8)-(u8)((kept[x] != 0) & (cut[x] == 0));
        out[x] = (u8)((scan[x] & shown) | (down(g0[x], g1[x], b0, b1) & (u8)~shown));
    }
}

WIDEST static void composite_row_3(const int16_t *RESTRICT g0, const int16_t *RESTRICT g1,
                                   int16_t b0, int16_t b1, const u8 *RESTRICT scan,
                                   const u8 *RESTRICT kept, const u8 *RESTRICT cut,
                                   u8 *RESTRICT out, Py_ssize_t width, Py_ssize_t scan_step,
                                   Py_ssize_t kept_step) {
    (void)scan_step, (void)kept_step; /* the hardware's prefetch, see composite_row_3_vbmi */
    for (Py_ssize_t x = 0; x < width; x++) {
        u8 shown = (u8)-(u8)((kept[x] != 0) & (cut[x] == 0));
        for (int c = 0; c < 3; c++) {
            Py_ssize_t i = 3 * x + c;
            out[i] = (u8)((scan[i] & shown) | (down(g0[i], g1[i], b0, b1) & (u8)~shown));
        }
    }
}

#ifdef SHRINK_VECTORS
#ifndef AHEAD_ROWS
#define AHEAD_ROWS 4
#endif
/* composite_row_3 in AVX-512 with VBMI: whether the scan shows is worked out for 64 pixels at
   a time and spread over their three samples by one byte permutation (the compiler's own
   vectors shuffle every sample). The last samples, whose 64 pixels would run past the row, go
   to composite_row_3. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static void composite_row_3_vbmi(
    const int16_t *g0, const int16_t *g1, int16_t b0, int16_t b1, const u8 *scan,
    const u8 *kept, const u8 *cut, u8 *out, Py_ssize_t width, Py_ssize_t scan_step,
    Py_ssize_t kept_step) {
    Py_ssize_t scan_ahead = AHEAD_ROWS * scan_step, kept_ahead = AHEAD_ROWS * kept_step;
    __m512i spread[3];
    u8 pick[64];
    for (int phase = 0; phase < 3; phase++) {
        for (int j = 0; j < 64; j++) pick[j] = (u8)((phase + j) / 3);
        spread[phase] = _mm512_loadu_si512((const void *)pick);
    }
    __m512i w0 = _mm512_set1_epi16(b0), w1 = _mm512_set1_epi16(b1), two = _mm512_set1_epi16(2);
    __m512i ones = _mm512_set1_epi8(-1);
    Py_ssize_t count = 3 * width, i = 0;
    for (; i + 64 <= count && i / 3 + 64 <= width; i += 64) {
        __m512i halves[2];
        for (int h = 0; h < 2; h++) {
            __m512i top = _mm512_mulhi_epi16(_mm512_loadu_si512((const void *)(g0 + i + 32 * h)), w0);
            __m512i bottom =
                _mm512_mulhi_epi16(_mm512_loadu_si512((const void *)(g1 + i + 32 * h)), w1);
            halves[h] = _mm512_srai_epi16(_mm512_add_epi16(_mm512_add_epi16(top, bottom), two), 2);
        }
        __m512i made = _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtusepi16_epi8(halves[0])),
                                          _mm512_cvtusepi16_epi8(halves[1]), 1);
        Py_ssize_t pixel = i / 3;
        __mmask64 shows = _mm512_test_epi8_mask(
                              _mm512_loadu_si512((const void *)(kept + pixel)), ones) &
                          _mm512_testn_epi8_mask(_mm512_loadu_si512((const void *)(cut + pixel)),
                                                 ones);
        __m512i per_sample = _mm512_permutexvar_epi8(spread[i % 3], _mm512_movm_epi8(shows));
        __mmask64 take = _mm512_test_epi8_mask(per_sample, ones);
        __m512i pixels = _mm512_loadu_si512((const void *)(scan + i));
        _mm_prefetch((const char *)(scan + i + scan_ahead), _MM_HINT_T0);
        if (i % 192 == 0) _mm_prefetch((const char *)(kept + pixel + kept_ahead), _MM_HINT_T0);
        _mm512_storeu_si512((void *)(out + i), _mm512_mask_blend_epi8(take, made, pixels));
    }
    Py_ssize_t done = i / 3; /* from the pixel i falls in: a sample or two made again */
    composite_row_3(g0 + 3 * done, g1 + 3 * done, b0, b1, scan + 3 * done, kept + done,
                    cut + done, out + 3 * done, width - done, scan_step, kept_step);
}
#endif

typedef void (*RowMaker)(const int16_t *, const int16_t *, int16_t, int16_t, const u8 *,
                         const u8 *, const u8 *, u8 *, Py_ssize_t, Py_ssize_t, Py_ssize_t);

/* ---- the shrink along rows ---- */

#define BLOCK 32 /* outputs a block */

typedef struct {
    Py_ssize_t blocks;
    Py_ssize_t *start; /* the first source byte each block reads */
    u8 *index;         /* 64 a block: each output's two source bytes from start, interleaved */
    int16_t *weight;   /* 64 a block: each output's two weights, interleaved */
} ShrinkPlan;

static void plan_free(ShrinkPlan *plan) {
    free(plan->start);
    free(plan->index);
    free(plan->weight);
}

/* The plan for `to` positions of `channels` samples, or -1 when memory is short, 0 when a
   block's source does not fit the 128 bytes one permutation picks from. */
static int plan_shrink(const Tap *taps, Py_ssize_t to, Py_ssize_t channels, ShrinkPlan *plan) {
    Py_ssize_t count = to * channels;
    plan->blocks = (count + BLOCK - 1) / BLOCK;
    plan->start = malloc(sizeof(Py_ssize_t) * (size_t)plan->blocks);
    plan->index = malloc(2 * BLOCK * (size_t)plan->blocks);
    plan->weight = malloc(sizeof(int16_t) * 2 * BLOCK * (size_t)plan->blocks);
    if (!plan->start || !plan->index || !plan->weight) return -1;
    for (Py_ssize_t k = 0; k < plan->blocks; k++) {
        Py_ssize_t first = k * BLOCK, start = taps[first / channels].low * channels;
        for (Py_ssize_t j = first; j < first + BLOCK && j < count; j++) {
            Py_ssize_t low = taps[j / channels].low * channels + j % channels;
            start = low < start ? low : start;
        }
        plan->start[k] = start;
        for (Py_ssize_t i = 0; i < BLOCK; i++) {
            Py_ssize_t j = first + i;
            Py_ssize_t low = start, high = start;
            int32_t w0 = 0, w1 = 0;
            if (j < count) {
                const Tap *tap = &taps[j / channels];
                low = tap->low * channels + j % channels;
                high = tap->high * channels + j % channels;
                w0 = tap->w0, w1 = tap->w1;
            }
            if (high - start >= 128 || low - start >= 128) return 0;
            plan->index[2 * BLOCK * k + 2 * i] = (u8)(low - start);
            plan->index[2 * BLOCK * k + 2 * i + 1] = (u8)(high - start);
            plan->weight[2 * BLOCK * k + 2 * i] = (int16_t)w0;
            plan->weight[2 * BLOCK * k + 2 * i + 1] = (int16_t)w1;
        }
    }
    return 1;
}

static int shrinks_in_vectors(void) {
#ifdef SHRINK_VECTORS
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi");
#else
    return 0;
#endif
}

#ifdef SHRINK_VECTORS
/* Blocks first..last of a row shrunk along by the plan (and shifted, see along_row), into
   `out` (BLOCK samples a block; the last block's spare ones are 0). Block k reads the 128
   bytes from src + start[k] - offset. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static void shrink_row(
    const u8 *src, Py_ssize_t offset, const ShrinkPlan *plan, Py_ssize_t first, Py_ssize_t last,
    int16_t *out) {
    for (Py_ssize_t k = first; k < last; k++) {
        const u8 *at = src + (plan->start[k] - offset);
        __m512i low = _mm512_loadu_si512((const void *)at);
        __m512i high = _mm512_loadu_si512((const void *)(at + 64));
        __m512i index = _mm512_loadu_si512((const void *)(plan->index + 2 * BLOCK * k));
        __m512i pairs = _mm512_permutex2var_epi8(low, index, high);
        __m512i first = _mm512_cvtepu8_epi16(_mm512_castsi512_si256(pairs));
        __m512i second = _mm512_cvtepu8_epi16(_mm512_extracti64x4_epi64(pairs, 1));
        const int16_t *weight = plan->weight + 2 * BLOCK * k;
        __m512i w_first = _mm512_loadu_si512((const void *)weight);
        __m512i w_second = _mm512_loadu_si512((const void *)(weight + BLOCK));
        __m512i along_first = _mm512_srai_epi32(_mm512_madd_epi16(first, w_first), 4);
        __m512i along_second = _mm512_srai_epi32(_mm512_madd_epi16(second, w_second), 4);
        _mm256_storeu_si256((__m256i *)(out + BLOCK * k), _mm512_cvtepi32_epi16(along_first));
        _mm256_storeu_si256((__m256i *)(out + BLOCK * k + 16),
                            _mm512_cvtepi32_epi16(along_second));
    }
}
#else
static void shrink_row(const u8 *src, Py_ssize_t offset, const ShrinkPlan *plan,
                       Py_ssize_t first, Py_ssize_t last, int16_t *out) {
    (void)src, (void)offset, (void)plan, (void)first, (void)last, (void)out;
    /* never called: shrinks_in_vectors() is 0 */
}
#endif

/* Two rows held, each under the index of the row it holds (-1: none). */
typedef struct {
    int16_t *rows[2];
    Py_ssize_t keys[2];
} Pair;

/* The slot for row `key`, keeping the one that holds `keep`; *fresh is set when the slot must
   be filled. */
static int slot(Pair *pair, Py_ssize_t key, Py_ssize_t keep, int *fresh) {
    *fresh = 0;
    if (pair->keys[0] == key) return 0;
    if (pair->keys[1] == key) return 1;
    int s = pair->keys[0] == keep ? 1 : 0;
    pair->keys[s] = key;
    *fresh = 1;
    return s;
}

typedef struct {
    const Py_buffer *image, *kept, *cut, *grid;
    Py_ssize_t channels, width;
    const Tap *spread_y;
    SampleTaps spread_x;
    int32_t *wide; /* a grid row as int32 */
    Pair grid_rows;
    const u8 *no_cut; /* a row of zeros, for no mask */
    RowMaker row_maker;
} Spread;

/* Row y of the composite into `out`. */
static void make_row(Spread *s, Py_ssize_t y, u8 *out) {
    const Tap *tap = &s->spread_y[y];
    int16_t *rows[2];
    Py_ssize_t keys[2] = {tap->low, tap->high};
    for (int i = 0; i < 2; i++) {
        int fresh, at = slot(&s->grid_rows, keys[i], keys[0], &fresh);
        rows[i] = s->grid_rows.rows[at];
        if (fresh) {
            const u8 *cells = (const u8 *)s->grid->buf + keys[i] * s->grid->strides[0];
            for (Py_ssize_t k = 0; k < s->grid->shape[1] * s->channels; k++) s->wide[k] = cells[k];
            along_row(s->wide, s->spread_x.low, s->spread_x.high, s->spread_x.w0, s->spread_x.w1,
                      rows[i], s->width * s->channels);
        }
    }
    const u8 *kept = (const u8 *)s->kept->buf + y * s->kept->strides[0];
    const u8 *cut = s->cut ? (const u8 *)s->cut->buf + y * s->cut->strides[0] : s->no_cut;
    const u8 *scan = (const u8 *)s->image->buf + y * s->image->strides[0];
    s->row_maker(rows[0], rows[1], (int16_t)tap->w0, (int16_t)tap->w1, scan, kept, cut, out,
                 s->width, s->image->strides[0], s->kept->strides[0]);
}

/* Everything a page's composite allocates. */
typedef struct {
    Tap *spread_x, *spread_y, *shrink_x, *shrink_y;
    SampleTaps spread_samples;
    ShrinkPlan plan;
    int32_t *wide;
    int16_t *grid_rows, *shrunk;
    u8 *row, *no_cut;
} Work;

static void work_free(Work *w) {
    free(w->spread_x), free(w->spread_y), free(w->shrink_x), free(w->shrink_y);
    sample_taps_free(&w->spread_samples);
    plan_free(&w->plan);
    free(w->wide), free(w->grid_rows), free(w->shrunk), free(w->row), free(w->no_cut);
}

/* The taps and buffers for an image of height x width (x channels) from a grid of
   grid_rows x grid_cols into rows x cols: 1, or 0 when a block of the shrink's plan would read
   too far (never below a ratio of 2), or -1 when memory is short. */
static int work_alloc(Work *w, Py_ssize_t height, Py_ssize_t width, Py_ssize_t channels,
                      Py_ssize_t grid_rows, Py_ssize_t grid_cols, Py_ssize_t rows,
                      Py_ssize_t cols) {
    size_t count = (size_t)(width * channels);
    w->spread_x = malloc(sizeof(Tap) * (size_t)width);
    w->spread_y = malloc(sizeof(Tap) * (size_t)height);
    w->shrink_x = malloc(sizeof(Tap) * (size_t)cols);
    w->shrink_y = malloc(sizeof(Tap) * (size_t)rows);
    w->wide = malloc(sizeof(int32_t) * (size_t)(grid_cols * channels));
    w->grid_rows = malloc(sizeof(int16_t) * 2 * count);
    w->row = calloc(count + 128, 1); /* the shrink's blocks read up to 128 bytes on */
    w->no_cut = calloc((size_t)width, 1);
    if (!w->spread_x || !w->spread_y || !w->shrink_x || !w->shrink_y || !w->wide ||
        !w->grid_rows || !w->row || !w->no_cut)
        return -1;
    resize_taps(width, grid_cols, 1, w->spread_x);
    resize_taps(height, grid_rows, 0, w->spread_y);
    resize_taps(cols, width, 1, w->shrink_x);
    resize_taps(rows, height, 0, w->shrink_y);
    if (sample_taps(w->spread_x, width, channels, &w->spread_samples)) return -1;
    if (rows == height && cols == width) return 1;
    int planned = plan_shrink(w->shrink_x, cols, channels, &w->plan);
    if (planned != 1) return planned;
    w->shrunk = malloc(sizeof(int16_t) * 2 * BLOCK * (size_t)w->plan.blocks);
    return w->shrunk ? 1 : -1;
}

/* The arrays composite() is handed, checked; cut (held[2]) only when given. */
static int take_arrays(PyObject *const objects[5], Held held[5], Py_ssize_t *channels) {
    Py_buffer probe;
    if (PyObject_GetBuffer(objects[0], &probe, PyBUF_STRIDES | PyBUF_FORMAT) != 0) return -1;
    int ndim = probe.ndim;
    *channels = ndim == 3 ? probe.shape[2] : 1;
    PyBuffer_Release(&probe);
    if (!(ndim == 2 || (ndim == 3 && *channels == 3))) {
        PyErr_SetString(PyExc_ValueError, "image: H x W, or H x W x 3");
        return -1;
    }
    int has_cut = objects[2] != Py_None;
    if (take(objects[0], &held[0], 0, ndim, *channels, "image") ||
        take(objects[1], &held[1], 0, 2, 1, "kept") ||
        (has_cut && take(objects[2], &held[2], 0, 2, 1, "cut")) ||
        take(objects[3], &held[3], 0, ndim, *channels, "grid") ||
        take(objects[4], &held[4], 1, ndim, *channels, "out") || same_size(held, 2))
        return -1;
    if (has_cut && (held[2].view.shape[0] != held[0].view.shape[0] ||
                    held[2].view.shape[1] != held[0].view.shape[1])) {
        PyErr_SetString(PyExc_ValueError, "the arrays differ in size");
        return -1;
    }
    const Py_buffer *image = &held[0].view, *grid = &held[3].view, *out = &held[4].view;
    if (image->shape[0] < 1 || image->shape[1] < 1 || grid->shape[0] < 1 ||
        grid->shape[1] < 1 || out->shape[0] < 1 || out->shape[1] < 1 ||
        out->shape[0] > image->shape[0] || out->shape[1] > image->shape[1]) {
        PyErr_SetString(PyExc_ValueError, "out: no larger than the image, none of them empty");
        return -1;
    }
    return 0;
}

/* The composite shrunk: each output row from two composite rows, each made and shrunk along
   once (rows are read in order). */
static void shrink_rows(Spread *s, Work *w, const Py_buffer *out, Py_ssize_t channels) {
    Py_ssize_t rows = out->shape[0], cols = out->shape[1];
    Pair made = {{w->shrunk, w->shrunk + BLOCK * w->plan.blocks}, {-1, -1}};
    for (Py_ssize_t y = 0; y < rows; y++) {
        const Tap *tap = &w->shrink_y[y];
        int16_t *pair[2];
        Py_ssize_t keys[2] = {tap->low, tap->high};
        for (int i = 0; i < 2; i++) {
            int fresh, at = slot(&made, keys[i], keys[0], &fresh);
            pair[i] = made.rows[at];
            if (fresh) {
                make_row(s, keys[i], w->row);
                shrink_row(w->row, 0, &w->plan, 0, w->plan.blocks, pair[i]);
            }
        }
        down_rows(pair[0], pair[1], (int16_t)tap->w0, (int16_t)tap->w1,
                  (u8 *)out->buf + y * out->strides[0], cols * channels);
    }
}

/* composite(image, kept, cut, grid, out) -> bool: see the top of this file; cut may be None.
   False (out untouched) when out is smaller than half the image along a side (the caller
   halves by area first) or the CPU cannot shrink in vectors. */
INTERNAL PyObject *composite(PyObject *self, PyObject *args) {
    PyObject *objects[5];
    (void)self;
    if (!PyArg_ParseTuple(args, "OOOOO:composite", &objects[0], &objects[1], &objects[2],
                          &objects[3], &objects[4]))
        return NULL;
    Held held[5] = {{0}};
    Py_ssize_t channels;
    if (take_arrays(objects, held, &channels)) {
        release(held, 5);
        return NULL;
    }
    const Py_buffer *image = &held[0].view, *grid = &held[3].view, *out = &held[4].view;
    Py_ssize_t height = image->shape[0], width = image->shape[1];
    Py_ssize_t rows = out->shape[0], cols = out->shape[1];
    int shrinking = rows != height || cols != width;
    if (shrinking && (2 * rows <= height || 2 * cols <= width || !shrinks_in_vectors())) {
        release(held, 5);
        Py_RETURN_FALSE;
    }
    Work w = {0};
    int ready = work_alloc(&w, height, width, channels, grid->shape[0], grid->shape[1], rows,
                           cols);
    if (ready == 1) {
        Py_ssize_t count = width * channels;
        Spread s = {image,      &held[1].view,    held[2].held ? &held[2].view : NULL,
                    grid,       channels,         width,
                    w.spread_y, w.spread_samples, w.wide,
                    {{w.grid_rows, w.grid_rows + count}, {-1, -1}},
                    w.no_cut,   channels == 3 ? composite_row_3 : composite_row_1};
#ifdef SHRINK_VECTORS
        if (channels == 3 && shrinks_in_vectors()) s.row_maker = composite_row_3_vbmi;
#endif
        Py_BEGIN_ALLOW_THREADS
        if (shrinking)
            shrink_rows(&s, &w, out, channels);
        else
            for (Py_ssize_t y = 0; y < height; y++)
                make_row(&s, y, (u8 *)out->buf + y * out->strides[0]);
        Py_END_ALLOW_THREADS
    }
    work_free(&w);
    release(held, 5);
    if (ready < 0) return PyErr_NoMemory();
    if (ready == 0) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

/* ---- a plain resize ---- */

#ifndef AHEAD_OUT
#define AHEAD_OUT 4
#endif

/* Asks for a row's bytes ahead of their use: the rows a shrink reads skip others, which the
   hardware's prefetch does not foresee. */
static void prefetch_row(const u8 *row, Py_ssize_t count) {
#if defined(__GNUC__) || defined(__clang__)
    for (Py_ssize_t i = 0; i < count; i += 64) __builtin_prefetch(row + i);
#else
    (void)row, (void)count;
#endif
}

/* A source row shrunk along: the blocks that read within the row straight from it, the rest
   from a copy of the row's end followed by zeros (`tail`, 256 bytes). */
static void shrink_source_row(const u8 *src, Py_ssize_t count, const ShrinkPlan *plan,
                              u8 *tail, int16_t *out) {
    Py_ssize_t inside = 0;
    while (inside < plan->blocks && plan->start[inside] + 128 <= count) inside++;
    shrink_row(src, 0, plan, 0, inside, out);
    if (inside == plan->blocks) return;
    Py_ssize_t from = plan->start[inside];
    memset(tail, 0, 256);
    memcpy(tail, src + from, (size_t)(count - from));
    shrink_row(tail, from, plan, inside, plan->blocks, out);
}

/* resize_linear(src, out) -> bool: cv2.resize(src, out's size, INTER_LINEAR) of a uint8 image
   (H x W, or 1 to 4 channels) into out, shrunk or scaled up. Each source row is combined along
   once, when first needed. False (out untouched) where the CPU cannot shrink in vectors or a
   block of 32 outputs reads more than 128 source bytes (a shrink by more than about 3.5). */
INTERNAL PyObject *resize_linear(PyObject *self, PyObject *args) {
    PyObject *source, *target;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO:resize_linear", &source, &target)) return NULL;
    Py_buffer probe;
    if (PyObject_GetBuffer(source, &probe, PyBUF_STRIDES | PyBUF_FORMAT) != 0) return NULL;
    int ndim = probe.ndim;
    Py_ssize_t channels = ndim == 3 ? probe.shape[2] : 1;
    PyBuffer_Release(&probe);
    if (!(ndim == 2 || (ndim == 3 && channels >= 1 && channels <= 4))) {
        PyErr_SetString(PyExc_ValueError, "src: H x W, or H x W x 1..4");
        return NULL;
    }
    Held held[2] = {{0}};
    if (take(source, &held[0], 0, ndim, channels, "src") ||
        take(target, &held[1], 1, ndim, channels, "out")) {
        release(held, 2);
        return NULL;
    }
    const Py_buffer *src = &held[0].view, *out = &held[1].view;
    Py_ssize_t height = src->shape[0], width = src->shape[1];
    Py_ssize_t rows = out->shape[0], cols = out->shape[1];
    if (rows < 1 || cols < 1 || height < 1 || width < 1) {
        release(held, 2);
        PyErr_SetString(PyExc_ValueError, "src, out: not empty");
        return NULL;
    }
    if (!shrinks_in_vectors()) {
        release(held, 2);
        Py_RETURN_FALSE;
    }
    Tap *along = malloc(sizeof(Tap) * (size_t)cols), *down_taps = malloc(sizeof(Tap) * (size_t)rows);
    ShrinkPlan plan = {0};
    int16_t *made = NULL;
    u8 *tail = malloc(256);
    int planned = -1;
    if (along && down_taps && tail) {
        resize_taps(cols, width, 1, along);
        resize_taps(rows, height, 0, down_taps);
        planned = plan_shrink(along, cols, channels, &plan);
        if (planned == 1) {
            made = malloc(sizeof(int16_t) * 2 * BLOCK * (size_t)plan.blocks);
            if (!made) planned = -1;
        }
    }
    if (planned == 1) {
        Py_BEGIN_ALLOW_THREADS
        Pair pair = {{made, made + BLOCK * plan.blocks}, {-1, -1}};
        for (Py_ssize_t y = 0; y < rows; y++) {
            const Tap *tap = &down_taps[y];
            int16_t *two[2];
            Py_ssize_t keys[2] = {tap->low, tap->high};
            for (int i = 0; i < 2; i++) {
                int fresh, at = slot(&pair, keys[i], keys[0], &fresh);
                two[i] = pair.rows[at];
                if (fresh)
                    shrink_source_row((const u8 *)src->buf + keys[i] * src->strides[0],
                                      width * channels, &plan, tail, two[i]);
            }
            down_rows(two[0], two[1], (int16_t)tap->w0, (int16_t)tap->w1,
                      (u8 *)out->buf + y * out->strides[0], cols * channels);
            if (y + AHEAD_OUT < rows) {
                const Tap *next = &down_taps[y + AHEAD_OUT];
                prefetch_row((const u8 *)src->buf + next->low * src->strides[0], width * channels);
                prefetch_row((const u8 *)src->buf + next->high * src->strides[0], width * channels);
            }
        }
        Py_END_ALLOW_THREADS
    }
    free(along), free(down_taps), free(made), free(tail);
    plan_free(&plan);
    release(held, 2);
    if (planned < 0) return PyErr_NoMemory();
    if (planned == 0) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}
