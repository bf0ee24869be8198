/* Fused per-pixel kernels: one pass over a page where OpenCV takes a chain of them.

Each kernel gives the same bits as the OpenCV passes it stands for (the tests compare them on
real pages), written branch-free so the compiler vectorises the loops; on GCC and Clang for
x86-64 each hot loop is also built for AVX2 and AVX-512 and the CPU picks one at run time.
The GIL is released while a kernel runs. Rows may be strided; pixels within a row are packed. */

#include "native.h"

/* ---- the darkest channel (station.imaging.lightness) ---- */

WIDEST static void darkest_row(const u8 *RESTRICT bgr, u8 *RESTRICT out, Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) {
        u8 b = bgr[3 * x], g = bgr[3 * x + 1], r = bgr[3 * x + 2];
        u8 low = b < g ? b : g;
        out[x] = low < r ? low : r;
    }
}

/* ---- the stencil painted over a rendering (station.pdf.mrc._rendered_lightness) ---- */

WIDEST static void paint_row(u8 *RESTRICT row, const u8 *RESTRICT mask, u8 tone,
                             Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) row[x] = mask[x] ? tone : row[x];
}

/* ---- the fidelity check's per-pixel tests (station.pdf.fidelity._differ) ---- */

static inline u8 subs(u8 a, u8 b) { return a > b ? (u8)(a - b) : 0; }
static inline u8 larger(u8 a, u8 b) { return a > b ? a : b; }

/* cv2.convertScaleAbs(level, alpha=percent / 100) for a percent whose table this matches (the
   caller checks, see station.native.percent): level * percent / 100, a half rounded to even. */
static inline uint16_t percent_of(uint16_t level, uint16_t percent) {
    uint16_t scaled = (uint16_t)(level * percent);
    uint16_t whole = (uint16_t)(scaled / (uint16_t)100);
    uint16_t rest = (uint16_t)(scaled - whole * (uint16_t)100);
    uint16_t above = rest > (uint16_t)50 ? 1 : 0, tie = rest == (uint16_t)50 ? whole : 0;
    return (uint16_t)(whole + (above | (tie & 1)));
}

/* cv2.blur's 3 x 3 mean of uint8: the sum over 9 rounded (never a tie). */
static inline uint16_t mean_of_nine(uint16_t sum) {
    return (uint16_t)((uint16_t)(2 * sum + 9) / (uint16_t)18);
}

/* cv2.convertScaleAbs(paper, alpha=0.5, beta=level / 2) for a level whose table this matches
   (see fidelity.Thinning): (paper + offset) / 2, a half rounded down, or to even when `even`
   is 1 (a whole level, whose halves are exact). */
static inline u8 thin_cut(u8 paper, uint16_t offset, uint16_t even) {
    uint16_t sum = (uint16_t)(paper + offset), half = (uint16_t)(sum >> 1);
    return (u8)(half + (sum & half & even));
}

typedef struct {
    const u8 *original, *rendered, *paper; /* this row */
    const u8 *thin_above, *thin_here, *thin_below; /* 3-wide maxima of rendered < thin cut */
    const u8 *scan;                         /* paper - original, saturated, this row */
    const u8 *near_above, *near_here, *near_below; /* 3-wide maxima of scan, rows y-1, y, y+1 */
    const uint16_t *scan_above, *scan_here, *scan_below;    /* 3-wide sums of scan */
    const uint16_t *shown_above, *shown_here, *shown_below; /* 3-wide sums of paper - render */
} CheckRow;

WIDEST static void check_row(CheckRow row, uint16_t mark_percent, u8 most_kept,
                             uint16_t faint_level, uint16_t thin_offset, uint16_t thin_even,
                             u8 *RESTRICT differ, u8 *RESTRICT faded, u8 *RESTRICT dark,
                             u8 *RESTRICT thinned, Py_ssize_t width) {
    const u8 *RESTRICT o = row.original, *RESTRICT r = row.rendered, *RESTRICT p = row.paper;
    const u8 *RESTRICT s = row.scan, *RESTRICT nu = row.near_above, *RESTRICT nh = row.near_here;
    const u8 *RESTRICT nd = row.near_below;
    const uint16_t *RESTRICT su = row.scan_above, *RESTRICT sh = row.scan_here;
    const uint16_t *RESTRICT sd = row.scan_below, *RESTRICT vu = row.shown_above;
    const uint16_t *RESTRICT vh = row.shown_here, *RESTRICT vd = row.shown_below;
    const u8 *RESTRICT tu = row.thin_above, *RESTRICT th = row.thin_here;
    const u8 *RESTRICT td = row.thin_below;
    for (Py_ssize_t x = 0; x < width; x++) {
        u8 cut = (u8)percent_of(p[x], mark_percent);
        u8 shown = subs(p[x], r[x]);
        u8 near = larger(larger(nu[x], nh[x]), nd[x]);
        u8 mark = (u8)-(u8)(o[x] < cut);
        u8 lost = mark & (u8)-(u8)(subs(s[x], shown) > larger(shown, most_kept));
        u8 added = (u8)-(u8)(r[x] < cut) &
                   (u8)-(u8)(subs(shown, near) > larger(near, most_kept));
        differ[x] = lost | added;
        uint16_t scan_mean = mean_of_nine((uint16_t)(su[x] + sh[x] + sd[x]));
        uint16_t shown_mean = mean_of_nine((uint16_t)(vu[x] + vh[x] + vd[x]));
        uint16_t twice = (uint16_t)(2 * shown_mean);
        twice = twice < 255 ? twice : 255; /* cv2.add saturates */
        faded[x] = (u8)~mark & (u8)-(u8)(scan_mean >= faint_level) & (u8)-(u8)(twice < scan_mean);
        /* thinning: a dark pixel of the scan with no dark pixel of the rendering beside it */
        u8 is_dark = (u8)(o[x] < thin_cut(p[x], thin_offset, thin_even));
        dark[x] = is_dark;
        thinned[x] = is_dark & (u8)(larger(larger(tu[x], th[x]), td[x]) == 0);
    }
}

WIDEST static uint32_t count_row(const u8 *RESTRICT ones, Py_ssize_t width) {
    uint32_t total = 0;
    for (Py_ssize_t x = 0; x < width; x++) total += ones[x];
    return total;
}

/* One row's scan (paper - original), its 3-wide maxima, and the 3-wide sums of the scan and
   of paper - rendered (mirrored at the row's ends, as cv2.blur's default border). */
WIDEST static void prepare_row(const u8 *RESTRICT o, const u8 *RESTRICT r, const u8 *RESTRICT p,
                               uint16_t thin_offset, uint16_t thin_even, u8 *RESTRICT scan,
                               u8 *RESTRICT shown,
                               u8 *RESTRICT near, u8 *RESTRICT thin_dark, u8 *RESTRICT thin_near,
                               uint16_t *RESTRICT scan_sum, uint16_t *RESTRICT shown_sum,
                               Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) {
        scan[x] = subs(p[x], o[x]);
        shown[x] = subs(p[x], r[x]);
        thin_dark[x] = (u8)(r[x] < thin_cut(p[x], thin_offset, thin_even));
    }
    if (width == 1) {
        thin_near[0] = thin_dark[0];
        near[0] = scan[0];
        scan_sum[0] = (uint16_t)(3 * scan[0]);
        shown_sum[0] = (uint16_t)(3 * shown[0]);
        return;
    }
    thin_near[0] = larger(thin_dark[0], thin_dark[1]);
    near[0] = larger(scan[0], scan[1]);
    scan_sum[0] = (uint16_t)(2 * scan[1] + scan[0]);
    shown_sum[0] = (uint16_t)(2 * shown[1] + shown[0]);
    for (Py_ssize_t x = 1; x < width - 1; x++) {
        thin_near[x] = larger(larger(thin_dark[x - 1], thin_dark[x]), thin_dark[x + 1]);
        near[x] = larger(larger(scan[x - 1], scan[x]), scan[x + 1]);
        scan_sum[x] = (uint16_t)(scan[x - 1] + scan[x] + scan[x + 1]);
        shown_sum[x] = (uint16_t)(shown[x - 1] + shown[x] + shown[x + 1]);
    }
    Py_ssize_t last = width - 1;
    thin_near[last] = larger(thin_dark[last - 1], thin_dark[last]);
    near[last] = larger(scan[last - 1], scan[last]);
    scan_sum[last] = (uint16_t)(2 * scan[last - 1] + scan[last]);
    shown_sum[last] = (uint16_t)(2 * shown[last - 1] + shown[last]);
}

