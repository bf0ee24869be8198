"""The clerk's digital signature on digitized files (TT 01/2023/TT-VPCP Điều 8): keys from a
PKCS#12 file or a PKCS#11 token, PAdES signing with a visible stamp, and verification."""
