"""Bilingual wording for the core's codes, used where Qt's translator is not loaded (the CLI)."""

from __future__ import annotations

from typing import Any

from station.errors import ErrorCode, StationError

# code -> (Vietnamese, English); {placeholders} come from the error's params.
ERRORS: dict[str, tuple[str, str]] = {
    ErrorCode.DATA_DIR_NOT_WRITABLE: (
        "Không ghi được vào thư mục dữ liệu {path}. Hãy cấp quyền ghi hoặc chọn thư mục khác (SOHOA_HOME).",
        "Cannot write to the data directory {path}. Grant write access or choose another directory (SOHOA_HOME).",
    ),
    ErrorCode.CLERK_NOT_SIGNED_IN: (
        "Trạm đã có tài khoản cán bộ: hãy cho biết ai làm việc này bằng --clerk TÊN (hoặc biến SOHOA_CLERK); mật khẩu được hỏi, hoặc lấy từ SOHOA_CLERK_PASSWORD.",
        "This station has clerk accounts: say who does this work with --clerk NAME (or SOHOA_CLERK); the password is asked for, or read from SOHOA_CLERK_PASSWORD.",
    ),
    ErrorCode.DISK_FULL: (
        "Ổ đĩa đã đầy khi ghi {path}. Trang chưa được lưu; hãy giải phóng dung lượng rồi quét lại.",
        "The disk is full while writing {path}. The page was not stored; free some space and scan again.",
    ),
    ErrorCode.DATABASE_CORRUPT: (
        "Tệp cơ sở dữ liệu {path} bị hỏng hoặc không phải SQLite. Tệp được giữ nguyên; hãy khôi phục bản sao lưu.",
        "The database file {path} is damaged or not SQLite. It was left untouched; restore it from a backup.",
    ),
    ErrorCode.DATABASE_FOREIGN: (
        "Tệp {path} là cơ sở dữ liệu của ứng dụng khác. Tệp được giữ nguyên; hãy chọn thư mục dữ liệu khác.",
        "The file {path} belongs to another application. It was left untouched; choose another data directory.",
    ),
    ErrorCode.DATABASE_TOO_NEW: (
        "Cơ sở dữ liệu {path} do phiên bản mới hơn tạo (lược đồ {version}, hỗ trợ đến {supported}). Hãy cập nhật ứng dụng.",
        "The database {path} was written by a newer version (schema {version}, this one supports {supported}). Update the application.",
    ),
    ErrorCode.DATABASE_LOCKED: (
        "Cơ sở dữ liệu {path} đang bị khóa bởi tiến trình khác. Hãy thử lại.",
        "The database {path} is locked by another process. Try again.",
    ),
    ErrorCode.STORAGE_IO: (
        "Lỗi đọc/ghi tại {path}: {detail}.",
        "Read/write error at {path}: {detail}.",
    ),
    ErrorCode.CATALOG_INVALID: (
        "Danh mục thủ tục {path} không hợp lệ: {detail}.",
        "The procedure catalog file {path} is invalid: {detail}.",
    ),
    ErrorCode.CATALOG_SIGNATURE_INVALID: (
        "Danh mục thủ tục phiên bản {version} từ máy chủ tỉnh có chữ ký không hợp lệ; trạm giữ"
        " danh mục đang dùng. Báo quản trị viên.",
        "The province's catalog version {version} has an invalid signature; the station keeps"
        " the catalog it uses. Tell the administrator.",
    ),
    ErrorCode.CATALOG_OLDER: (
        "Máy chủ tỉnh gửi danh mục thủ tục phiên bản {version} (ban hành {issued_at}), cũ hơn"
        " phiên bản trạm đang dùng, {current} (ban hành {current_issued_at}); trạm giữ phiên bản"
        " đang dùng. Báo quản trị viên.",
        "The province's server sent catalog version {version} (issued {issued_at}), older than"
        " the version this station uses, {current} (issued {current_issued_at}); the station"
        " keeps the one it uses. Tell the administrator.",
    ),
    ErrorCode.UNKNOWN_PROCEDURE: (
        'Không có thủ tục mã "{code}" trong danh mục. Xem danh sách: sohoa catalog list.',
        'No procedure with code "{code}" in the catalog. See the list: sohoa catalog list.',
    ),
    ErrorCode.UNKNOWN_CASE: (
        'Thủ tục {procedure} không có trường hợp "{case}". Xem: sohoa catalog show {procedure}.',
        'Procedure {procedure} has no case "{case}". See: sohoa catalog show {procedure}.',
    ),
    ErrorCode.CASES_CONFLICT: (
        "Thủ tục {procedure}: chỉ chọn một trường hợp trong nhóm {group} ({cases}).",
        "Procedure {procedure}: choose one case only in group {group} ({cases}).",
    ),
    ErrorCode.UNKNOWN_COMPONENT: (
        'Thủ tục {procedure} không có thành phần hồ sơ "{code}".',
        'Procedure {procedure} has no dossier component "{code}".',
    ),
    ErrorCode.EMPTY_DOSSIER_CODE: (
        "Mã hồ sơ đang trống. Hãy nhập hoặc quét mã hồ sơ do hệ thống một cửa cấp.",
        "The dossier code is empty. Type or scan the code the one-stop system issued.",
    ),
    ErrorCode.STATION_NAME_EMPTY: (
        "Tên trạm đang trống. Hãy nhập tên trạm (ví dụ: Bộ phận một cửa UBND xã).",
        "The station name is empty. Type the station's name (e.g. the commune's one-stop counter).",
    ),
    ErrorCode.UNITS_FILE_INVALID: (
        'Tệp {path} không phải danh mục đơn vị đọc được (JSON: {{"units": [{{"code", "name", "level"}}]}}) hoặc không có đơn vị nào có mã đúng dạng; danh mục đang dùng được giữ nguyên.',
        'The file {path} is not a readable unit list (JSON: {{"units": [{{"code", "name", "level"}}]}}) or holds no unit with a well-formed code; the list in use is kept.',
    ),
    ErrorCode.AGENCY_CODE_INVALID: (
        'Mã đơn vị "{code}" không đúng dạng (chữ số, A–Z và dấu chấm, tối đa 35 ký tự, nhóm cuối như H05; ví dụ 000.01.31.H05).',
        'Agency code "{code}" is not well formed (digits, A–Z and dots, at most 35 characters, ending in a group like H05; e.g. 000.01.31.H05).',
    ),
    ErrorCode.STATION_LEVEL_INVALID: (
        'Cấp "{level}" không hợp lệ: chọn tỉnh (province) hoặc xã (commune).',
        'Level "{level}" is not valid: choose province or commune.',
    ),
    ErrorCode.DOSSIER_EXISTS: (
        'Hồ sơ "{code}" đã có trên trạm này.',
        'Dossier "{code}" already exists on this station.',
    ),
    ErrorCode.DOSSIER_NOT_FOUND: (
        'Không tìm thấy hồ sơ "{code}".',
        'Dossier "{code}" was not found.',
    ),
    ErrorCode.DOSSIER_CLOSED: (
        'Hồ sơ "{code}" đã hoàn tất, không thể thêm trang.',
        'Dossier "{code}" is finished; pages can no longer be added.',
    ),
    ErrorCode.INVALID_ID_NUMBER: (
        'Số giấy tờ tùy thân "{value}" không hợp lệ.',
        'The ID number "{value}" is not valid.',
    ),
    ErrorCode.EMPTY_PAGE: (
        "Trang quét rỗng (0 byte), không được lưu.",
        "The scanned page is empty (0 bytes) and was not stored.",
    ),
    ErrorCode.DISPLAY_UNAVAILABLE: (
        "Không có màn hình để mở giao diện (DISPLAY trống). Hãy chạy trong phiên đồ họa hoặc dùng xvfb-run.",
        "No display to open the window on (DISPLAY is empty). Run it in a desktop session or under xvfb-run.",
    ),
    ErrorCode.HUB_NOT_INSTALLED: (
        "Máy chủ tỉnh chưa được cài trên máy này (thiếu {missing}). Cài bằng: pip install 'sohoa-station[hub]'.",
        "The hub is not installed on this PC ({missing} is missing). Install it with: pip install 'sohoa-station[hub]'.",
    ),
    ErrorCode.INVALID_PAPER: (
        'Khổ giấy "{value}" không hợp lệ. Dùng một trong {presets}, auto, hoặc RộngxCao theo mm (ví dụ 210x297).',
        'Paper size "{value}" is not valid. Use one of {presets}, auto, or WidthxHeight in mm (for example 210x297).',
    ),
    ErrorCode.PAPER_TOO_LARGE: (
        "Khổ {paper} ({width}x{height} mm) lớn hơn vùng quét tối đa của máy ({max_width}x{max_height} mm). Hãy quét bằng máy khổ lớn rồi nhập tệp (sohoa import), hoặc quét từng phần.",
        "{paper} ({width}x{height} mm) is larger than this scanner's maximum area ({max_width}x{max_height} mm). Scan it on a large-format scanner and import the file (sohoa import), or scan it in parts.",
    ),
    ErrorCode.DEVICE_NOT_FOUND: (
        'Không tìm thấy máy quét "{device}". Xem danh sách: sohoa devices.',
        'Scanner "{device}" was not found. See the list: sohoa devices.',
    ),
    ErrorCode.DRIVER_UNAVAILABLE: (
        "Trình điều khiển {driver} không dùng được trên máy này ({detail}).",
        "The {driver} driver is not available on this machine ({detail}).",
    ),
    ErrorCode.DRIVER_CRASHED: (
        "Trình điều khiển máy quét bị lỗi và đã dừng ({detail}). Các trang đã nhận vẫn được giữ; hãy thử quét lại.",
        "The scanner driver crashed ({detail}). Pages received so far are kept; try scanning again.",
    ),
    ErrorCode.DRIVER_HUNG: (
        "Máy quét không phản hồi ({detail}) nên đã được khởi động lại. Các trang đã nhận vẫn được giữ; hãy kiểm tra máy rồi quét lại.",
        "The scanner stopped responding ({detail}) and was restarted. Pages received so far are kept; check the device and scan again.",
    ),
    ErrorCode.INVALID_OPTION: (
        'Tùy chọn máy quét "{option}" không hợp lệ. Xem các tùy chọn: sohoa devices --json.',
        'Scanner option "{option}" is not valid. See the options: sohoa devices --json.',
    ),
    ErrorCode.UNSUPPORTED_SETTING: (
        "Máy quét {device} không hỗ trợ {setting} = {value}.",
        "Scanner {device} does not support {setting} = {value}.",
    ),
    ErrorCode.SCANNER_JAMMED: (
        "Kẹt giấy ở tờ {sheet}. Gỡ giấy kẹt rồi quét tiếp; các trang trước đó đã được lưu.",
        "Paper jam at sheet {sheet}. Clear the jam and continue; earlier pages are stored.",
    ),
    ErrorCode.SCANNER_DOUBLE_FEED: (
        "Máy kéo hai tờ cùng lúc ở tờ {sheet}. Đặt lại tờ đó rồi quét tiếp; các trang trước đó đã được lưu.",
        "Double feed at sheet {sheet}. Reload that sheet and continue; earlier pages are stored.",
    ),
    ErrorCode.SCANNER_COVER_OPEN: (
        "Nắp máy quét đang mở. Đóng nắp rồi quét tiếp; các trang trước đó đã được lưu.",
        "The scanner cover is open. Close it and continue; earlier pages are stored.",
    ),
    ErrorCode.SCANNER_NO_DOCS: (
        "Khay nạp giấy không có tài liệu. Đặt giấy vào khay rồi quét lại.",
        "The document feeder is empty. Load the papers and scan again.",
    ),
    ErrorCode.SCANNER_BUSY: (
        "Máy quét đang bận (có thể ứng dụng khác đang dùng). Hãy thử lại sau giây lát.",
        "The scanner is busy (another application may be using it). Try again in a moment.",
    ),
    ErrorCode.SCANNER_IO_ERROR: (
        "Lỗi truyền dữ liệu với máy quét ({detail}). Kiểm tra cáp và nguồn rồi quét lại.",
        "Communication error with the scanner ({detail}). Check the cable and power, then scan again.",
    ),
    ErrorCode.SCANNER_NO_MEMORY: (
        "Máy quét hoặc máy tính hết bộ nhớ. Giảm độ phân giải hoặc khổ giấy rồi quét lại.",
        "The scanner or the computer ran out of memory. Lower the resolution or paper size and scan again.",
    ),
    ErrorCode.SCANNER_ACCESS_DENIED: (
        "Không có quyền dùng máy quét này. Hãy nhờ quản trị cấp quyền.",
        "Access to this scanner was denied. Ask the administrator for permission.",
    ),
    ErrorCode.SCANNER_UNSUPPORTED: (
        "Máy quét không hỗ trợ thao tác này ({detail}).",
        "The scanner does not support this operation ({detail}).",
    ),
    ErrorCode.SCANNER_INVALID: (
        "Máy quét từ chối thiết lập hoặc dữ liệu không hợp lệ ({detail}).",
        "The scanner rejected the settings or sent invalid data ({detail}).",
    ),
    ErrorCode.SCANNER_EOF: (
        "Máy quét ngừng gửi dữ liệu giữa chừng ở tờ {sheet} ({detail}). Trang dở dang không được lưu; hãy quét lại tờ đó.",
        "The scanner stopped sending data part-way through sheet {sheet} ({detail}). The partial page was not stored; scan that sheet again.",
    ),
    ErrorCode.SCANNER_DISCONNECTED: (
        "Mất kết nối với máy quét ở tờ {sheet}. Kiểm tra cáp/nguồn; các trang trước đó đã được lưu.",
        "The scanner was disconnected at sheet {sheet}. Check the cable/power; earlier pages are stored.",
    ),
    ErrorCode.SCAN_CANCELLED: (
        "Đã hủy lượt quét. Các trang nhận được trước đó đã được lưu.",
        "The scan was cancelled. Pages received before that are stored.",
    ),
    ErrorCode.IMPORT_NOT_FOUND: (
        "Không mở được tệp {path} ({detail}).",
        "Cannot open file {path} ({detail}).",
    ),
    ErrorCode.IMPORT_CORRUPT: (
        "Tệp {path} bị hỏng hoặc không đầy đủ ({detail}). Các trang đọc được trước chỗ hỏng đã được nhập.",
        "File {path} is damaged or truncated ({detail}). Pages before the damage were imported.",
    ),
    ErrorCode.IMPORT_ENCRYPTED: (
        "Tệp {path} được đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.",
        "File {path} is password-protected; remove the password and import it again.",
    ),
    ErrorCode.IMPORT_TOO_LARGE: (
        "Ảnh trong tệp {path} quá lớn ({detail}); giới hạn là khổ A0 ở 600 dpi.",
        "The image in {path} is too large ({detail}); the limit is A0 at 600 dpi.",
    ),
    ErrorCode.IMPORT_UNSUPPORTED: (
        "Không nhập được định dạng của tệp {path}. Hỗ trợ PDF, TIFF, JPEG và PNG.",
        "The format of {path} cannot be imported. PDF, TIFF, JPEG and PNG are supported.",
    ),
    ErrorCode.UNKNOWN_PROFILE: (
        'Không có hồ sơ xử lý "{name}". Có: {known}.',
        'There is no processing profile "{name}". Available: {known}.',
    ),
    ErrorCode.IMAGE_UNREADABLE: (
        "Không đọc được ảnh {path} ({detail}).",
        "Cannot read the image {path} ({detail}).",
    ),
    ErrorCode.OCR_UNAVAILABLE: (
        "Không nhận dạng chữ được: thiếu {detail} (cài gói tesseract-ocr-vie).",
        "Text recognition is unavailable: {detail} is missing (install tesseract-ocr-vie).",
    ),
    ErrorCode.PAGE_NOT_FOUND: (
        "Không tìm thấy trang {page}.",
        "Page {page} was not found.",
    ),
    ErrorCode.PAGE_EDITED: (
        "Trang {page} vừa được sửa trong lúc xử lý; trang được xử lý lại.",
        "Page {page} was edited while it was processed; it is processed again.",
    ),
    ErrorCode.PAGE_NOT_STITCHED: (
        "Trang {page} không phải trang ghép nên không có phần nào để tách.",
        "Page {page} was not stitched, so it has no parts to separate.",
    ),
    ErrorCode.DOSSIER_FINISHED: (
        'Hồ sơ "{code}" đã hoàn tất; không thể sửa trang hay hoàn tất lại.',
        'Dossier "{code}" is already finished; its pages cannot be edited and it cannot be finished again.',
    ),
    ErrorCode.DOSSIER_BUSY: (
        'Hồ sơ "{code}" đang được hoàn tất ở nơi khác; hãy đợi rồi xem lại.',
        'Dossier "{code}" is being finished elsewhere; wait, then look at it again.',
    ),
    ErrorCode.DOSSIER_EMPTY: (
        'Hồ sơ "{code}" chưa có trang nào; hãy quét trước khi hoàn tất.',
        'Dossier "{code}" has no pages yet; scan before finishing it.',
    ),
    ErrorCode.DOSSIER_WITHOUT_PROCEDURE: (
        'Hồ sơ "{code}" chưa gắn thủ tục hành chính; hãy chọn thủ tục trước khi hoàn tất.',
        'Dossier "{code}" has no administrative procedure; choose one before finishing it.',
    ),
    ErrorCode.UNTAGGED_PAGES: (
        'Hồ sơ "{code}" còn {count} trang chưa gắn thành phần hồ sơ (trang {pages}); hãy gắn hết trước khi hoàn tất.',
        'Dossier "{code}" has {count} page(s) not tagged with a component (page {pages}); tag every page before finishing.',
    ),
    ErrorCode.REQUIRED_COMPONENTS_MISSING: (
        'Hồ sơ "{code}" còn thiếu thành phần bắt buộc: {components}. Hãy quét bổ sung hoặc ghi lý do để hoàn tất.',
        'Dossier "{code}" lacks required components: {components}. Scan them, or give a reason to finish anyway.',
    ),
    ErrorCode.CASES_UNDECIDED: (
        'Hồ sơ "{code}" chưa chọn trường hợp trong nhóm {groups}, nên chưa biết cần giấy tờ nào. Hãy chọn trường hợp (sohoa dossier cases {code} --case {example}) hoặc ghi lý do để hoàn tất.',
        'Dossier "{code}" has no case chosen in group {groups}, so the papers it needs are unknown. Choose its case (sohoa dossier cases {code} --case {example}), or give a reason to finish anyway.',
    ),
    ErrorCode.ANNOTATED_PAGE_UNPAIRED: (
        'Trang {order} của hồ sơ "{code}" là bản có bút tích nhưng không có bản sạch ngay sau nó (cùng thành phần); hãy quét bản sạch.',
        'Page {order} of dossier "{code}" is an annotated copy with no clean scan right after it (same component); scan the clean copy.',
    ),
    ErrorCode.PAGE_NOT_IN_DOSSIER: (
        'Trang {page} không thuộc hồ sơ "{code}".',
        'Page {page} does not belong to dossier "{code}".',
    ),
    ErrorCode.SYNC_NOT_CONFIGURED: (
        "Chưa cấu hình đồng bộ. Hãy chạy: sohoa sync login --url URL --client-id ID.",
        "Sync is not configured. Run: sohoa sync login --url URL --client-id ID.",
    ),
    ErrorCode.SYNC_NO_KEYRING: (
        "Máy này không có kho khóa bí mật (keyring). Hãy chỉ định tệp bí mật chỉ chủ sở hữu đọc được: --secret-file PATH.",
        "This machine has no keyring. Point to a secret file only its owner can read: --secret-file PATH.",
    ),
    ErrorCode.SYNC_SECRET_MISSING: (
        'Không tìm thấy mật khẩu ứng dụng của trạm "{client_id}". Hãy đăng nhập lại: sohoa sync login.',
        'The client secret of station "{client_id}" was not found. Log in again: sohoa sync login.',
    ),
    ErrorCode.SYNC_SECRET_FILE_INSECURE: (
        "Tệp bí mật {path} có quyền {mode}, người khác đọc được hoặc không thuộc bạn. Hãy đặt quyền 0600 (chmod 600).",
        "The secret file {path} has mode {mode}: others can read it, or you do not own it. Set mode 0600 (chmod 600).",
    ),
    ErrorCode.SYNC_AUTH_REJECTED: (
        "Máy chủ {url} từ chối mã trạm hoặc mật khẩu ứng dụng ({detail}). Hãy đăng nhập lại: sohoa sync login.",
        "The server {url} rejected the client ID or secret ({detail}). Log in again: sohoa sync login.",
    ),
    ErrorCode.SYNC_OFFLINE: (
        "Không kết nối được máy chủ {url} ({detail}). Hồ sơ vẫn nằm trong hàng đợi và sẽ tự gửi lại.",
        "Cannot reach the server {url} ({detail}). Dossiers stay queued and are sent again automatically.",
    ),
    ErrorCode.SYNC_TLS_FAILED: (
        "Không xác minh được chứng chỉ TLS của {url} ({detail}). Kiểm tra tệp CA (--ca-bundle) hoặc đồng hồ máy.",
        "The TLS certificate of {url} could not be verified ({detail}). Check the CA bundle (--ca-bundle) or the clock.",
    ),
    ErrorCode.SYNC_INSECURE_URL: (
        "Địa chỉ máy chủ {url} không dùng https://: mã bí mật và hồ sơ sẽ đi qua mạng không mã hóa. Dùng https:// (http:// chỉ cho 127.0.0.1, ::1, localhost).",
        "The hub address {url} is not https://: the secret and the dossiers would cross the network unencrypted. Use https:// (http:// only for 127.0.0.1, ::1, localhost).",
    ),
    ErrorCode.SYNC_UNEXPECTED_ANSWER: (
        "Máy chủ {url} trả lời không đúng dạng ({detail}); có thể là trang đăng nhập Wi-Fi hoặc proxy. Trạm sẽ thử lại.",
        "The hub {url} gave an answer it never gives ({detail}); perhaps a Wi-Fi login page or a proxy. The station will try again.",
    ),
    ErrorCode.SYNC_REDIRECT_REFUSED: (
        "Máy chủ {url} chuyển hướng sang nơi khác ({detail}); trạm không gửi mã bí mật hay hồ sơ theo. Trạm sẽ thử lại.",
        "The hub {url} redirected elsewhere ({detail}); the station sends neither its secret nor files there. It will try again.",
    ),
    ErrorCode.SYNC_FOREIGN_UPLOAD_URL: (
        "Máy chủ chỉ định nơi tải lên {url} không thuộc máy chủ {hub}; đã từ chối, hồ sơ không được gửi đi.",
        "The hub named an upload address {url} that is not on the hub {hub}; refused, nothing was sent there.",
    ),
    ErrorCode.RESULT_NOTHING_TO_SEND: (
        "Hồ sơ {code} không có tệp kết quả nào thuộc lần trả kết quả {id}.",
        "Dossier {code} has no result file of the hand-over {id}.",
    ),
    ErrorCode.SYNC_RESULT_REFUSED: (
        "Máy chủ tỉnh từ chối kết quả của hồ sơ {code} ({status}: {detail}). Kiểm tra hồ sơ rồi gửi lại.",
        "The hub refused the result of dossier {code} ({status}: {detail}). Check the dossier, then retry.",
    ),
    ErrorCode.SYNC_SERVER_BUSY: (
        "Máy chủ đang bận (HTTP {status}); sẽ gửi lại sau {delay} giây.",
        "The server is busy (HTTP {status}); sending again in {delay} seconds.",
    ),
    ErrorCode.SYNC_REJECTED: (
        "Máy chủ từ chối {what} (HTTP {status}: {detail}). Đã dừng gửi mục này; sửa nguyên nhân rồi chọn Gửi lại (sohoa sync retry).",
        "The server refused {what} (HTTP {status}: {detail}). This item is on hold; fix the cause, then retry (sohoa sync retry).",
    ),
    ErrorCode.SYNC_CHECKSUM_MISMATCH: (
        "Tệp {file} trên máy chủ có mã băm {actual}, khác với bản gốc {expected}. Đã dừng gửi; hãy kiểm tra rồi gửi lại.",
        "File {file} on the server has hash {actual}, not the original's {expected}. On hold; check it, then retry.",
    ),
    ErrorCode.SYNC_LOCAL_FILE_MISSING: (
        "Không còn tệp {path} để gửi. Hãy hoàn tất lại hồ sơ hoặc khôi phục tệp rồi gửi lại.",
        "The file {path} to send is gone. Restore it or finish the dossier again, then retry.",
    ),
    ErrorCode.SYNC_LOCAL_FILE_CHANGED: (
        "Tệp {path} đã bị thay đổi sau khi hoàn tất (mã băm khác). Không gửi bản bị thay đổi; hãy khôi phục tệp.",
        "The file {path} changed after the dossier was finished (hash differs). The altered copy is not sent; restore the file.",
    ),
    ErrorCode.SYNC_MANIFEST_REJECTED: (
        'Máy chủ từ chối danh mục hồ sơ "{code}" ({detail}). Đã dừng gửi; sửa nguyên nhân rồi gửi lại.',
        'The server refused the manifest of dossier "{code}" ({detail}). On hold; fix the cause, then retry.',
    ),
    ErrorCode.SYNC_FILES_MISSING: (
        'Máy chủ chưa có đủ tệp của hồ sơ "{code}" ({files}); sẽ thử lại.',
        'The server does not have every file of dossier "{code}" yet ({files}); trying again.',
    ),
    ErrorCode.SYNC_JOB_NOT_FOUND: (
        "Không có mục đồng bộ số {job}.",
        "There is no sync job {job}.",
    ),
    ErrorCode.SYNC_WORKER_RUNNING: (
        "Một tiến trình đồng bộ khác đang chạy trên trạm này ({path}).",
        "Another sync process is already running on this station ({path}).",
    ),
    ErrorCode.SYNC_DOSSIER_NOT_FINISHED: (
        'Hồ sơ "{code}" chưa hoàn tất nên chưa thể gửi.',
        'Dossier "{code}" is not finished, so it cannot be sent yet.',
    ),
    ErrorCode.SYNC_FOLDER_FAILED: (
        "Không ghi được vào thư mục chia sẻ {path} ({detail}); sẽ thử lại.",
        "Cannot write to the shared folder {path} ({detail}); trying again.",
    ),
    ErrorCode.SIGN_PKCS12_UNREADABLE: (
        "Không mở được tệp chứng thư số {path}: sai mật khẩu hoặc tệp hỏng.",
        "Cannot open the certificate file {path}: wrong password or a damaged file.",
    ),
    ErrorCode.SIGN_MODULE_MISSING: (
        "Không nạp được thư viện PKCS#11 {module}. Hãy cài phần mềm của token (nhà cung cấp chữ ký số).",
        "Cannot load the PKCS#11 library {module}. Install the token's software from its CA.",
    ),
    ErrorCode.SIGN_TOKEN_MISSING: (
        'Không thấy token "{token}". Hãy cắm token ký số vào máy rồi thử lại.',
        'Token "{token}" was not found. Plug in the signing token and try again.',
    ),
    ErrorCode.SIGN_WRONG_PIN: (
        'Mã PIN của token "{token}" không đúng (token có thể bị khóa nếu nhập sai nhiều lần).',
        'Wrong PIN for token "{token}" (the token may lock after several wrong tries).',
    ),
    ErrorCode.SIGN_KEY_MISSING: (
        'Token "{token}" không có khóa ký{label}.',
        'Token "{token}" holds no signing key{label}.',
    ),
    ErrorCode.SIGN_CERT_EXPIRED: (
        "Chứng thư số của {subject} đã hết hạn ngày {until}; không thể ký. Hãy gia hạn với nhà cung cấp.",
        "The certificate of {subject} expired on {until}; signing is refused. Renew it with your CA.",
    ),
    ErrorCode.SIGN_CERT_NOT_YET_VALID: (
        "Chứng thư số của {subject} chỉ có hiệu lực từ {since}; chưa thể ký.",
        "The certificate of {subject} is valid only from {since}; signing is refused.",
    ),
    ErrorCode.SIGN_CERT_NO_SIGNING_USAGE: (
        "Chứng thư số của {subject} không dùng để ký (thiếu digitalSignature / nonRepudiation).",
        "The certificate of {subject} is not for signing (no digitalSignature / nonRepudiation).",
    ),
    ErrorCode.SIGN_ALREADY_SIGNED: (
        "Tệp {path} đã có chữ ký số; không ký chồng lên.",
        "{path} is already signed; it is not signed again.",
    ),
    ErrorCode.SIGN_PDF_UNREADABLE: (
        "Không đọc được tệp PDF {path} để ký ({detail}).",
        "Cannot read the PDF {path} to sign it ({detail}).",
    ),
    ErrorCode.SIGN_FONT_NOT_EMBEDDABLE: (
        "Phông chữ {path} không cho phép nhúng vào PDF (giấy phép hạn chế); PDF/A cần nhúng phông. Hãy chọn phông khác.",
        "The font {path} forbids embedding (restricted licence); PDF/A needs embedded fonts. Choose another font.",
    ),
    ErrorCode.SIGN_FAILED: (
        "Ký số không thành công ({detail}); tệp không bị thay đổi.",
        "Signing failed ({detail}); the file is unchanged.",
    ),
    ErrorCode.RESULT_DOSSIER_OPEN: (
        "Hồ sơ {code} chưa hoàn tất tiếp nhận; hãy hoàn tất hồ sơ trước khi số hóa kết quả.",
        "Dossier {code} is not finished at reception yet; finish it before digitizing its result.",
    ),
    ErrorCode.RESULT_NOT_EXPECTED: (
        "Thủ tục {procedure} của hồ sơ {code} không có thành phần kết quả để số hóa.",
        "The procedure {procedure} of dossier {code} has no result component to digitize.",
    ),
    ErrorCode.RESULT_COMPONENT_ONLY: (
        "Hồ sơ {code} đã hoàn tất: chỉ nhận trang kết quả ({accepted}), không nhận {component}.",
        "Dossier {code} is finished: it takes result pages only ({accepted}), not {component}.",
    ),
    ErrorCode.RESULT_ALREADY_FINISHED: (
        "Kết quả {component} của hồ sơ {code} đã được số hóa ({file}); không số hóa lại lần hai.",
        "The result {component} of dossier {code} is already digitized ({file}); it is not digitized twice.",
    ),
    ErrorCode.RESULT_DIGITIZED_ELSEWHERE: (
        "Kết quả {component} của hồ sơ {code} đã được một bàn khác của đơn vị số hóa và gửi lên"
        " hệ thống tỉnh ({at}); không số hóa lại lần hai.",
        "The result {component} of dossier {code} was digitized at another desk of the unit and"
        " sent to the province hub ({at}); it is not digitized twice.",
    ),
    ErrorCode.RESULT_PAGES_MISSING: (
        "Hồ sơ {code} chưa có trang kết quả nào đang chờ; hãy quét hoặc nhập kết quả trước.",
        "Dossier {code} has no result pages waiting; scan or import the result first.",
    ),
    ErrorCode.RESULT_PDF_INVALID: (
        "Tệp kết quả {path} không dùng được: {detail}.",
        "The result file {path} cannot be used: {detail}.",
    ),
    ErrorCode.RESULT_DOSSIER_UNKNOWN_IN_UNIT: (
        "Trạm này không có hồ sơ {code}, và máy chủ tỉnh không có hồ sơ này của đơn vị. Kiểm tra lại mã; nếu hồ sơ vừa tiếp nhận ở quầy khác, chờ quầy đó gửi hồ sơ lên rồi thử lại.",
        "This station does not hold dossier {code}, and the hub holds no such dossier of this unit. Check the code; if another desk received it just now, wait until that desk has sent it, then try again.",
    ),
    ErrorCode.RESULT_HUB_UNREACHABLE: (
        "Trạm này không có hồ sơ {code} và không hỏi được máy chủ tỉnh {url} ({detail}). Chưa có gì thay đổi; hãy thử lại khi có mạng.",
        "This station does not hold dossier {code} and cannot ask the hub {url} ({detail}). Nothing has changed; try again when the network is back.",
    ),
}