/* ---- the marks an MRC background keeps (station.pdf.mrc._background) ---- */

/* 255 where light is darker than `percent` of the paper (see percent_of), else 0; how many. */
WIDEST static uint32_t marks_row(const u8 *RESTRICT light, const u8 *RESTRICT paper,
                                 uint16_t percent, u8 *RESTRICT marks, Py_ssize_t width) {
    uint32_t count = 0;
    for (Py_ssize_t x = 0; x < width; x++) {
        uint16_t cut = percent_of(paper[x], percent);
        u8 mark = (u8)(light[x] < cut);
        marks[x] = (u8)-mark;
        count += mark;
    }
    return count;
}

/* out = the largest of `row` within `reach` pixels either way (none past the row's ends). */
WIDEST static void widen_row(const u8 *RESTRICT row, u8 *RESTRICT out, u8 *RESTRICT spare,
                             int reach, Py_ssize_t width) {
    const u8 *from = row;
    for (int step = 0; step < reach; step++) {
        u8 *to = (step % 2 == reach % 2) ? spare : out; /* the last step writes `out` */
        if (width == 1) {
            to[0] = from[0];
        } else {
            to[0] = larger(from[0], from[1]);
            for (Py_ssize_t x = 1; x < width - 1; x++)
                to[x] = larger(larger(from[x - 1], from[x]), from[x + 1]);
            to[width - 1] = larger(from[width - 2], from[width - 1]);
        }
        from = to;
    }
    if (reach == 0)
        for (Py_ssize_t x = 0; x < width; x++) out[x] = row[x];
}

WIDEST static void fold_row(u8 *RESTRICT into, const u8 *RESTRICT row, Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) into[x] = larger(into[x], row[x]);
}

/* ---- cell means (cv2.resize INTER_AREA by a whole factor other than 2) ---- */

/* sums[i] += row[i]: one more row of a band of cells, column by column. */
WIDEST static void add_row(uint16_t *RESTRICT sums, const u8 *RESTRICT row, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++) sums[i] = (uint16_t)(sums[i] + row[i]);
}

/* round(value) with halves to even, as cvRound in the default rounding mode, for 0 <= value <
   255.5 (where value + 0.5 is exact in float32). */
static inline uint32_t round_even(float value) {
    float up = value + 0.5f;
    uint32_t whole = (uint32_t)up;
    return whole - (((float)whole == up) & whole & 1u);
}

/* Each whole cell's sum over `factor` columns of `sums` (samples `channels` apart) times
   `scale`, rounded as OpenCV's scalar area average does (a float32 product, cvRound). */
WIDEST static void cells_row(const uint16_t *RESTRICT sums, Py_ssize_t cells, Py_ssize_t channels,
                             Py_ssize_t factor, float scale, u8 *RESTRICT out) {
    for (Py_ssize_t cell = 0; cell < cells; cell++) {
        const uint16_t *column = sums + cell * factor * channels;
        for (Py_ssize_t c = 0; c < channels; c++) {
            uint32_t sum = 0;
            for (Py_ssize_t k = 0; k < factor; k++) sum += column[k * channels + c];
            uint32_t value = round_even((float)sum * scale);
            out[cell * channels + c] = (u8)(value > 255 ? 255 : value);
        }
    }
}

/* The last cell of a row when partial: `columns` columns, the rest of its width `pad`ded
   by repeating the last column (replicate) or with zeros. */
static void last_cell(const uint16_t *sums, Py_ssize_t channels, Py_ssize_t factor,
                      Py_ssize_t columns, int replicate, float scale, u8 *out) {
    for (Py_ssize_t c = 0; c < channels; c++) {
        uint32_t sum = 0;
        for (Py_ssize_t k = 0; k < columns; k++) sum += sums[k * channels + c];
        if (replicate) sum += (uint32_t)(factor - columns) * sums[(columns - 1) * channels + c];
        uint32_t value = round_even((float)sum * scale);
        out[c] = (u8)(value > 255 ? 255 : value);
    }
}

/* One row of cells out of the column sums of their `factor` rows: the whole cells, then a
   partial last one padded as cell_means says. */
static void cells_out(const uint16_t *sums, Py_ssize_t width, Py_ssize_t channels,
                      Py_ssize_t factor, int replicate, float scale, u8 *row) {
    Py_ssize_t cells = (width + factor - 1) / factor;
    Py_ssize_t last_columns = width - (cells - 1) * factor;
    Py_ssize_t whole = last_columns == factor ? cells : cells - 1;
    cells_row(sums, whole, channels, factor, scale, row);
    if (whole < cells)
        last_cell(sums + whole * factor * channels, channels, factor, last_columns, replicate,
                  scale, row + whole * channels);
}

/* ---- the paper model's shares of non-paper and mid-tone pixels (segment._cell_shares) ---- */

/* 255 where light is darker than `paper` percent of the level (not paper), and of those the
   ones no darker than `ink` percent (mid-tones); 0 elsewhere. */
WIDEST static void shares_row(const u8 *RESTRICT light, const u8 *RESTRICT level, uint16_t paper,
                              uint16_t ink, u8 *RESTRICT nonpaper, u8 *RESTRICT midtone,
                              Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) {
        u8 not_paper = (u8)-(u8)(light[x] < percent_of(level[x], paper));
        u8 is_ink = (u8)-(u8)(light[x] < percent_of(level[x], ink));
        nonpaper[x] = not_paper;
        midtone[x] = not_paper & (u8)~is_ink;
    }
}

/* ---- the skew sweep's sheared profiles (station.imaging.skew_profile.sweep_scores) ---- */

/* Adds to sum[c] the strip's value at c - lift, linear between its two neighbours, as
   cv2.remap(INTER_LINEAR) gives it for a float map that moves along rows only: a = x - floor(x),
   then s0 + a * (s1 - s0) in one fused multiply-add (read off OpenCV 5's output; the tests
   compare). `near` is the strip at floor(-lift): floor(c - lift), rounded to float, is
   c + floor(-lift) or one more (an exact value just under a whole number rounds up to it), so
   each sample is one of three neighbours read in order, and the loop needs no gather. */
WIDEST static void shear_strip(const float *RESTRICT near, float lift, int base,
                               float *RESTRICT sum, int length) {
    for (int c = 0; c < length; c++) {
        float x = (float)c - lift;
        int truncated = (int)x, whole = truncated - ((float)truncated > x); /* floor */
        float a = x - (float)whole;
        int up = whole != c + base;
        float low = near[c], mid = near[c + 1], high = near[c + 2];
        float s0 = up ? mid : low, s1 = up ? high : mid;
        sum[c] += fmaf(a, s1 - s0, s0);
    }
}

/* Adds `width` floats of `row` into sum, in order. */
WIDEST static void add_floats(float *RESTRICT sum, const float *RESTRICT row, Py_ssize_t width) {
    for (Py_ssize_t x = 0; x < width; x++) sum[x] += row[x];
}

