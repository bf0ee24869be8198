"""The clerk's digital signature on digitized files (TT 01/2023/TT-VPCP Điều 8): keys from a
PKCS#12 file or a PKCS#11 token, PAdES signing with a visible stamp, and verification."""

import warnings

# cryptography 51 warns, as pyHanko imports its DSA key type, that DSA support will go. The
# station signs and checks with RSA and ECDSA keys, and a clerk's terminal is no place for a
# library's notice to its developers.
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")
