"""Vietnamese words the virtual pages are made of: names, places, sentences of administrative prose.

Places follow the two-tier local government in force since 1 July 2025 (province, then commune or
ward). Everything here is invented; no real person's data.
"""

from __future__ import annotations

import unicodedata

import numpy as np

MOTTO_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu", "Quốc", "Bảo")
GIVEN_NAMES = (
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hương", "Khánh",
    "Lan", "Linh", "Lộc", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Quỳnh", "Sơn", "Thảo",
    "Trâm", "Trung", "Tuấn", "Uyên", "Việt", "Yến", "Đạt", "Ánh",
)  # fmt: skip
ETHNICITIES = ("Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer", "Nùng")

# (province, communes and wards of it)
PLACES = (
    ("Hà Tĩnh", ("phường Thành Sen", "phường Trần Phú", "xã Thạch Hà", "xã Cẩm Xuyên",
                 "xã Nghi Xuân", "xã Đức Thọ", "phường Hồng Lĩnh")),
    ("Nghệ An", ("phường Trường Vinh", "xã Nghi Lộc", "xã Diễn Châu", "xã Quỳnh Lưu")),
    ("Thành phố Hà Nội", ("phường Hoàn Kiếm", "phường Ba Đình", "xã Sóc Sơn", "phường Cầu Giấy")),
    ("Thành phố Hồ Chí Minh", ("phường Bến Thành", "phường Sài Gòn", "xã Củ Chi",
                               "phường Thủ Đức")),
    ("Quảng Trị", ("phường Đồng Hới", "xã Vĩnh Linh", "xã Hải Lăng")),
    ("Lâm Đồng", ("phường Xuân Hương - Đà Lạt", "xã Đức Trọng", "phường Bảo Lộc")),
)  # fmt: skip
STREETS = ("Trần Phú", "Lê Lợi", "Nguyễn Du", "Hà Huy Tập", "Phan Đình Phùng", "Hai Bà Trưng")

FORM_TITLES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT",
    "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
)
DECISION_SUBJECTS = (
    "Về việc công nhận kết quả đăng ký khai sinh",
    "Về việc cấp Giấy chứng nhận quyền sử dụng đất",
    "Về việc hỗ trợ kinh phí cho hộ gia đình",
    "Về việc xác nhận tình trạng hôn nhân",
)
ATTACHMENTS = (
    "Giấy chứng sinh do cơ sở y tế cấp",
    "Căn cước công dân của người yêu cầu",
    "Giấy chứng nhận kết hôn của cha, mẹ",
    "Văn bản ủy quyền có chứng thực (nếu có)",
    "Giấy xác nhận thông tin về cư trú",
    "Bản sao Giấy chứng nhận quyền sử dụng đất",
    "Hợp đồng chuyển nhượng quyền sử dụng đất",
    "Sơ đồ thửa đất, trích đo địa chính",
    "Biên lai nộp lệ phí",
)
LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014;",
    "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;",
    "Căn cứ Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính phủ quy định chi "
    "tiết một số điều và biện pháp thi hành Luật Hộ tịch;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện "
    "thủ tục hành chính trên môi trường điện tử;",
)
SENTENCES = (
    "Hồ sơ đã được tiếp nhận đầy đủ, hợp lệ theo quy định của pháp luật hiện hành.",
    "Người yêu cầu chịu trách nhiệm trước pháp luật về tính chính xác của thông tin đã kê khai.",
    "Bộ phận Một cửa có trách nhiệm số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    "Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ tiếp nhận hướng dẫn người nộp bổ sung một lần.",
    "Kết quả được trả trực tiếp tại Trung tâm Phục vụ hành chính công hoặc qua dịch vụ bưu chính.",
    "Công chức tư pháp - hộ tịch đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư.",
    "Các bên liên quan đã thống nhất nội dung và cam kết thực hiện đúng các nghĩa vụ tài chính.",
    "Ủy ban nhân dân xã phối hợp với cơ quan thuế xác định nghĩa vụ tài chính về đất đai.",
    "Thửa đất không có tranh chấp, không thuộc khu vực đã có quyết định thu hồi đất.",
    "Văn bản này có hiệu lực kể từ ngày ký và được gửi đến các cơ quan, đơn vị có liên quan.",
    "Mọi thắc mắc xin liên hệ bộ phận tiếp nhận trong giờ hành chính các ngày làm việc trong tuần.",
    "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo đúng quy định.",
    "Thông tin cá nhân được bảo vệ theo quy định về bảo vệ dữ liệu cá nhân.",
)
COMMITMENT = (
    "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật, được sự thỏa thuận nhất trí của "
    "các bên liên quan theo quy định pháp luật. Tôi chịu hoàn toàn trách nhiệm trước pháp luật "
    "về nội dung cam đoan của mình."
)


def pick(rng: np.random.Generator, pool: tuple):
    return pool[int(rng.integers(len(pool)))]


def person_name(rng: np.random.Generator) -> str:
    return f"{pick(rng, SURNAMES)} {pick(rng, MIDDLE_NAMES)} {pick(rng, GIVEN_NAMES)}"


def place(rng: np.random.Generator) -> tuple[str, str]:
    """(commune or ward, province)."""
    province, communes = pick(rng, PLACES)
    return pick(rng, communes), province


def address(rng: np.random.Generator) -> str:
    commune, province = place(rng)
    return f"Số {int(rng.integers(1, 250))} đường {pick(rng, STREETS)}, {commune}, {province}"


def date(rng: np.random.Generator, first_year: int, last_year: int) -> tuple[int, int, int]:
    return (
        int(rng.integers(1, 29)),
        int(rng.integers(1, 13)),
        int(rng.integers(first_year, last_year)),
    )


def sentences(rng: np.random.Generator, count: int) -> str:
    chosen = rng.choice(len(SENTENCES), size=min(count, len(SENTENCES)), replace=False)
    return " ".join(SENTENCES[int(i)] for i in chosen)


def id_number(rng: np.random.Generator) -> str:
    return "0" + "".join(str(int(d)) for d in rng.integers(0, 10, 11))


def ascii_name(name: str) -> str:
    """`Nguyễn Thị Ánh` -> `NGUYEN THI ANH`, as machine-readable zones spell names."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).upper()