/* ---- the bilinear warp of a colour page (station.pipeline.geometry.resample) ----

   cv2.warpAffine(INTER_LINEAR, BORDER_CONSTANT) of 8-bit BGR as OpenCV 5 computes it: the
   source point of output pixel (x, y) is m0 * x + (m1 * y + m2) (and so for its row) in double.
   Where its 2 x 2 neighbours all lie inside the source, the point is rounded to float and the
   weights are its distance from the float's floor; elsewhere they come from the double and a
   neighbour outside takes the fill, a point with none inside is the fill. Each channel is
   s00 + b (s10 - s00) and s01 + b (s11 - s01), then a of the way between, each one fused
   multiply-add in float, rounded to nearest, ties to even.

   OpenCV gathers the 12 samples of each pixel one by one. Here the inner pixels of a row fall
   into runs that read the same two source rows from columns that advance with x (a page
   levelled by a few degrees moves a row every few dozen pixels), and each run is one loop over
   contiguous bytes. */

#define WARP_REACH 1e8 /* how far outside the source a point may fall */

typedef struct {
    float *a, *b;       /* the weights, one per pixel */
    int32_t *ix, *iy;   /* the floor of the float point */
    u8 *inner, *breaks; /* all four neighbours inside; a run starts here */
} WarpRow;

/* The source point of each pixel of output row y: its float floor, weights and whether its
   neighbours all lie inside. Every point lies within +-WARP_REACH (the caller checks the
   corners), so its floor is an int. */
WIDEST static void warp_points(const double *m, double y, int width, int cols, int rows,
                               float *RESTRICT a, float *RESTRICT b, int32_t *RESTRICT ix,
                               int32_t *RESTRICT iy, u8 *RESTRICT inner) {
    double across = m[0], along = m[1] * y + m[2], slope = m[3], down = m[4] * y + m[5];
    unsigned inner_cols = (unsigned)(cols - 1), inner_rows = (unsigned)(rows - 1);
    for (Py_ssize_t x = 0; x < width; x++) {
        float sx = (float)(across * (double)x + along), sy = (float)(slope * (double)x + down);
        int32_t tx = (int32_t)sx, ty = (int32_t)sy;
        int32_t fx = tx - ((float)tx > sx), fy = ty - ((float)ty > sy); /* floor */
        float wx = sx - (float)fx, wy = sy - (float)fy;
        ix[x] = fx;
        iy[x] = fy;
        a[x] = wx;
        b[x] = wy;
        inner[x] = (u8)(((uint32_t)fx < inner_cols) & ((uint32_t)fy < inner_rows));
    }
}

/* Where runs of inner pixels reading the same two rows from advancing columns break. */
WIDEST static void warp_breaks(const int32_t *RESTRICT ix, const int32_t *RESTRICT iy,
                               const u8 *RESTRICT inner, u8 *RESTRICT breaks, int width) {
    breaks[0] = 1;
    for (Py_ssize_t x = 1; x < width; x++) {
        int same = inner[x] & inner[x - 1] & (iy[x] == iy[x - 1]) & (ix[x] - ix[x - 1] == 1);
        breaks[x] = (u8)!same;
    }
}

/* v in [0, 255] rounded to nearest, ties to even. */
static inline u8 nearest_level(float v) {
    return (u8)(int)((v + 12582912.0f) - 12582912.0f); /* 1.5 * 2^23 */
}

static inline float lerp_2x2(float s00, float s01, float s10, float s11, float a, float b) {
    float left = fmaf(b, s10 - s00, s00), right = fmaf(b, s11 - s01, s01);
    return fmaf(a, right - left, left);
}

/* n samples (3 a pixel) whose neighbours start at `top` (row iy) and `bottom` (row iy + 1),
   from `from` on, one at a time. */
static void warp_samples(const u8 *top, const u8 *bottom, const float *a, const float *b,
                         u8 *out, Py_ssize_t from, Py_ssize_t n) {
    for (Py_ssize_t j = from; j < n; j++)
        out[j] = nearest_level(
            lerp_2x2(top[j], top[j + 3], bottom[j], bottom[j + 3], a[j / 3], b[j / 3]));
}

/* The same in whole vectors, where the CPU has AVX-512 or AVX2 with FMA: the compiler cuts a
   loop of bytes widened to float into quarter vectors and widens them one byte at a time.
   Each takes the samples in steps of its width; the last step may run past n into samples
   written later when `spare` (how many more may be read and written) allows, else the rest
   go one at a time. Ties round to even in the vector conversions as in nearest_level. */
typedef void (*WarpRun)(const u8 *, const u8 *, const float *, const float *, u8 *, Py_ssize_t,
                        Py_ssize_t);

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define WARP_VECTORS 1

__attribute__((target("avx512f,fma"))) static void warp_run_avx512(
    const u8 *top, const u8 *bottom, const float *a, const float *b, u8 *out, Py_ssize_t n,
    Py_ssize_t spare) {
    Py_ssize_t j = 0, whole = n + (spare >= 16 ? 15 : 0);
    __m512i spread16[3];
    for (int phase = 0; phase < 3; phase++)
        spread16[phase] = _mm512_setr_epi32(
            (phase + 0) / 3, (phase + 1) / 3, (phase + 2) / 3, (phase + 3) / 3, (phase + 4) / 3,
            (phase + 5) / 3, (phase + 6) / 3, (phase + 7) / 3, (phase + 8) / 3, (phase + 9) / 3,
            (phase + 10) / 3, (phase + 11) / 3, (phase + 12) / 3, (phase + 13) / 3,
            (phase + 14) / 3, (phase + 15) / 3);
    for (; j + 16 <= whole; j += 16) {
#define WIDE16(p) _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(p))))
        __m512 s00 = WIDE16(top + j), s01 = WIDE16(top + j + 3);
        __m512 s10 = WIDE16(bottom + j), s11 = WIDE16(bottom + j + 3);
#undef WIDE16
        /* samples j .. j + 15 belong to pixels j / 3 .. j / 3 + 5 */
        __m512i spread = spread16[j % 3];
        __m512 wa = _mm512_permutexvar_ps(spread, _mm512_castps256_ps512(_mm256_loadu_ps(a + j / 3)));
        __m512 wb = _mm512_permutexvar_ps(spread, _mm512_castps256_ps512(_mm256_loadu_ps(b + j / 3)));
        __m512 left = _mm512_fmadd_ps(wb, _mm512_sub_ps(s10, s00), s00);
        __m512 right = _mm512_fmadd_ps(wb, _mm512_sub_ps(s11, s01), s01);
        __m512 v = _mm512_fmadd_ps(wa, _mm512_sub_ps(right, left), left);
        _mm_storeu_si128((__m128i *)(out + j), _mm512_cvtepi32_epi8(_mm512_cvtps_epi32(v)));
    }
    warp_samples(top, bottom, a, b, out, j, n);
}