WARNINGS: dict[str, tuple[str, str]] = {
    "nonstandard_shape": (
        "Mã hồ sơ không theo dạng chuẩn V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX; vẫn được chấp nhận.",
        "The dossier code does not follow V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX; accepted anyway.",
    ),
    "invalid_date": (
        "Phần ngày YYMMDD trong mã hồ sơ không phải ngày hợp lệ; vẫn được chấp nhận.",
        "The YYMMDD part of the dossier code is not a valid date; accepted anyway.",
    ),
    "secret_in_file": (
        "Máy không có kho khóa bí mật; mật khẩu ứng dụng được đọc từ tệp chỉ chủ sở hữu đọc được.",
        "No keyring on this machine; the client secret is read from an owner-only file.",
    ),
    "cases_undecided": (
        "Thủ tục {procedure} cần chọn trường hợp trong nhóm {groups}; chưa chọn thì chưa biết cần giấy tờ nào và hồ sơ không hoàn tất được. Chọn bằng: sohoa dossier cases {code} --case {example}",
        "Procedure {procedure} needs a case chosen in group {groups}; until then the papers it needs are unknown and the dossier cannot be finished. Choose with: sohoa dossier cases {code} --case {example}",
    ),
    "nonstandard_id_number": (
        "Số giấy tờ không giống CCCD (12 số), CMND (9 số) hay hộ chiếu; vẫn được lưu.",
        "The ID number looks like neither a citizen ID (12 digits), an old ID (9 digits) nor a passport; stored anyway.",
    ),
    "entry_expired": (
        "Mục thủ tục này trong danh mục đã hết hiệu lực (quá ngày valid_until); giấy tờ cần nộp có thể đã thay đổi. Hồ sơ vẫn được mở; báo quản trị viên cập nhật danh mục của tỉnh.",
        "This procedure's catalog entry has expired (past its valid_until); the papers required may have changed. The dossier is opened anyway; tell the administrator to update the province's catalog.",
    ),
    "entry_not_yet_valid": (
        "Mục thủ tục này trong danh mục chưa có hiệu lực (trước ngày valid_from); có thể văn bản mới chưa áp dụng. Hồ sơ vẫn được mở; kiểm tra lại giấy tờ cần nộp.",
        "This procedure's catalog entry is not in force yet (before its valid_from); the new text may not apply yet. The dossier is opened anyway; check the papers required.",
    ),
    "catalog_current_unreadable": (
        "Không đọc được danh mục tỉnh {version} mà trạm đang dùng (tệp mất, hỏng, hoặc không khóa nào trạm đã nhận xác minh được); cập nhật tiếp như từ danh mục mặc định. Hồ sơ mới giờ theo danh mục {now_vi}.",
        "Could not read the province catalog {version} the station was using (file missing, damaged, or verified by no key the station accepted); the update went on as from the built-in catalog. New dossiers now follow the {now_en} catalog.",
    ),
    "catalog_local_ignored": (
        "Bỏ qua tệp danh mục riêng của trạm {path}: thủ tục {procedure} đã có trong danh mục {catalog_vi}, trạm theo danh mục đó. Tệp riêng chỉ được thêm thủ tục mà danh mục chưa có; sửa thủ tục thì sửa trong danh mục của tỉnh.",
        "Ignored the station's own catalog file {path}: procedure {procedure} is in the {catalog_en} catalog, which the station follows. An own file may only add a procedure the catalog lacks; a change to a procedure belongs in the province's catalog.",
    ),
}


