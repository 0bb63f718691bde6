"""PDF/X-4 for the print-shop posters: the output intent and the keys an
offset shop's preflight looks for.

The output condition is FOGRA39 (ISO 12647-2:2004/Amd 1, offset on coated
paper), the usual default of European sheet-fed printers. Its profile is
``publication/icc/FOGRA39L-argyll.icc``, built from Fogra's characterization
data with ArgyllCMS (provenance, licence and how to rebuild it:
``publication/icc/README.md``). The posters' colours are CMYK tokens computed
through the same profile (:mod:`publication.colour`, :mod:`publication.design`).
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ICC_DIR = Path(__file__).resolve().parent / "icc"
PROFILE = ICC_DIR / "FOGRA39L-argyll.icc"
VERSION = "PDF/X-4"


class ProfileError(OSError):
    """The output profile is missing or not a CMYK output profile. An OSError,
    as a missing file is: the command-line tools report it as an error
    without a traceback."""


@lru_cache(maxsize=None)
def profile_bytes(path: Path = PROFILE) -> bytes:
    """The ICC profile, checked to be a CMYK output ('prtr') profile."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ProfileError(f"the print profile cannot be read: {error}") from None
    if len(data) < 128 or data[36:40] != b"acsp" or data[12:16] != b"prtr" or data[16:20] != b"CMYK":
        raise ProfileError(f"{path}: not a CMYK output ICC profile")
    return data


@lru_cache(maxsize=None)
def _compressed(path: Path) -> bytes:
    """The profile Flate-compressed once per process, not once per poster."""
    import zlib

    return zlib.compress(profile_bytes(path), 9)


@dataclass(frozen=True)
class OutputIntent:
    """A registered printing condition and the profile that characterizes it."""
    identifier: str = "FOGRA39"
    condition: str = ("Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 ="
                      " coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)")
    info: str = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1)"
    registry: str = "http://www.color.org"
    profile: Path = PROFILE
    version: str = VERSION

    def apply(self, pdf) -> None:
        """Make ``pdf`` (pikepdf) a PDF/X-4 file: the OutputIntent with the
        embedded profile, GTS_PDFXVersion and Trapped in the Info dictionary.
        (The XMP part is written with the rest of the XMP: publication.tagging.)"""
        import pikepdf
        from pikepdf import Array, Dictionary, Name

        icc = pikepdf.Stream(pdf, b"")
        icc.write(_compressed(self.profile), filter=Name.FlateDecode)
        icc.N = 4
        intent = Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(self.identifier),
            OutputCondition=pikepdf.String(self.condition),
            Info=pikepdf.String(self.info),
            RegistryName=pikepdf.String(self.registry),
            DestOutputProfile=pdf.make_indirect(icc),
        )
        pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
        info = pdf.trailer.Info
        info.GTS_PDFXVersion = pikepdf.String(self.version)
        info.Trapped = Name("/False")  # no trapping applied; the shop may trap


FOGRA39 = OutputIntent()