__attribute__((target("avx2,fma"))) static void warp_run_avx2(
    const u8 *top, const u8 *bottom, const float *a, const float *b, u8 *out, Py_ssize_t n,
    Py_ssize_t spare) {
    Py_ssize_t j = 0, whole = n + (spare >= 8 ? 7 : 0);
    __m256i spread8[3];
    for (int phase = 0; phase < 3; phase++)
        spread8[phase] = _mm256_setr_epi32((phase + 0) / 3, (phase + 1) / 3, (phase + 2) / 3,
                                           (phase + 3) / 3, (phase + 4) / 3, (phase + 5) / 3,
                                           (phase + 6) / 3, (phase + 7) / 3);
    for (; j + 8 <= whole; j += 8) {
#define WIDE8(p) _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(p))))
        __m256 s00 = WIDE8(top + j), s01 = WIDE8(top + j + 3);
        __m256 s10 = WIDE8(bottom + j), s11 = WIDE8(bottom + j + 3);
#undef WIDE8
        /* samples j .. j + 7 belong to pixels j / 3 .. j / 3 + 3 */
        __m256i spread = spread8[j % 3];
        __m256 wa = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(_mm_loadu_ps(a + j / 3)), spread);
        __m256 wb = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(_mm_loadu_ps(b + j / 3)), spread);
        __m256 left = _mm256_fmadd_ps(wb, _mm256_sub_ps(s10, s00), s00);
        __m256 right = _mm256_fmadd_ps(wb, _mm256_sub_ps(s11, s01), s01);
        __m256 v = _mm256_fmadd_ps(wa, _mm256_sub_ps(right, left), left);
        __m256i levels = _mm256_cvtps_epi32(v);
        __m128i words = _mm_packus_epi32(_mm256_castsi256_si128(levels),
                                         _mm256_extracti128_si256(levels, 1));
        _mm_storel_epi64((__m128i *)(out + j), _mm_packus_epi16(words, words));
    }
    warp_samples(top, bottom, a, b, out, j, n);
}
#endif

static void warp_run_scalar(const u8 *top, const u8 *bottom, const float *a, const float *b,
                            u8 *out, Py_ssize_t n, Py_ssize_t spare) {
    (void)spare;
    warp_samples(top, bottom, a, b, out, 0, n);
}

/* The widest the CPU runs, at most `widest` (2: AVX-512, 1: AVX2, 0: one sample at a time);
   each reads at most 16 samples past n (see warp_row). */
static WarpRun warp_run_for_cpu(int widest) {
#ifdef WARP_VECTORS
    __builtin_cpu_init();
    int fma = __builtin_cpu_supports("fma");
    if (widest >= 2 && fma && __builtin_cpu_supports("avx512f")) return warp_run_avx512;
    if (widest >= 1 && fma && __builtin_cpu_supports("avx2")) return warp_run_avx2;
#else
    (void)widest;
#endif
    return warp_run_scalar;
}

/* A pixel whose neighbours are not all inside (see above). */
static void warp_edge(const u8 *src, Py_ssize_t step, int cols, int rows, const double *m,
                      double y, int x, const u8 *fill, u8 *out) {
    double along = m[1] * y + m[2], down = m[4] * y + m[5];
    double sx = m[0] * (double)x + along, sy = m[3] * (double)x + down;
    double fx = floor(sx), fy = floor(sy);
    if (!(fx >= -1.0 && fx <= cols - 1.0 && fy >= -1.0 && fy <= rows - 1.0)) {
        memcpy(out, fill, 3);
        return;
    }
    float a = (float)(sx - fx), b = (float)(sy - fy);
    int ix = (int)fx, iy = (int)fy;
    const u8 *corner[4];
    for (int k = 0; k < 4; k++) {
        int px = ix + (k & 1), py = iy + (k >> 1);
        int inside = px >= 0 && px < cols && py >= 0 && py < rows;
        corner[k] = inside ? src + py * step + 3 * (Py_ssize_t)px : fill;
    }
    for (int c = 0; c < 3; c++)
        out[c] = nearest_level(lerp_2x2(corner[0][c], corner[1][c], corner[2][c], corner[3][c],
                                        a, b));
}

/* A run of a levelled page reads a few dozen pixels of two source rows, and the same columns of
   the next two rows (the two before, on a map read bottom up) make the run below it, out of
   another stretch of memory each: left to the hardware, each run waited for memory. The rows
   a few output rows ahead are asked for now. */
#define WARP_AHEAD 4

static void warp_prefetch(const u8 *top, Py_ssize_t step, Py_ssize_t bytes, const u8 *first,
                          const u8 *last, int downward) {
#if defined(__GNUC__) || defined(__clang__)
    const u8 *ahead = downward ? top + (WARP_AHEAD + 1) * step : top - WARP_AHEAD * step;
    for (Py_ssize_t offset = 0; offset < bytes + 6; offset += 64)
        if (ahead + offset >= first && ahead + offset < last) __builtin_prefetch(ahead + offset);
#else
    (void)top, (void)step, (void)bytes, (void)first, (void)last, (void)downward;
#endif
}

static void warp_row(const u8 *src, Py_ssize_t step, int cols, int rows, const double *m, int y,
                     const u8 *fill, u8 *out, int width, WarpRow row, WarpRun warp_run) {
    const u8 *last = src + (rows - 1) * step + 3 * (Py_ssize_t)cols; /* past the last sample */
    warp_points(m, (double)y, width, cols, rows, row.a, row.b, row.ix, row.iy, row.inner);
    warp_breaks(row.ix, row.iy, row.inner, row.breaks, width);
    int x = 0;
    while (x < width) {
        if (!row.inner[x]) {
            warp_edge(src, step, cols, rows, m, (double)y, x, fill, out + 3 * (Py_ssize_t)x);
            x++;
            continue;
        }
        const u8 *next = memchr(row.breaks + x + 1, 1, (size_t)(width - x - 1));
        int end = next ? (int)(next - row.breaks) : width;
        const u8 *top = src + row.iy[x] * step + 3 * (Py_ssize_t)row.ix[x];
        /* a chunk past the run stays in this output row and reads inside the source */
        Py_ssize_t readable = last - (top + step + 3 * (Py_ssize_t)(end - x) + 3);
        Py_ssize_t room = 3 * (Py_ssize_t)(width - end);
        Py_ssize_t spare = readable < room ? readable : room;
        warp_run(top, top + step, row.a + x, row.b + x, out + 3 * (Py_ssize_t)x,
                 3 * (Py_ssize_t)(end - x), spare < 16 ? spare : 16);
        warp_prefetch(top, step, 3 * (Py_ssize_t)(end - x), src, last, m[4] >= 0);
        x = end;
    }
}

/* ---- Python bindings ---- */

INTERNAL void release(Held *held, int count) {
    for (int i = 0; i < count; i++)
        if (held[i].held) PyBuffer_Release(&held[i].view);
}

INTERNAL int take(PyObject *object, Held *held, int writable, int ndim, Py_ssize_t channels,
                  const char *name) {
    int flags = PyBUF_STRIDES | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, &held->view, flags) != 0) return -1;
    held->held = 1;
    Py_buffer *v = &held->view;
    const char *format = v->format ? v->format : "B";
    if (v->itemsize != 1 || (format[0] != 'B' && format[0] != 'b') || v->ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "%s: a uint8 array of %d dimensions is expected", name, ndim);
        return -1;
    }
    if (ndim == 3 && v->shape[2] != channels) {
        PyErr_Format(PyExc_ValueError, "%s: %zd channels are expected", name, channels);
        return -1;
    }
    Py_ssize_t pixel = ndim == 3 ? channels : 1;
    if (v->strides[1] != pixel || (ndim == 3 && v->strides[2] != 1)) {
        PyErr_Format(PyExc_ValueError, "%s: the pixels of a row must be packed", name);
        return -1;
    }
    return 0;
}

INTERNAL int same_size(Held *held, int count) {
    for (int i = 1; i < count; i++) {
        if (held[i].view.shape[0] != held[0].view.shape[0] ||
            held[i].view.shape[1] != held[0].view.shape[1]) {
            PyErr_SetString(PyExc_ValueError, "the arrays differ in size");
            return -1;
        }
    }
    return 0;
}

