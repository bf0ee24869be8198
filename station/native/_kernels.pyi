import numpy as np

def darkest(pixels: np.ndarray, out: np.ndarray, /) -> None: ...
def check_pixels(
    original: np.ndarray,
    rendered: np.ndarray,
    paper: np.ndarray,
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
def copy_marks(
    image: np.ndarray, kept: np.ndarray, cut: np.ndarray | None, out: np.ndarray, /
) -> None: ...
def shrink_composite(
    image: np.ndarray,
    kept: np.ndarray,
    cut: np.ndarray | None,
    spread: np.ndarray,
    xs: np.ndarray,
    xs1: np.ndarray,
    a0: np.ndarray,
    a1: np.ndarray,
    ys: np.ndarray,
    ys1: np.ndarray,
    b0: np.ndarray,
    b1: np.ndarray,
    out: np.ndarray,
    /,
) -> None: ...
