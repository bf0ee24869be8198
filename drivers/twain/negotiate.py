"""Scan settings -> TWAIN capabilities, set in state 4 in the order the spec recommends:
transfer count and mechanism and the feeder first (they change the bed and other ranges), then
units, pixel type before bit depth, resolution, the area, and last the user's own capabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drivers.contract import ColorMode, ScanSettings, Source
from drivers.twain import options
from drivers.twain.errors import scan_error
from drivers.twain.session import Session
from station.errors import ErrorCode, StationError
from station.paper import MM_PER_INCH, PRESETS, PaperSize, scan_area

PIXEL_TYPES = {
    ColorMode.COLOR: "TWPT_RGB",
    ColorMode.GRAY: "TWPT_GRAY",
    ColorMode.LINEART: "TWPT_BW",
}
PAPER_SIZES = {
    "A0": "TWSS_A0",
    "A1": "TWSS_A1",
    "A2": "TWSS_A2",
    "A3": "TWSS_A3",
    "A4": "TWSS_A4",
    "A5": "TWSS_A5",
    "A6": "TWSS_A6",
    "A7": "TWSS_A7",
    "B4": "TWSS_ISOB4",
    "B5": "TWSS_ISOB5",
    "Letter": "TWSS_USLETTER",
    "Legal": "TWSS_USLEGAL",
}
MECHANISMS = {"memory": "TWSX_MEMORY", "native": "TWSX_NATIVE"}
FRAME_TOLERANCE_IN = 0.01


@dataclass(frozen=True)
class Plan:
    transfer: str  # "memory" | "native"
    duplex: bool
    limit: int | None  # images to take; None = until the source has no more
    vanilla: bool  # ICAP_PIXELFLAVOR is TWPF_VANILLA: zero is white in memory strips
    dpi: int


def _unsupported(session: Session, setting: str, value: Any, **extra: Any) -> StationError:
    return StationError(
        ErrorCode.UNSUPPORTED_SETTING,
        device=session.device_id,
        setting=setting,
        value=str(value),
        **extra,
    )


def transfers(session: Session) -> tuple[str, ...]:
    """Transfer mechanisms the source offers, memory first; every source has native."""
    mechs = session.get(session.twain.ICAP_XFERMECH)
    if mechs is None:
        return ("native",)
    offered = tuple(
        name for name, const in MECHANISMS.items() if mechs.allows(getattr(session.twain, const))
    )
    return offered or ("native",)


def sources(session: Session) -> tuple[Source, ...]:
    twain = session.twain
    feeder = session.get(twain.CAP_FEEDERENABLED)
    if feeder is None:
        return (Source.FLATBED,)
    states = {bool(v) for v in (feeder.choices or (feeder.current,))}
    found = [Source.FLATBED] if False in states else []
    if True in states:
        found.append(Source.ADF)
        duplex = session.current(twain.CAP_DUPLEX)
        if duplex not in (None, twain.TWDX_NONE):
            found.append(Source.DUPLEX)
    return tuple(found) or (Source.FLATBED,)


def inches_per_unit(session: Session) -> float:
    """Switch the source to inches; the factor from its units to inches if it will not."""
    twain = session.twain
    session.set_if_supported(twain.ICAP_UNITS, twain.TWTY_UINT16, twain.TWUN_INCHES)
    units = session.current(twain.ICAP_UNITS)
    if units in (None, twain.TWUN_INCHES):
        return 1.0
    if units == twain.TWUN_CENTIMETERS:
        return 1 / 2.54
    raise _unsupported(session, "units", units)


def bed_mm(session: Session, per_unit: float) -> tuple[float, float] | None:
    twain = session.twain
    width = session.current(twain.ICAP_PHYSICALWIDTH, fix=True)
    height = session.current(twain.ICAP_PHYSICALHEIGHT, fix=True)
    if width is None or height is None:
        return None
    return width * per_unit * MM_PER_INCH, height * per_unit * MM_PER_INCH


def negotiate(session: Session, settings: ScanSettings) -> Plan:
    twain = session.twain
    wanted, passthrough = options.split_options(twain, settings.options, session.device_id)
    offered = transfers(session)
    transfer = wanted or offered[0]
    if transfer not in offered:
        raise _unsupported(session, options.TRANSFER, transfer)
    depth = 1 if settings.mode is ColorMode.LINEART else settings.depth
    if transfer == "native" and depth > 8:
        raise _unsupported(session, "depth", depth, detail="a native transfer has 8-bit samples")
    duplex, limit = _set_source(session, settings)
    session.set(
        twain.ICAP_XFERMECH,
        twain.TWTY_UINT16,
        getattr(twain, MECHANISMS[transfer]),
        setting=options.TRANSFER,
        shown=transfer,
    )
    per_unit = inches_per_unit(session)
    _set_mode(session, settings.mode, depth)
    _set_resolution(session, settings.dpi)
    _set_area(session, settings.paper, per_unit)
    for option in passthrough:
        options.apply(session, option)
    vanilla = session.current(twain.ICAP_PIXELFLAVOR) == twain.TWPF_VANILLA
    if settings.source is not Source.FLATBED:
        loaded = session.current(twain.CAP_FEEDERLOADED)
        if loaded is not None and not loaded:
            raise StationError(
                ErrorCode.SCANNER_NO_DOCS,
                device=session.device_id,
                sheet=1,
                detail="CAP_FEEDERLOADED false",
            )
    return Plan(transfer, duplex, limit, vanilla, settings.dpi)


def _set_source(session: Session, settings: ScanSettings) -> tuple[bool, int | None]:
    twain = session.twain
    offered = sources(session)
    if settings.source not in offered:
        raise _unsupported(session, "source", settings.source.value)
    feeder = settings.source is not Source.FLATBED
    duplex = settings.source is Source.DUPLEX
    shown = settings.source.value
    if offered != (Source.FLATBED,):
        session.set(twain.CAP_FEEDERENABLED, twain.TWTY_BOOL, feeder, "source", shown)
    if Source.DUPLEX in offered:
        session.set(twain.CAP_DUPLEXENABLED, twain.TWTY_BOOL, duplex, "source", shown)
    if feeder:
        session.set_if_supported(twain.CAP_AUTOFEED, twain.TWTY_BOOL, True)
    per_sheet = 2 if duplex else 1
    limit = settings.count * per_sheet if settings.count else (None if feeder else 1)
    session.set_if_supported(twain.CAP_XFERCOUNT, twain.TWTY_INT16, limit or -1)
    return duplex, limit


def _set_mode(session: Session, mode: ColorMode, depth: int) -> None:
    twain = session.twain
    pixel_type = getattr(twain, PIXEL_TYPES[mode])
    types = session.get(twain.ICAP_PIXELTYPE)
    if types is not None and not types.allows(pixel_type):
        raise _unsupported(session, "mode", mode.value)
    session.set(twain.ICAP_PIXELTYPE, twain.TWTY_UINT16, pixel_type, "mode", mode.value)
    depths = session.get(twain.ICAP_BITDEPTH)
    # ICAP_BITDEPTH counts bits per pixel (24 for 8-bit RGB); some sources give bits per sample.
    candidates = (depth * 3, depth) if mode is ColorMode.COLOR else (depth,)
    if depths is None:
        if depth not in (1, 8):
            raise _unsupported(session, "depth", depth)
        return
    bitdepth = next((d for d in candidates if depths.allows(d)), None)
    if bitdepth is None:
        raise _unsupported(session, "depth", depth)
    session.set(twain.ICAP_BITDEPTH, twain.TWTY_UINT16, bitdepth, "depth", depth)


def _set_resolution(session: Session, dpi: int) -> None:
    twain = session.twain
    offered = session.get(twain.ICAP_XRESOLUTION, fix=True)
    if offered is not None and not offered.allows(dpi):
        raise _unsupported(session, "dpi", dpi)
    for cap in (twain.ICAP_XRESOLUTION, twain.ICAP_YRESOLUTION):
        if session.set(cap, twain.TWTY_FIX32, float(dpi), "dpi", dpi):
            actual = session.current(cap, fix=True)
            if actual is None or abs(actual - dpi) > 0.01:
                raise _unsupported(session, "dpi", dpi, detail=f"source chose {actual}")


def _preset(paper: PaperSize) -> str | None:
    size = PRESETS.get(paper.name)
    if size is None or size != (paper.width_mm, paper.height_mm):
        return None
    return PAPER_SIZES.get(paper.name)


def _set_area(session: Session, paper: PaperSize, per_unit: float) -> None:
    twain = session.twain
    bed = bed_mm(session, per_unit)
    if bed is None:
        if paper.is_auto:
            return  # no bed size to check against: scan what the source frames
        width_mm, height_mm = paper.width_mm or 0.0, paper.height_mm or 0.0
    else:
        width_mm, height_mm = scan_area(paper, bed)
    code_name = _preset(paper)
    sizes = session.get(twain.ICAP_SUPPORTEDSIZES)
    if code_name and sizes is not None and sizes.allows(getattr(twain, code_name)):
        session.set(
            twain.ICAP_SUPPORTEDSIZES, twain.TWTY_UINT16, getattr(twain, code_name), "paper"
        )
        return
    to_units = 1 / (MM_PER_INCH * per_unit)
    _set_frame(session, (0.0, 0.0, width_mm * to_units, height_mm * to_units), paper.name)


def _set_frame(session: Session, frame: tuple[float, float, float, float], name: str) -> None:
    """DAT_IMAGELAYOUT, or ICAP_FRAMES for a source without it; refuse a frame it clips."""
    twain = session.twain
    try:
        session.source.set_image_layout(frame)
        return
    except twain.exceptions.CheckStatus:
        actual = session.call(session.source.get_image_layout)[0]
    except session.errors as exc:
        if type(exc).__name__ not in ("BadProtocol", "SequenceError"):
            raise scan_error(twain, exc, session.device_id, session.sheet) from exc
        if not session.set(twain.ICAP_FRAMES, twain.TWTY_FRAME, frame, "paper", name):
            return
        actual = session.current(twain.ICAP_FRAMES)
    if actual is None or any(
        abs(a - b) > FRAME_TOLERANCE_IN for a, b in zip(actual, frame, strict=True)
    ):
        raise _unsupported(session, "paper", name, detail=f"source framed {actual}")