static PyObject *darkest(PyObject *self, PyObject *args) {
    PyObject *source, *target;
    if (!PyArg_ParseTuple(args, "OO:darkest", &source, &target)) return NULL;
    Held held[2] = {{0}};
    if (take(source, &held[0], 0, 3, 3, "pixels") || take(target, &held[1], 1, 2, 1, "out") ||
        same_size(held, 2)) {
        release(held, 2);
        return NULL;
    }
    const Py_buffer *in = &held[0].view, *out = &held[1].view;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < in->shape[0]; y++)
        darkest_row((const u8 *)in->buf + y * in->strides[0], (u8 *)out->buf + y * out->strides[0],
                    in->shape[1]);
    Py_END_ALLOW_THREADS
    release(held, 2);
    Py_RETURN_NONE;
}

/* paint(image, mask, tone): image = tone wherever mask is not 0, in place. */
static PyObject *paint(PyObject *self, PyObject *args) {
    PyObject *image, *mask;
    unsigned char tone;
    if (!PyArg_ParseTuple(args, "OOb:paint", &image, &mask, &tone)) return NULL;
    Held held[2] = {{0}};
    if (take(image, &held[0], 1, 2, 1, "image") || take(mask, &held[1], 0, 2, 1, "mask") ||
        same_size(held, 2)) {
        release(held, 2);
        return NULL;
    }
    const Py_buffer *in = &held[0].view, *m = &held[1].view;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < in->shape[0]; y++)
        paint_row((u8 *)in->buf + y * in->strides[0], (const u8 *)m->buf + y * m->strides[0],
                  tone, in->shape[1]);
    Py_END_ALLOW_THREADS
    release(held, 2);
    Py_RETURN_NONE;
}

/* Three rows of working buffers, row y in slot y % 3. */
typedef struct {
    u8 *scan, *shown, *near, *thin_dark, *thin_near;
    uint16_t *scan_sum, *shown_sum;
    u8 *dark, *thinned; /* one row each: the thinning tally's */
} Ring;

static int ring_alloc(Ring *ring, Py_ssize_t width) {
    size_t bytes = (size_t)width * 3;
    ring->scan = malloc(bytes);
    ring->shown = malloc(bytes);
    ring->near = malloc(bytes);
    ring->thin_dark = malloc(bytes);
    ring->thin_near = malloc(bytes);
    ring->dark = malloc((size_t)width);
    ring->thinned = malloc((size_t)width);
    ring->scan_sum = malloc(bytes * sizeof(uint16_t));
    ring->shown_sum = malloc(bytes * sizeof(uint16_t));
    return ring->scan && ring->shown && ring->near && ring->thin_dark && ring->thin_near &&
                   ring->dark && ring->thinned && ring->scan_sum && ring->shown_sum
               ? 0
               : -1;
}

static void ring_free(Ring *ring) {
    free(ring->scan);
    free(ring->shown);
    free(ring->near);
    free(ring->thin_dark);
    free(ring->thin_near);
    free(ring->dark);
    free(ring->thinned);
    free(ring->scan_sum);
    free(ring->shown_sum);
}

/* The maps into d and f; the thinning tally's dark pixels and those thinned away into tally. */
static void check_rows(const Py_buffer *o, const Py_buffer *r, const Py_buffer *p,
                       const Py_buffer *d, const Py_buffer *f, uint16_t mark_percent,
                       u8 most_kept, uint16_t faint_level, uint16_t thin_offset,
                       uint16_t thin_even, Ring *ring, uint64_t tally[2]) {
    Py_ssize_t height = o->shape[0], width = o->shape[1];
#define ROW(view, y) ((u8 *)(view)->buf + (y) * (view)->strides[0])
#define SLOT(y) (((y) % 3) * width)
    for (Py_ssize_t y = -1; y < height; y++) {
        Py_ssize_t next = y + 1;
        if (next < height)
            prepare_row(ROW(o, next), ROW(r, next), ROW(p, next), thin_offset, thin_even,
                        ring->scan + SLOT(next), ring->shown + SLOT(next), ring->near + SLOT(next),
                        ring->thin_dark + SLOT(next), ring->thin_near + SLOT(next),
                        ring->scan_sum + SLOT(next), ring->shown_sum + SLOT(next), width);
        if (y < 0) continue;
        /* the maxima see no row past the page (cv2.dilate's border); the means mirror it
           (cv2.blur's): row -1 is row 1, row height is row height - 2 */
        Py_ssize_t max_above = y > 0 ? y - 1 : y, max_below = y + 1 < height ? y + 1 : y;
        Py_ssize_t mean_above = y > 0 ? y - 1 : (height > 1 ? 1 : 0);
        Py_ssize_t mean_below = y + 1 < height ? y + 1 : (height > 1 ? y - 1 : y);
        CheckRow row = {
            ROW(o, y), ROW(r, y), ROW(p, y),
            ring->thin_near + SLOT(max_above), ring->thin_near + SLOT(y),
            ring->thin_near + SLOT(max_below), ring->scan + SLOT(y),
            ring->near + SLOT(max_above), ring->near + SLOT(y), ring->near + SLOT(max_below),
            ring->scan_sum + SLOT(mean_above), ring->scan_sum + SLOT(y),
            ring->scan_sum + SLOT(mean_below), ring->shown_sum + SLOT(mean_above),
            ring->shown_sum + SLOT(y), ring->shown_sum + SLOT(mean_below),
        };
        check_row(row, mark_percent, most_kept, faint_level, thin_offset, thin_even, ROW(d, y),
                  ROW(f, y), ring->dark, ring->thinned,
                  width);
        tally[0] += count_row(ring->dark, width);
        tally[1] += count_row(ring->thinned, width);
    }
#undef ROW
#undef SLOT
}

