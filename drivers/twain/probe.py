"""What a TWAIN source can do, as the station's Capabilities."""

from __future__ import annotations

from drivers.contract import Capabilities, ColorMode, Source
from drivers.twain import options
from drivers.twain.negotiate import PIXEL_TYPES, bed_mm, inches_per_unit, sources, transfers
from drivers.twain.session import Session

COMMON_DPI = (75, 100, 150, 200, 240, 300, 400, 600, 1200)


def resolutions(session: Session) -> tuple[int, ...]:
    offered = session.get(session.twain.ICAP_XRESOLUTION, fix=True)
    if offered is None:
        return (int(session.current(session.twain.ICAP_XRESOLUTION, fix=True) or 300),)
    if offered.choices is not None:
        return tuple(sorted({round(value) for value in offered.choices}))
    return tuple(dpi for dpi in COMMON_DPI if offered.allows(dpi))


def modes_and_depths(session: Session) -> tuple[tuple[ColorMode, ...], tuple[int, ...]]:
    """Colour modes and bits per sample; ICAP_BITDEPTH depends on the pixel type, so each type
    is selected in turn."""
    twain = session.twain
    types = session.get(twain.ICAP_PIXELTYPE)
    modes: list[ColorMode] = []
    depths: set[int] = set()
    for mode, name in PIXEL_TYPES.items():
        pixel_type = getattr(twain, name)
        if types is not None and not types.allows(pixel_type):
            continue
        modes.append(mode)
        if not session.set_if_supported(twain.ICAP_PIXELTYPE, twain.TWTY_UINT16, pixel_type):
            continue
        offered = session.get(twain.ICAP_BITDEPTH)
        if offered is None:
            depths.add(1 if mode is ColorMode.LINEART else 8)
            continue
        for bits in offered.choices or ():
            depths.add(bits // 3 if mode is ColorMode.COLOR and bits >= 24 else bits)
    return tuple(modes) or (ColorMode.GRAY,), tuple(sorted(depths)) or (8,)


def max_area(session: Session, offered: tuple[Source, ...]) -> tuple[float, float]:
    """The largest area over the flatbed and the feeder (a feeder usually takes longer paper)."""
    twain = session.twain
    per_unit = inches_per_unit(session)
    areas = []
    for feeder in sorted({source is not Source.FLATBED for source in offered}):
        if offered != (Source.FLATBED,):
            session.set_if_supported(twain.CAP_FEEDERENABLED, twain.TWTY_BOOL, feeder)
        area = bed_mm(session, per_unit)
        if area is not None:
            areas.append(area)
    if not areas:
        return 215.9, 297.0
    return max(a[0] for a in areas), max(a[1] for a in areas)


def capabilities(session: Session) -> Capabilities:
    offered = sources(session)
    mechanisms = transfers(session)
    modes, depths = modes_and_depths(session)
    return Capabilities(
        sources=offered,
        resolutions=resolutions(session),
        color_modes=modes,
        bit_depths=depths,
        max_area_mm=max_area(session, offered),
        options=options.describe(session, mechanisms, mechanisms[0]),
    )