class _Known(dict[str, Any]):
    """A parameter the raiser did not give reads "?": the rest of the message still fills."""

    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format_map(_Known(params))
    except (IndexError, ValueError):  # a format spec the stand-in cannot take
        return template


def error_text(error: StationError) -> tuple[str, str]:
    vi, en = ERRORS.get(error.code, ("Lỗi: {code}", "Error: {code}"))
    params = {"code": error.code.value, **error.params}
    return _fill(vi, params), _fill(en, params)


def warning_text(code: str, /, **params: Any) -> tuple[str, str]:
    vi, en = WARNINGS.get(code, (code, code))
    return _fill(vi, params), _fill(en, params)


SEPARATORS: dict[str, tuple[str, str]] = {
    "switched": (
        "Tờ phân cách: các trang sau thuộc thành phần {component}.",
        "Separator sheet: the pages after it go to component {component}.",
    ),
    "next": (
        "Tờ Patch T: các trang sau thuộc thành phần kế tiếp {component}.",
        "Patch T sheet: the pages after it go to the next component, {component}.",
    ),
    "back": (
        "Mặt sau tờ phân cách: không lưu.",
        "Back of the separator sheet: not stored.",
    ),
    "other_procedure": (
        "Tờ phân cách của thủ tục khác ({procedure}, {component}): bỏ qua, không đổi thành phần.",
        "Separator sheet for another procedure ({procedure}, {component}): ignored, the component is unchanged.",
    ),
    "unknown_component": (
        "Tờ phân cách ghi thành phần {component}, thủ tục của hồ sơ không có: bỏ qua.",
        "Separator sheet for component {component}, which the dossier's procedure lacks: ignored.",
    ),
    "no_next": (
        "Tờ Patch T sau thành phần cuối cùng: bỏ qua, không đổi thành phần.",
        "Patch T sheet after the last component: ignored, the component is unchanged.",
    ),
    "no_procedure": (
        "Tờ phân cách khi chưa mở hồ sơ: bỏ qua; hãy mở hồ sơ trước khi quét.",
        "Separator sheet with no dossier open: ignored; open the dossier before scanning.",
    ),
}


def separator_text(outcome: str, component: str | None, procedure: str) -> tuple[str, str]:
    """What a separator sheet in a batch did (app.separators.SeparatorOutcome values)."""
    vi, en = SEPARATORS.get(outcome, (outcome, outcome))
    params = {"component": component or "", "procedure": procedure}
    return _fill(vi, params), _fill(en, params)