static PyObject *check_pixels(PyObject *self, PyObject *args) {
    PyObject *original, *rendered, *paper, *differ, *faded;
    int mark_percent, most_kept, faint_level, thin_offset, thin_even;
    if (!PyArg_ParseTuple(args, "OOOiiiipOO:check_pixels", &original, &rendered, &paper,
                          &mark_percent, &most_kept, &faint_level, &thin_offset, &thin_even,
                          &differ, &faded))
        return NULL;
    if (mark_percent < 1 || mark_percent > 100 || most_kept < 0 || most_kept > 255) {
        PyErr_SetString(PyExc_ValueError, "mark_percent: 1..100; most_kept: 0..255");
        return NULL;
    }
    if (faint_level < 0 || faint_level > 256) {
        PyErr_SetString(PyExc_ValueError, "faint_level: 0..255, or 256 for none");
        return NULL;
    }
    if (thin_offset < 0 || thin_offset > (thin_even ? 255 : 256)) {
        PyErr_SetString(PyExc_ValueError, "thin_offset: 0..256, or 0..255 rounding to even");
        return NULL;
    }
    Held held[5] = {{0}};
    const char *names[5] = {"original", "rendered", "paper", "differ", "faded"};
    PyObject *objects[5] = {original, rendered, paper, differ, faded};
    for (int i = 0; i < 5; i++) {
        if (take(objects[i], &held[i], i >= 3, 2, 1, names[i])) {
            release(held, 5);
            return NULL;
        }
    }
    if (same_size(held, 5)) {
        release(held, 5);
        return NULL;
    }
    uint64_t tally[2] = {0, 0};
    if (held[0].view.shape[0] == 0 || held[0].view.shape[1] == 0) {
        release(held, 5);
        return Py_BuildValue("(KK)", (unsigned long long)0, (unsigned long long)0);
    }
    Ring ring;
    if (ring_alloc(&ring, held[0].view.shape[1]) != 0) {
        ring_free(&ring);
        release(held, 5);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    check_rows(&held[0].view, &held[1].view, &held[2].view, &held[3].view, &held[4].view,
               (uint16_t)mark_percent, (u8)most_kept, (uint16_t)faint_level,
               (uint16_t)thin_offset, (uint16_t)thin_even, &ring, tally);
    Py_END_ALLOW_THREADS
    ring_free(&ring);
    release(held, 5);
    return Py_BuildValue("(KK)", (unsigned long long)tally[0], (unsigned long long)tally[1]);
}


/* The marks of each row widened by each reach the element asks for, rows in a ring. */
static PyObject *marks_kept(PyObject *self, PyObject *args) {
    PyObject *light, *paper, *kept;
    int percent;
    const char *reaches;
    Py_ssize_t rows;
    if (!PyArg_ParseTuple(args, "OOiy#O:marks_kept", &light, &paper, &percent, &reaches, &rows,
                          &kept))
        return NULL;
    if (percent < 1 || percent > 100 || rows < 1 || rows % 2 == 0 || rows > 63) {
        PyErr_SetString(PyExc_ValueError, "percent: 1..100; reaches: an odd number of rows");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < rows; i++) {
        if (reaches[i] < 0 || reaches[i] > 63) {
            PyErr_SetString(PyExc_ValueError, "reaches: 0..63 pixels each");
            return NULL;
        }
    }
    Held held[3] = {{0}};
    if (take(light, &held[0], 0, 2, 1, "light") || take(paper, &held[1], 0, 2, 1, "paper") ||
        take(kept, &held[2], 1, 2, 1, "kept") || same_size(held, 3)) {
        release(held, 3);
        return NULL;
    }
    Py_ssize_t height = held[0].view.shape[0], width = held[0].view.shape[1];
    Py_ssize_t half = rows / 2;
    Py_ssize_t first[63]; /* the first element row of each row's reach: widened once */
    for (Py_ssize_t i = 0; i < rows; i++) {
        first[i] = i;
        for (Py_ssize_t j = 0; j < i; j++)
            if (reaches[j] == reaches[i]) {
                first[i] = j;
                break;
            }
    }
    uint64_t count = 0;
    if (height == 0 || width == 0) {
        release(held, 3);
        return PyLong_FromUnsignedLongLong(0);
    }
    /* ring: each source row widened by each of the element's rows' reaches */
    size_t slot = (size_t)width * (size_t)rows;
    u8 *ring = malloc(slot * (size_t)rows), *marks = malloc((size_t)width);
    u8 *spare = malloc((size_t)width);
    if (!ring || !marks || !spare) {
        free(ring);
        free(marks);
        free(spare);
        release(held, 3);
        return PyErr_NoMemory();
    }
    const Py_buffer *l = &held[0].view, *p = &held[1].view, *k = &held[2].view;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = -half; y < height; y++) {
        Py_ssize_t next = y + half; /* the row entering the ring */
        if (next < height) {
            u8 *widened = ring + (size_t)(next % rows) * slot;
            count += marks_row((const u8 *)l->buf + next * l->strides[0],
                               (const u8 *)p->buf + next * p->strides[0], (uint16_t)percent,
                               marks, width);
            for (Py_ssize_t i = 0; i < rows; i++)
                if (first[i] == i)
                    widen_row(marks, widened + (size_t)i * width, spare, reaches[i], width);
        }
        if (y < 0) continue;
        u8 *out = (u8 *)k->buf + y * k->strides[0];
        memset(out, 0, (size_t)width);
        for (Py_ssize_t i = 0; i < rows; i++) { /* element row i reads source row y + i - half */
            Py_ssize_t source = y + i - half;
            if (source < 0 || source >= height) continue;
            fold_row(out, ring + (size_t)(source % rows) * slot + (size_t)first[i] * width, width);
        }
    }
    Py_END_ALLOW_THREADS
    free(ring);
    free(marks);
    free(spare);
    release(held, 3);
    return PyLong_FromUnsignedLongLong(count);
}

/* cell_means(image, factor, replicate, out): the mean of each factor x factor cell of a uint8
   image (H x W or H x W x channels), a partial last row or column of cells padded by repeating
   the image's last row or column (replicate) or with zeros, as cv2.copyMakeBorder then
   cv2.resize(INTER_AREA) give it. */
static PyObject *cell_means(PyObject *self, PyObject *args) {
    PyObject *image, *target;
    Py_ssize_t factor;
    int replicate;
    if (!PyArg_ParseTuple(args, "OnpO:cell_means", &image, &factor, &replicate, &target))
        return NULL;
    if (factor < 1 || factor > 255) {
        PyErr_SetString(PyExc_ValueError, "factor: 1..255");
        return NULL;
    }
    Held held[2] = {{0}};
    if (PyObject_GetBuffer(image, &held[0].view, PyBUF_STRIDES | PyBUF_FORMAT) != 0) return NULL;
    held[0].held = 1;
    int ndim = held[0].view.ndim;
    Py_ssize_t channels = ndim == 3 ? held[0].view.shape[2] : 1;
    release(held, 1);
    if ((ndim != 2 && ndim != 3) || channels < 1 || channels > 4) {
        PyErr_SetString(PyExc_ValueError, "image: H x W, or H x W x 1..4 channels");
        return NULL;
    }
    if (take(image, &held[0], 0, ndim, channels, "image") ||
        take(target, &held[1], 1, ndim, channels, "out")) {
        release(held, 2);
        return NULL;
    }
    const Py_buffer *in = &held[0].view, *out = &held[1].view;
    Py_ssize_t height = in->shape[0], width = in->shape[1];
    Py_ssize_t rows = (height + factor - 1) / factor, cells = (width + factor - 1) / factor;
    if (out->shape[0] != rows || out->shape[1] != cells) {
        release(held, 2);
        PyErr_SetString(PyExc_ValueError, "out: one pixel per cell");
        return NULL;
    }
    if (height == 0 || width == 0) {
        release(held, 2);
        Py_RETURN_NONE;
    }
    Py_ssize_t count = width * channels;
    uint16_t *sums = malloc(sizeof(uint16_t) * (size_t)count);
    if (!sums) {
        release(held, 2);
        return PyErr_NoMemory();
    }
    float scale = 1.0f / (float)(factor * factor);
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t cell_row = 0; cell_row < rows; cell_row++) {
        memset(sums, 0, sizeof(uint16_t) * (size_t)count);
        Py_ssize_t top = cell_row * factor;
        for (Py_ssize_t k = 0; k < factor; k++) {
            Py_ssize_t y = top + k;
            if (y >= height) {
                if (!replicate) break;
                y = height - 1;
            }
            add_row(sums, (const u8 *)in->buf + y * in->strides[0], count);
        }
        cells_out(sums, width, channels, factor, replicate, scale,
                  (u8 *)out->buf + cell_row * out->strides[0]);
    }
    Py_END_ALLOW_THREADS
    free(sums);
    release(held, 2);
    Py_RETURN_NONE;
}

/* paper_shares(light, level, paper, ink, factor, nonpaper, midtone): cell_means (repeating the
   last row and column) of the two maps shares_row makes, without making them whole. */
