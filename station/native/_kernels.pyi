import numpy as np

def darkest(pixels: np.ndarray, out: np.ndarray, /) -> None: ...
def check_pixels(
    original: np.ndarray,
    rendered: np.ndarray,
    paper: np.ndarray,
    mark_percent: int,
    most_kept: int,
    faint_level: int,
    thin_offset: int,
    thin_even: bool,
    differ: np.ndarray,
    faded: np.ndarray,
    /,
) -> tuple[int, int]: ...
def marks_kept(
    light: np.ndarray, paper: np.ndarray, percent: int, reaches: bytes, kept: np.ndarray, /
) -> int: ...
def cell_means(image: np.ndarray, factor: int, replicate: bool, out: np.ndarray, /) -> None: ...
def paper_shares(
    light: np.ndarray,
    level: np.ndarray,
    paper: int,
    ink: int,
    factor: int,
    nonpaper: np.ndarray,
    midtone: np.ndarray,
    /,
) -> None: ...
def shear_profiles(sums: np.ndarray, lifts: np.ndarray, out: np.ndarray, /) -> None: ...
def place_strips(bank: np.ndarray, picks: np.ndarray, out: np.ndarray, /) -> None: ...
def warp_linear(
    src: np.ndarray,
    matrix: tuple[float, ...],
    fill: tuple[int, int, int],
    upward: bool,
    out: np.ndarray,
    widest: int = 2,
    /,
) -> None: ...
def composite(
    image: np.ndarray,
    kept: np.ndarray,
    cut: np.ndarray | None,
    grid: np.ndarray,
    out: np.ndarray,
    /,
) -> bool: ...
def resize_linear(src: np.ndarray, out: np.ndarray, /) -> bool: ...
def opponent(small: np.ndarray, red_green: np.ndarray, yellow_blue: np.ndarray, /) -> None: ...
def centre_counts(
    light: np.ndarray,
    paper: np.ndarray,
    table: np.ndarray,
    factor: int,
    red_green: np.ndarray,
    yellow_blue: np.ndarray,
    counts: np.ndarray,
    /,
) -> int: ...
def grid_counts(
    values: np.ndarray,
    tested: np.ndarray | None,
    levels: np.ndarray,
    table: np.ndarray,
    step: int,
    difference: bool,
    counts: np.ndarray,
    /,
) -> int: ...
def paint(image: np.ndarray, mask: np.ndarray, tone: int, /) -> None: ...