static PyObject *paper_shares(PyObject *self, PyObject *args) {
    PyObject *light, *level, *nonpaper, *midtone;
    int paper, ink;
    Py_ssize_t factor;
    if (!PyArg_ParseTuple(args, "OOiinOO:paper_shares", &light, &level, &paper, &ink, &factor,
                          &nonpaper, &midtone))
        return NULL;
    if (factor < 1 || factor > 255 || paper < 1 || paper > 100 || ink < 1 || ink > 100) {
        PyErr_SetString(PyExc_ValueError, "factor: 1..255; percents: 1..100");
        return NULL;
    }
    Held held[4] = {{0}};
    if (take(light, &held[0], 0, 2, 1, "light") || take(level, &held[1], 0, 2, 1, "level") ||
        take(nonpaper, &held[2], 1, 2, 1, "nonpaper") ||
        take(midtone, &held[3], 1, 2, 1, "midtone") || same_size(held, 2) ||
        same_size(held + 2, 2)) {
        release(held, 4);
        return NULL;
    }
    Py_ssize_t height = held[0].view.shape[0], width = held[0].view.shape[1];
    Py_ssize_t rows = (height + factor - 1) / factor, cells = (width + factor - 1) / factor;
    if (held[2].view.shape[0] != rows || held[2].view.shape[1] != cells) {
        release(held, 4);
        PyErr_SetString(PyExc_ValueError, "out: one pixel per cell");
        return NULL;
    }
    if (height == 0 || width == 0) {
        release(held, 4);
        Py_RETURN_NONE;
    }
    uint16_t *sums = malloc(sizeof(uint16_t) * (size_t)width * 2);
    u8 *maps = malloc((size_t)width * 2);
    if (!sums || !maps) {
        free(sums);
        free(maps);
        release(held, 4);
        return PyErr_NoMemory();
    }
    float scale = 1.0f / (float)(factor * factor);
    const Py_buffer *l = &held[0].view, *v = &held[1].view;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t cell_row = 0; cell_row < rows; cell_row++) {
        memset(sums, 0, sizeof(uint16_t) * (size_t)width * 2);
        for (Py_ssize_t k = 0; k < factor; k++) {
            Py_ssize_t y = cell_row * factor + k;
            y = y < height ? y : height - 1; /* the last row repeated */
            shares_row((const u8 *)l->buf + y * l->strides[0], (const u8 *)v->buf + y * v->strides[0],
                       (uint16_t)paper, (uint16_t)ink, maps, maps + width, width);
            add_row(sums, maps, width);
            add_row(sums + width, maps + width, width);
        }
        for (int m = 0; m < 2; m++) {
            const Py_buffer *out = &held[2 + m].view;
            cells_out(sums + m * width, width, 1, factor, 1, scale,
                      (u8 *)out->buf + cell_row * out->strides[0]);
        }
    }
    Py_END_ALLOW_THREADS
    free(sums);
    free(maps);
    release(held, 4);
    Py_RETURN_NONE;
}

INTERNAL int take_bytes(PyObject *object, Held *held) {
    if (PyObject_GetBuffer(object, &held->view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) != 0)
        return -1;
    held->held = 1;
    return 0;
}

INTERNAL int take_typed(PyObject *object, Held *held, int writable, int ndim, const char *format,
                        const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, &held->view, flags) != 0) return -1;
    held->held = 1;
    const Py_buffer *v = &held->view;
    Py_ssize_t size = format[0] == 'h' ? 2 : 4;
    const char *type = format[0] == 'h' ? "int16" : format[0] == 'f' ? "float32" : "int32";
    if (v->itemsize != size || !v->format || strcmp(v->format, format) != 0 || v->ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "%s: a contiguous %s array of %d dimensions is expected",
                     name, type, ndim);
        return -1;
    }
    return 0;
}

/* A whole number well inside what a float holds exactly and an index reaches. */
#define SHEAR_LIMIT 1000000.0

/* shear_profiles(sums, lifts, out): for each row i of lifts, out[i, c] is the sum over the
   strips s, in order, of strip s read at c - lifts[i, s] (see shear_strip), zero outside it:
   cv2.remap of `sums` by the map (c - lifts[i, s], s), then cv2.reduce(REDUCE_SUM) down the
   strips. */
static PyObject *shear_profiles(PyObject *self, PyObject *args) {
    PyObject *sums_object, *lifts_object, *out_object;
    if (!PyArg_ParseTuple(args, "OOO:shear_profiles", &sums_object, &lifts_object, &out_object))
        return NULL;
    Held held[3] = {{0}};
    if (take_typed(sums_object, &held[0], 0, 2, "f", "sums") ||
        take_typed(lifts_object, &held[1], 0, 2, "f", "lifts") ||
        take_typed(out_object, &held[2], 1, 2, "f", "out")) {
        release(held, 3);
        return NULL;
    }
    const float *sums = held[0].view.buf, *lifts = held[1].view.buf;
    float *out = held[2].view.buf;
    Py_ssize_t count = held[0].view.shape[0], rows = held[0].view.shape[1];
    Py_ssize_t slopes = held[1].view.shape[0], length = held[2].view.shape[1];
    if (held[1].view.shape[1] != count || held[2].view.shape[0] != slopes ||
        rows > SHEAR_LIMIT || length > SHEAR_LIMIT) {
        PyErr_SetString(PyExc_ValueError, "lifts: one per strip for each row of out; sums and "
                                          "out: under a million rows");
        release(held, 3);
        return NULL;
    }
    double lowest = 0.0, highest = 0.0;
    for (Py_ssize_t i = 0; i < slopes * count; i++) {
        double lift = lifts[i];
        if (!(fabs(lift) <= SHEAR_LIMIT)) { /* NaN fails too */
            PyErr_SetString(PyExc_ValueError, "lifts: finite, under a million");
            release(held, 3);
            return NULL;
        }
        lowest = i ? fmin(lowest, lift) : lift;
        highest = i ? fmax(highest, lift) : lift;
    }
    /* Each strip padded with zeros so that every read from floor(-lift) on falls inside. */
    Py_ssize_t front = (Py_ssize_t)ceil(highest) + 1, back = length + 3 - (Py_ssize_t)floor(lowest);
    front = front > 0 ? front : 0;
    back = back > 0 ? back : 0;
    Py_ssize_t span = front + rows + back;
    float *padded = calloc((size_t)(count * span + 1), sizeof(float));
    if (!padded) {
        release(held, 3);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t s = 0; s < count; s++)
        memcpy(padded + s * span + front, sums + s * rows, (size_t)rows * sizeof(float));
    for (Py_ssize_t i = 0; i < slopes; i++) {
        float *sum = out + i * length;
        memset(sum, 0, (size_t)length * sizeof(float));
        for (Py_ssize_t s = 0; s < count; s++) {
            float lift = lifts[i * count + s];
            int base = (int)floor(-(double)lift);
            shear_strip(padded + s * span + front + base, lift, base, sum, (int)length);
        }
    }
    Py_END_ALLOW_THREADS
    free(padded);
    release(held, 3);
    Py_RETURN_NONE;
}

/* place_strips(bank, picks, out): out is zeroed, then for each strip s, in order, the row
   bank[phase, s] is added into out from `start` on, (phase, start) = picks[s]. */
static PyObject *place_strips(PyObject *self, PyObject *args) {
    PyObject *bank_object, *picks_object, *out_object;
    if (!PyArg_ParseTuple(args, "OOO:place_strips", &bank_object, &picks_object, &out_object))
        return NULL;
    Held held[3] = {{0}};
    if (take_typed(bank_object, &held[0], 0, 3, "f", "bank") ||
        take_typed(picks_object, &held[1], 0, 2, "i", "picks") ||
        take_typed(out_object, &held[2], 1, 1, "f", "out")) {
        release(held, 3);
        return NULL;
    }
    const float *bank = held[0].view.buf;
    const int *picks = held[1].view.buf;
    float *out = held[2].view.buf;
    Py_ssize_t phases = held[0].view.shape[0], count = held[0].view.shape[1];
    Py_ssize_t width = held[0].view.shape[2], length = held[2].view.shape[0];
    int fits = held[1].view.shape[0] == count && held[1].view.shape[1] == 2;
    for (Py_ssize_t s = 0; fits && s < count; s++) {
        int phase = picks[2 * s], start = picks[2 * s + 1];
        fits = phase >= 0 && phase < phases && start >= 0 && start + width <= length;
    }
    if (!fits) {
        PyErr_SetString(PyExc_ValueError, "picks: (phase, start) for each strip of the bank, "
                                          "each strip's row inside out");
        release(held, 3);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    memset(out, 0, (size_t)length * sizeof(float));
    for (Py_ssize_t s = 0; s < count; s++) {
        const float *row = bank + ((Py_ssize_t)picks[2 * s] * count + s) * width;
        add_floats(out + picks[2 * s + 1], row, width);
    }
    Py_END_ALLOW_THREADS
    release(held, 3);
    Py_RETURN_NONE;
}

/* warp_linear(src, matrix, fill, upward, out[, widest]): out as cv2.warpAffine(src, matrix,
   INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, fill) gives it (see warp_points), its rows
   written last to first when `upward` (the map made bottom up, then flipped); in vectors no
   wider than `widest` (see warp_run_for_cpu; the tests try each). */
static PyObject *warp_linear(PyObject *self, PyObject *args) {
    PyObject *source, *target;
    double m[6];
    unsigned char fill[3];
    int upward, widest = 2;
    if (!PyArg_ParseTuple(args, "O(dddddd)(bbb)pO|i:warp_linear", &source, &m[0], &m[1], &m[2],
                          &m[3], &m[4], &m[5], &fill[0], &fill[1], &fill[2], &upward, &target,
                          &widest))
        return NULL;
    Held held[2] = {{0}};
    if (take(source, &held[0], 0, 3, 3, "src") || take(target, &held[1], 1, 3, 3, "out")) {
        release(held, 2);
        return NULL;
    }
    const Py_buffer *in = &held[0].view, *out = &held[1].view;
    Py_ssize_t rows = in->shape[0], cols = in->shape[1];
    Py_ssize_t height = out->shape[0], width = out->shape[1];
    if (rows < 2 || cols < 2 || rows > SHEAR_LIMIT || cols > SHEAR_LIMIT || width > SHEAR_LIMIT ||
        height > SHEAR_LIMIT) {
        PyErr_SetString(PyExc_ValueError, "src: at least 2 x 2; both under a million a side");
        release(held, 2);
        return NULL;
    }
    for (int corner = 0; corner < 4; corner++) { /* an affine map's extremes are at corners */
        double x = (corner & 1) ? (double)width : 0.0, y = (corner & 2) ? (double)height : 0.0;
        double sx = m[0] * x + (m[1] * y + m[2]), sy = m[3] * x + (m[4] * y + m[5]);
        if (!(fabs(sx) <= WARP_REACH && fabs(sy) <= WARP_REACH)) { /* NaN fails too */
            PyErr_SetString(PyExc_ValueError, "matrix: the page maps too far off the source");
            release(held, 2);
            return NULL;
        }
    }
    size_t n = (size_t)width + 16; /* a vector past the row reads zeros */
    float *weights = calloc(2 * n, sizeof(float));
    int32_t *floors = malloc(2 * n * sizeof(int32_t));
    u8 *flags = malloc(2 * n);
    if (!weights || !floors || !flags) {
        free(weights);
        free(floors);
        free(flags);
        release(held, 2);
        return PyErr_NoMemory();
    }
    WarpRow row = {weights, weights + n, floors, floors + n, flags, flags + n};
    WarpRun run = warp_run_for_cpu(widest);
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t y = 0; y < height; y++) {
        Py_ssize_t written = upward ? height - 1 - y : y;
        warp_row((const u8 *)in->buf, in->strides[0], (int)cols, (int)rows, m, (int)y, fill,
                 (u8 *)out->buf + written * out->strides[0], (int)width, row, run);
    }
    Py_END_ALLOW_THREADS
    free(weights);
    free(floors);
    free(flags);
    release(held, 2);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"darkest", darkest, METH_VARARGS,
     "darkest(pixels, out): the darkest of each BGR pixel's three samples, into out."},
    {"paint", paint, METH_VARARGS,
     "paint(image, mask, tone): the 2-D image set to tone wherever mask is not 0, in place."},
    {"check_pixels", check_pixels, METH_VARARGS,
     "check_pixels(original, rendered, paper, mark_percent, most_kept, faint_level, "
     "thin_offset, thin_even, differ, faded) -> (dark, thinned): the fidelity check's "
     "lost-or-added and faded maps (0/255) of a whole page (marks darker than mark_percent of "
     "the paper, a loss of more than most_kept levels; faint_level 256: no faded test), and "
     "the thinning tally's counts for the cut (paper + thin_offset) / 2, a half rounded down "
     "or (thin_even) to even."},
    {"marks_kept", marks_kept, METH_VARARGS,
     "marks_kept(light, paper, percent, reaches, kept) -> marks: 255 in kept within the "
     "element of `reaches` (each row's reach either way, an odd number of rows) of a mark, a "
     "pixel darker than (paper * percent + 50) / 100; how many marks."},
    {"cell_means", cell_means, METH_VARARGS,
     "cell_means(image, factor, replicate, out): the mean of each factor x factor cell, as "
     "cv2.resize(INTER_AREA) by a whole factor other than 2 gives it, a partial last row or "
     "column of cells padded by repetition (replicate) or with zeros."},
    {"paper_shares", paper_shares, METH_VARARGS,
     "paper_shares(light, level, paper, ink, factor, nonpaper, midtone): per cell, the shares "
     "(0..255) of pixels darker than paper% of the level, and of those not darker than ink%."},
    {"shear_profiles", shear_profiles, METH_VARARGS,
     "shear_profiles(sums, lifts, out): out[i] is the sum down the strips of each strip of "
     "sums read at c - lifts[i, strip], linear between neighbours (cv2.remap, then cv2.reduce "
     "down the strips)."},
    {"place_strips", place_strips, METH_VARARGS,
     "place_strips(bank, picks, out): out zeroed, then each strip's row bank[phase, strip] "
     "added into it from start on, (phase, start) = picks[strip], the strips in order."},
    {"warp_linear", warp_linear, METH_VARARGS,
     "warp_linear(src, matrix, fill, upward, out[, widest]): cv2.warpAffine(src, matrix, "
     "INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, fill) of a BGR page into out, its rows "
     "written last to first when upward; widest 2 (AVX-512), 1 (AVX2) or 0 (no vectors) caps "
     "the vectors the CPU's own are taken in."},
    {"composite", composite, METH_VARARGS,
     "composite(image, kept, cut, grid, out) -> bool: the grid (a colour a cell) spread over "
     "the page, the image over it where kept and not cut (cut may be None), shrunk to out's "
     "size, each step cv2.resize(INTER_LINEAR)'s; False when it declines (see linear_resize.c)."},
    {"resize_linear", resize_linear, METH_VARARGS,
     "resize_linear(src, out) -> bool: cv2.resize(src, out's size, INTER_LINEAR) of a uint8 "
     "image into out; False when it declines (see linear_resize.c)."},
    {"opponent", opponent, METH_VARARGS,
     "opponent(small, red_green, yellow_blue): the BGR image's red - green and (red + green) "
     "/ 2 - blue, each cv2.blur(3 x 3)'d, into the int16 maps."},
    {"centre_counts", centre_counts, METH_VARARGS,
     "centre_counts(light, paper, table, factor, red_green, yellow_blue, counts) -> cells: "
     "over the cells whose centre (factor // 2 + factor * cell) is darker than table[paper], "
     "how often each value -255..255 of the two maps occurs, added into counts (2 x 511 "
     "int32); how many such cells."},
    {"grid_counts", grid_counts, METH_VARARGS,
     "grid_counts(values, tested, levels, table, step, difference, counts) -> pixels: over "
     "the pixels (step * i, step * j) where tested (None: 0) < table[levels], how often each "
     "value of each channel of values (difference: of levels - values, saturated) occurs, "
     "added into counts (channels x 256 int32); how many pixels passed."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernels(void) { return PyModule_Create(&module); }
