<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CasePicker</name>
    <message>
        <location filename="../../ui/dossier/cases.py" line="+48"/>
        <source>Cases</source>
        <translation>Trường hợp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One of</source>
        <translation>Chọn một</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>— not chosen —</source>
        <translation>— chưa chọn —</translation>
    </message>
</context>
<context>
    <name>CatalogUpdates</name>
    <message>
        <location filename="../../ui/window/catalog_updates.py" line="+58"/>
        <source>Procedure catalog updated: version %1. New dossiers use it; open dossiers keep the version they were opened under.</source>
        <translation>Danh mục thủ tục đã cập nhật: phiên bản %1. Hồ sơ mở từ bây giờ dùng phiên bản này; hồ sơ đang mở giữ phiên bản lúc mở.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Catalog: %1</source>
        <translation>Danh mục: %1</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>built-in</source>
        <translation>có sẵn trong trạm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 added here</source>
        <translation>%1 thủ tục thêm tại trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New dossiers are checked against this catalog.</source>
        <translation>Hồ sơ mới được kiểm tra theo danh mục này.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ignored: the station&apos;s own file %1 names procedure %2, which the catalog already holds; the station follows the catalog. A change belongs in the province&apos;s catalog.</source>
        <translation>Bỏ qua: tệp riêng của trạm %1 nêu thủ tục %2, thủ tục này đã có trong danh mục; trạm theo danh mục. Sửa thủ tục thì sửa trong danh mục của tỉnh.</translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <location filename="../../ui/tagging/checklist.py" line="+36"/>
        <source>Component</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>not requested</source>
        <translation>không yêu cầu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>result</source>
        <translation>kết quả</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Pages</source>
        <comment>short header</comment>
        <translation>Trang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The number key that tags the selected pages</source>
        <translation>Phím số gắn các trang đang chọn vào thành phần</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages tagged with the component</source>
        <translation>Số trang đã gắn vào thành phần</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No case chosen (%1): choose it above</source>
        <translation>Chưa chọn trường hợp (%1): hãy chọn ở trên</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The papers required depend on the case. Choose one under Cases in the dossier form:</source>
        <translation>Giấy tờ cần nộp tùy trường hợp. Chọn một trường hợp ở mục Trường hợp của biểu mẫu hồ sơ:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 or a note</source>
        <translation>%1 hoặc ghi nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or %1, or a note</source>
        <translation>hoặc %1, hoặc ghi nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or %1</source>
        <translation>hoặc %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional</source>
        <translation>không bắt buộc</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, unless the case ticked says the registry holds the data (%2)</source>
        <translation>%1, trừ khi đã đánh dấu dữ liệu có sẵn trong CSDL (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Either of %1 will do</source>
        <translation>Chỉ cần một trong %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The registry must not ask for this paper</source>
        <translation>Cơ quan không được yêu cầu nộp giấy tờ này</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued later by the agency, not needed at reception</source>
        <translation>Cơ quan cấp sau, không cần khi tiếp nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required component without pages</source>
        <translation>Thành phần bắt buộc chưa có trang nào</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Not tagged</source>
        <translation>Chưa gắn thành phần</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../../ui/window/closing.py" line="+45"/>
        <source>A scan is running. Stop it and close? The pages stored so far stay.</source>
        <translation>Đang quét. Dừng quét và đóng? Các trang đã lưu vẫn được giữ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Stop and keep the pages</source>
        <translation>Dừng và giữ các trang</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Files are being imported. Stop and close? The pages stored so far stay.</source>
        <translation>Đang nhập tệp. Dừng và đóng? Các trang đã lưu vẫn được giữ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier&apos;s PDF files are being built. Close once they are done?</source>
        <translation>Đang tạo các tệp PDF của hồ sơ. Đóng khi tạo xong?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close when done</source>
        <translation>Đóng khi xong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SoHoa Station</source>
        <translation>SoHoa Station</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep working</source>
        <translation>Tiếp tục làm việc</translation>
    </message>
</context>
<context>
    <name>DossierController</name>
    <message>
        <location filename="../../ui/dossier/controller.py" line="+113"/>
        <source>Dossier %1: choose its procedure; the pages scanned go with it</source>
        <translation>Hồ sơ %1: hãy chọn thủ tục; các trang đã quét sẽ vào hồ sơ này</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New dossier %1: choose its procedure</source>
        <translation>Hồ sơ mới %1: hãy chọn thủ tục</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>The card&apos;s QR code is not a citizen ID: nothing filled</source>
        <translation>Mã QR trên thẻ không phải của căn cước công dân: không điền gì</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ID number in the card&apos;s QR code fails the check: nothing filled</source>
        <translation>Số định danh trong mã QR của thẻ không hợp lệ: không điền gì</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ID card read: check it, then Enter to keep the name and ID number</source>
        <translation>Đã đọc thẻ căn cước: kiểm tra rồi nhấn Enter để lưu họ tên và số định danh</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date of birth: %1</source>
        <translation>Ngày sinh: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex: %1</source>
        <translation>Giới tính: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of residence: %1</source>
        <translation>Nơi thường trú: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued on: %1</source>
        <translation>Ngày cấp: %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Pages scanned without a dossier code: type or scan the code, choose the procedure, then Enter to keep them in that dossier</source>
        <translation>Các trang đã quét khi chưa có mã hồ sơ: hãy nhập hoặc quét mã, chọn thủ tục, rồi nhấn Enter để đưa các trang vào hồ sơ đó</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier %1 has no procedure yet: choose it, then Enter</source>
        <translation>Hồ sơ %1 chưa có thủ tục: hãy chọn thủ tục rồi nhấn Enter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pages are being scanned into %1: wait for the scan or cancel it (Esc)</source>
        <translation>Đang quét trang vào hồ sơ %1: hãy đợi quét xong hoặc hủy (Esc)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no procedure)</source>
        <translation>(chưa có thủ tục)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>received %1</source>
        <translation>tiếp nhận %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No dossier open. Scan the next dossier code.</source>
        <translation>Chưa mở hồ sơ nào. Hãy quét mã hồ sơ tiếp theo.</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/dossier/panel.py" line="+40"/>
        <source>Scan or type the dossier code, then Enter</source>
        <translation>Quét hoặc nhập mã hồ sơ rồi nhấn Enter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type to search: khai sinh, ket hon…</source>
        <translation>Gõ để tìm: khai sinh, kết hôn…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citizen ID, old ID or passport</source>
        <translation>CCCD, CMND hoặc hộ chiếu</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>Open dossier</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>Số giấy tờ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Complete dossier</source>
        <translation>Hoàn thiện hồ sơ</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/text.py" line="+22"/>
        <source>Unexpected error: %1</source>
        <translation>Lỗi ngoài dự kiến: %1</translation>
    </message>
</context>
<context>
    <name>FieldChecks</name>
    <message>
        <location filename="../../ui/dossier/field_checks.py" line="+25"/>
        <source>⚠ Not the standard shape …-YYMMDD-XXXX; check it, it is accepted anyway</source>
        <translation>⚠ Không theo dạng chuẩn …-YYMMDD-XXXX; hãy kiểm tra lại, vẫn được chấp nhận</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ The YYMMDD part is not a date; check it, it is accepted anyway</source>
        <translation>⚠ Phần YYMMDD không phải ngày hợp lệ; hãy kiểm tra lại, vẫn được chấp nhận</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>⚠ Not a citizen ID (12 digits), old ID (9 digits) or passport (letter and 7-8 digits)</source>
        <translation>⚠ Không giống CCCD (12 số), CMND (9 số) hay hộ chiếu (1 chữ cái và 7-8 số)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Citizen ID: %1 is not a province code; check the first three digits</source>
        <translation>⚠ CCCD: %1 không phải mã tỉnh; hãy kiểm tra ba số đầu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Citizen ID: born in %1 cannot be right; check digits 4 to 6</source>
        <translation>⚠ CCCD: năm sinh %1 không hợp lý; hãy kiểm tra chữ số thứ 4 đến 6</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>male</source>
        <translation>nam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>female</source>
        <translation>nữ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citizen ID · %1 · born %2 · %3</source>
        <translation>CCCD · %1 · sinh năm %2 · %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Old ID (CMND)</source>
        <translation>CMND cũ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport</source>
        <translation>Hộ chiếu</translation>
    </message>
</context>
<context>
    <name>FileDrops</name>
    <message>
        <location filename="../../ui/scan/file_drops.py" line="+46"/>
        <source>A scan or an import is under way: drop the files again when it has ended</source>
        <translation>Đang quét hoặc đang nhập tệp: hãy thả tệp lại khi việc đó xong</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not imported: %1 — only scans and documents (%2) can be dropped here</source>
        <translation>Không nhập: %1 — chỉ thả được bản quét và tài liệu (%2) vào đây</translation>
    </message>
</context>
<context>
    <name>FinishController</name>
    <message>
        <location filename="../../ui/finish/controller.py" line="+125"/>
        <source>Building the PDF files…</source>
        <translation>Đang tạo tệp PDF…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Building the PDF files… page %1 of %2</source>
        <translation>Đang tạo tệp PDF… trang %1/%2</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/people/first_run.py" line="+47"/>
        <location line="+9"/>
        <source>Set up this station</source>
        <translation>Thiết lập trạm</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Before the first dossier: name this station and choose its unit. The PDFs, the upload manifests and the figures carry them.</source>
        <translation>Trước hồ sơ đầu tiên: đặt tên trạm và chọn đơn vị. Các tệp PDF, bản kê gửi lên và số liệu thống kê đều ghi các thông tin này.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>e.g. Bộ phận một cửa xã Tân Phú</source>
        <translation>ví dụ: Bộ phận một cửa xã Tân Phú</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agency code, e.g. 000.00.14.H05</source>
        <translation>Mã đơn vị, ví dụ 000.00.14.H05</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Load the province&apos;s unit list…</source>
        <translation>&amp;Nạp danh mục đơn vị của tỉnh…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Only example units are loaded. Type your unit&apos;s agency code as the province gave it, or load the province&apos;s list.</source>
        <translation>⚠ Danh mục hiện chỉ có đơn vị ví dụ. Hãy nhập mã định danh đơn vị do tỉnh cấp, hoặc nạp danh mục đơn vị của tỉnh.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Commune</source>
        <translation>Cấp xã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Cấp tỉnh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station name</source>
        <translation>Tên trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit (agency code)</source>
        <translation>Đơn vị (mã định danh)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Level</source>
        <translation>Cấp</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save and start</source>
        <translation>Lưu và bắt đầu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First account (supervisor; add the clerks later)</source>
        <translation>Tài khoản đầu tiên (giám sát; thêm cán bộ sau)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The province&apos;s unit list</source>
        <translation>Danh mục đơn vị của tỉnh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit lists (*.json)</source>
        <translation>Danh mục đơn vị (*.json)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không khớp.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A user name has 1 to 64 letters, digits or . _ @ - (no spaces).</source>
        <translation>Tên đăng nhập gồm 1 đến 64 chữ cái không dấu, chữ số hoặc . _ @ - (không có khoảng trắng).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the person&apos;s full name.</source>
        <translation>Hãy ghi họ và tên của người dùng.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password needs at least %1 characters.</source>
        <translation>Mật khẩu cần ít nhất %1 ký tự.</translation>
    </message>
</context>
<context>
    <name>HubLoginDialog</name>
    <message>
        <location filename="../../ui/supervisor/hub_login.py" line="+15"/>
        <source>Province hub login</source>
        <translation>Đăng nhập máy chủ tỉnh</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your supervisor account on the province hub</source>
        <translation>Tài khoản giám sát của anh/chị trên máy chủ tỉnh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../ui/scan/importing.py" line="+80"/>
        <source>Import files</source>
        <translation>Nhập tệp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scans and documents (%1)</source>
        <translation>Bản quét và tài liệu (%1)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Importing %1 files… (Esc stops)</source>
        <translation>Đang nhập %1 tệp… (Esc để dừng)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Files: %1 of %2 · pages stored: %3</source>
        <translation>Tệp: %1/%2 · đã lưu %3 trang</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The first page carries no dossier code: open a dossier first, or import its receipt first</source>
        <translation>Trang đầu không có mã hồ sơ: hãy mở hồ sơ trước, hoặc nhập giấy tiếp nhận của hồ sơ trước</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Imported %1 pages</source>
        <translation>Đã nhập %1 trang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import stopped: %1 pages imported are kept</source>
        <translation>Đã dừng nhập: giữ %1 trang đã nhập</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 files not imported (listed above the pages)</source>
        <translation>%1 tệp không nhập được (danh sách ở phía trên các trang)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 files not imported: %2</source>
        <translation>%1 tệp không nhập được: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and %1 more: every reason is in the message box (Show Details)</source>
        <translation>… và %1 tệp nữa: lý do của từng tệp có trong hộp thông báo (Xem chi tiết)</translation>
    </message>
</context>
<context>
    <name>LargePaperDialog</name>
    <message>
        <location filename="../../ui/scan/large_paper.py" line="+84"/>
        <source>Paper larger than the scanner</source>
        <translation>Khổ giấy lớn hơn máy quét</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2) does not fit on the bed of %3 (%4). How should this sheet be digitized?</source>
        <translation>%1 (%2) không vừa mặt kính của %3 (%4). Số hóa tờ này theo cách nào?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan on %1</source>
        <translation>Quét trên %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole sheet as one %1 page, on a bed of %2</source>
        <translation>Cả tờ thành một trang %1, trên mặt kính %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a file of this sheet… (Ctrl+I)</source>
        <translation>Nhập tệp của tờ này… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sheet already scanned elsewhere, as a PDF, TIFF, JPEG or PNG file</source>
        <translation>Tờ đã được quét ở nơi khác, thành tệp PDF, TIFF, JPEG hoặc PNG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 overlapping parts laid on the glass one by one, assembled into one %2 page at true scale</source>
        <translation>%1 phần chồng lên nhau, lần lượt đặt lên mặt kính, ghép thành một trang %2 đúng tỉ lệ thật</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan in parts on %1</source>
        <translation>Quét từng phần trên %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(Enter)</source>
        <translation>(Enter)</translation>
    </message>
</context>
<context>
    <name>LargePaperFlow</name>
    <message>
        <location line="+43"/>
        <source>Looking for a scanner that takes %1…</source>
        <translation>Đang tìm máy quét nhận được khổ %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ready: %1</source>
        <translation>Sẵn sàng: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/supervisor/login.py" line="+33"/>
        <source>Supervisor login</source>
        <translation>Đăng nhập giám sát</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The supervisor screen shows every clerk&apos;s figures. Log in with a supervisor account.</source>
        <translation>Màn hình giám sát hiển thị số liệu của mọi cán bộ. Hãy đăng nhập bằng tài khoản giám sát.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Wrong user name or password.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account is disabled. Ask the station&apos;s administrator.</source>
        <translation>Tài khoản này đã bị khóa. Hãy liên hệ người quản trị trạm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is a clerk account: only a supervisor account can open the supervisor screen.</source>
        <translation>Đây là tài khoản cán bộ tiếp nhận: chỉ tài khoản giám sát mới được mở màn hình giám sát.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station has no supervisor account yet. Create one with: sohoa accounts add USER --name &quot;FULL NAME&quot; --role supervisor</source>
        <translation>Trạm chưa có tài khoản giám sát. Hãy tạo bằng lệnh: sohoa accounts add TÊN_ĐĂNG_NHẬP --name &quot;HỌ TÊN&quot; --role supervisor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login refused (%1).</source>
        <translation>Không đăng nhập được (%1).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/main_window.py" line="+101"/>
        <source>Finish dossier (Ctrl+Shift+F)</source>
        <translation>Hoàn tất hồ sơ (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Components</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>Thu nhỏ (-, Ctrl+cuộn chuột)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page (Ctrl+0)</source>
        <translation>Vừa trang (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Phóng to (+, Ctrl+cuộn chuột)</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>New pages: not tagged</source>
        <translation>Trang mới: chưa gắn thành phần</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New pages go to: %1</source>
        <translation>Trang mới vào: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 blank back sides skipped — restore them (Ctrl+Shift+B)</source>
        <translation>bỏ qua %1 mặt sau trắng — khôi phục (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No dossier is open on this station</source>
        <translation>Không có hồ sơ nào đang mở trên máy này</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open a dossier first: scan or type its code.</source>
        <translation>Hãy mở hồ sơ trước: quét hoặc nhập mã hồ sơ.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a dossier first: the first sheet carries no dossier code, so nothing was kept. Put the sheet that went through back on top of the feeder, then scan or type the dossier&apos;s code (or put its receipt on top).</source>
        <translation>Hãy mở hồ sơ trước: tờ đầu tiên không có mã hồ sơ nên không có trang nào được giữ lại. Hãy đặt lại tờ vừa chạy qua lên trên cùng khay nạp giấy, rồi quét hoặc nhập mã hồ sơ (hoặc đặt giấy tiếp nhận lên trên cùng).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a dossier first: the page on the glass carries no dossier code, so nothing was kept. Scan or type the dossier&apos;s code, or put its receipt on the glass.</source>
        <translation>Hãy mở hồ sơ trước: trang trên mặt kính không có mã hồ sơ nên không có trang nào được giữ lại. Hãy quét hoặc nhập mã hồ sơ, hoặc đặt giấy tiếp nhận lên mặt kính.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dossier %1 finished — %2</source>
        <translation>Hồ sơ %1 đã hoàn tất — %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SoHoa Station</source>
        <translation>SoHoa Station</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SoHoa Station — Digitization station</source>
        <translation>SoHoa Station — Trạm số hóa</translation>
    </message>
    <message>
        <location line="-413"/>
        <source>Open dossiers</source>
        <translation>Hồ sơ đang mở</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../ui/window/menus.py" line="+77"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel scan or import</source>
        <translation>Hủy quét hoặc nhập tệp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finish dossier</source>
        <translation>Hoàn tất hồ sơ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry failed uploads</source>
        <translation>Gửi lại các hồ sơ lỗi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisor screen…</source>
        <translation>Màn hình giám sát…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next dossier</source>
        <translation>Hồ sơ tiếp theo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open dossiers list</source>
        <translation>Danh sách hồ sơ đang mở</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hand over result…</source>
        <translation>Trả kết quả…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import files…</source>
        <translation>Nhập tệp…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print separator sheets…</source>
        <translation>In tờ phân cách…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Scan</source>
        <translation>&amp;Quét</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore skipped blank back sides</source>
        <translation>Khôi phục các mặt sau trắng đã bỏ qua</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Pages</source>
        <translation>&amp;Trang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag selected pages</source>
        <translation>Gắn thành phần cho trang đã chọn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Component for new pages</source>
        <translation>Thành phần cho trang mới</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group pages by component</source>
        <translation>Nhóm trang theo thành phần</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Reports</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../ui/banner.py" line="+34"/>
        <source>Dismiss this warning (Esc, Ctrl+Shift+X)</source>
        <translation>Tắt cảnh báo này (Esc, Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dismiss the warning above the pages</source>
        <translation>Tắt cảnh báo phía trên các trang</translation>
    </message>
</context>
<context>
    <name>OpenDossiers</name>
    <message>
        <location filename="../../ui/dossier/panel.py" line="+100"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
</context>
<context>
    <name>PageActions</name>
    <message>
        <location filename="../../ui/pages/actions.py" line="+38"/>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move earlier</source>
        <translation>Chuyển lên trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move later</source>
        <translation>Chuyển ra sau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-crop…</source>
        <translation>Cắt lại…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo processing</source>
        <translation>Bỏ xử lý ảnh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process again (pages not processed)</source>
        <translation>Xử lý lại (trang chưa xử lý được)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annotated copy of the previous page</source>
        <translation>Bản có ghi chú của trang trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan and replace</source>
        <translation>Quét lại và thay thế</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept the suggested component</source>
        <translation>Nhận thành phần được gợi ý</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo %1</source>
        <translation>Hoàn tác %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rotate</source>
        <translation>xoay</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delete</source>
        <translation>xóa</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <source>tag</source>
        <translation>gắn thành phần</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+10"/>
        <source>mark</source>
        <translation>đánh dấu</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Assign to component</source>
        <translation>Gắn vào thành phần</translation>
    </message>
</context>
<context>
    <name>PageDelegate</name>
    <message>
        <location filename="../../ui/pages/view.py" line="+92"/>
        <source>Processing</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not processed</source>
        <translation>Chưa xử lý được</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>rescan %1 dpi</source>
        <translation>quét lại %1 dpi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dpi?</source>
        <translation>dpi?</translation>
    </message>
</context>
<context>
    <name>PageListModel</name>
    <message>
        <location filename="../../ui/pages/model.py" line="+50"/>
        <source>Rescan: %1 dpi is below the %2 dpi the rules ask for</source>
        <translation>Cần quét lại: %1 dpi thấp hơn mức %2 dpi theo quy định</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolution guessed (%1 dpi); the file claimed %2 dpi</source>
        <translation>Độ phân giải là ước đoán (%1 dpi); tệp ghi %2 dpi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolution guessed (%1 dpi): the file did not say</source>
        <translation>Độ phân giải là ước đoán (%1 dpi): tệp không ghi</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Processing: straightening and cropping are not done yet</source>
        <translation>Đang xử lý: trang chưa được làm thẳng và cắt lề</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not be processed — rescan? It shows as scanned; Ctrl+E tries the processing again</source>
        <translation>Chưa xử lý được — quét lại? Trang đang hiện như lúc quét; Ctrl+E để thử xử lý lại</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>not tagged</source>
        <translation>chưa gắn thành phần</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page %1 — %2 — %3 dpi</source>
        <translation>Trang %1 — %2 — %3 dpi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suggested from its title: %1 (Enter accepts)</source>
        <translation>Gợi ý theo tiêu đề: %1 (Enter để nhận)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Annotated copy of the next page</source>
        <translation>Bản có ghi chú của trang kế tiếp</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../ui/stitch/paper_dialog.py" line="+24"/>
        <source>Stitch into one sheet</source>
        <translation>Ghép thành một tờ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The %1 selected pages become one page of this paper at true scale, in their place. They are kept as its parts, so it can be separated again.</source>
        <translation>%1 trang đã chọn trở thành một trang khổ giấy này, đúng tỉ lệ thật, ở chỗ của chúng. Các trang được giữ làm các phần của nó, nên có thể tách ra lại.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Paper</source>
        <translation>&amp;Khổ giấy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stitch</source>
        <translation>Ghép</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>PartsDialog</name>
    <message>
        <location filename="../../ui/stitch/dialog.py" line="+32"/>
        <source>Scan in parts</source>
        <translation>Quét từng phần</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>scanner options: name=value …</source>
        <translation>tùy chọn máy quét: tên=giá trị …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scan this part (F5)</source>
        <translation>Quét phần này (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take back the last part</source>
        <translation>Bỏ phần vừa quét</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assemble the sheet (Ctrl+Enter)</source>
        <translation>Ghép thành tờ (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Where the next part goes</source>
        <translation>Vị trí của phần tiếp theo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet as assembled so far</source>
        <translation>Tờ đã ghép đến lúc này</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scanner options</source>
        <translation>Tùy chọn máy quét</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No part yet</source>
        <translation>Chưa có phần nào</translation>
    </message>
</context>
<context>
    <name>PartsFlow</name>
    <message>
        <location filename="../../ui/stitch/flow.py" line="+134"/>
        <source>%1 (%2×%3 mm) is larger than the bed (%4×%5 mm): it is scanned in %6 parts, %7 across and %8 down, each overlapping its neighbours by at least a fifth. Parts may come in any order, turned or shifted.</source>
        <translation>%1 (%2×%3 mm) lớn hơn mặt kính (%4×%5 mm): tờ được quét thành %6 phần, %7 theo chiều ngang và %8 theo chiều dọc, mỗi phần chồng lên phần bên cạnh ít nhất một phần năm. Có thể đặt các phần theo thứ tự bất kỳ, xoay hoặc lệch.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Lay part %1 of %2 on the glass where the drawing shows it (orange), then press F5.</source>
        <translation>Đặt phần %1/%2 lên mặt kính đúng chỗ hình vẽ chỉ (màu cam), rồi bấm F5.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All %1 parts are in. Press Ctrl+Enter to assemble the sheet.</source>
        <translation>Đã đủ %1 phần. Bấm Ctrl+Enter để ghép thành tờ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The parts cover the whole sheet. Press Ctrl+Enter to assemble it.</source>
        <translation>Các phần đã phủ kín tờ giấy. Bấm Ctrl+Enter để ghép thành tờ.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>This part overlaps none of the parts scanned so far, so it was not used. Lay it so it shares at least a fifth of its paper with a part already scanned (or check it belongs to this sheet), then press F5 again.</source>
        <translation>Phần này không chồng lên phần nào đã quét nên không được dùng. Hãy đặt sao cho nó trùng ít nhất một phần năm với một phần đã quét (hoặc xem nó có thuộc tờ này không), rồi bấm F5 lại.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Part %1 received and placed.</source>
        <translation>Đã nhận phần %1 và đặt đúng chỗ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part %1</source>
        <translation>Phần %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Assembling the sheet at full resolution…</source>
        <translation>Đang ghép tờ ở độ phân giải đầy đủ…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>assemble parts</source>
        <translation>ghép các phần</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <location filename="../../ui/people/controller.py" line="+78"/>
        <source>Lock screen</source>
        <translation>Khóa màn hình</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Clerk</source>
        <translation>&amp;Cán bộ</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Clerk: %1</source>
        <translation>Cán bộ: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Wait for the scan or the finish to end.</source>
        <translation>Hãy chờ quét hoặc hoàn tất hồ sơ xong.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Locked by %1</source>
        <translation>Đã khóa bởi %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SoHoa Station — sign in</source>
        <translation>SoHoa Station — đăng nhập</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/finish/signing.py" line="+26"/>
        <source>Digital signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate file: %1</source>
        <translation>Tệp chứng thư số: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of the certificate file</source>
        <translation>Mật khẩu của tệp chứng thư số</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token: %1</source>
        <translation>Thiết bị ký (token): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN of the token</source>
        <translation>Mã PIN của token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every file of this dossier will be signed with your digital signature.</source>
        <translation>Mọi tệp của hồ sơ này sẽ được ký bằng chữ ký số của bạn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is asked once per shift and kept in memory only.</source>
        <translation>Chỉ hỏi một lần mỗi ca và chỉ giữ trong bộ nhớ.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign and finish</source>
        <translation>Ký và hoàn tất</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ProcedureTrust</name>
    <message>
        <location filename="../../ui/dossier/trust.py" line="+40"/>
        <source>⚠ Expired: this entry applied until %1</source>
        <translation>⚠ Hết hiệu lực: mục này áp dụng đến %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ Not in force yet: this entry applies from %1</source>
        <translation>⚠ Chưa có hiệu lực: mục này áp dụng từ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Unverified: the papers may differ from the law in force</source>
        <translation>⚠ Chưa đối chiếu: giấy tờ có thể khác quy định hiện hành</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entry %1 was not checked against the legal text or the province&apos;s list.</source>
        <translation>Thủ tục %1 chưa được đối chiếu với văn bản pháp luật hay danh mục công bố của tỉnh.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Applies: %1 to %2</source>
        <translation>Áp dụng: từ %1 đến %2</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/finish/dialog.py" line="+37"/>
        <source>Dossier finished</source>
        <translation>Đã hoàn tất hồ sơ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier %1 is finished.</source>
        <translation>Hồ sơ %1 đã hoàn tất.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Component</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 files, %2 pages, %3</source>
        <translation>%1 tệp, %2 trang, %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finished without required components. Reason: %1</source>
        <translation>Hoàn tất khi thiếu thành phần bắt buộc. Lý do: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every file is signed by %1.</source>
        <translation>Mọi tệp đã được ký số bởi %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files are not signed (digital signature not set up).</source>
        <translation>Các tệp chưa được ký số (chưa thiết lập chữ ký số).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Procedure: %1</source>
        <translation>Thủ tục: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases: %1</source>
        <translation>Trường hợp: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built-in (%1)</source>
        <translation>mặc định (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built-in</source>
        <translation>mặc định</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Catalog version: %1</source>
        <translation>Phiên bản danh mục: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing:</source>
        <translation>Còn thiếu:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>one of: %1</source>
        <translation>một trong: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation> hoặc </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no case chosen among: %1</source>
        <translation>chưa chọn trường hợp nào trong: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two cases of one kind chosen: %1</source>
        <translation>chọn hai trường hợp cùng nhóm: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown case: %1</source>
        <translation>trường hợp không có: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not queued for upload: %1</source>
        <translation>Chưa xếp vào hàng chờ gửi: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not sent: sync not configured (sohoa sync login). %1 file(s) stay queued.</source>
        <translation>Chưa gửi: chưa cấu hình đồng bộ (sohoa sync login). %1 tệp vẫn nằm trong hàng chờ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queued for upload: %1 files</source>
        <translation>Đã xếp vào hàng chờ gửi: %1 tệp</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ReceiptNotice</name>
    <message>
        <location filename="../../ui/scan/receipt_notice.py" line="+19"/>
        <source>New dossier from the receipt: %1; choose its procedure</source>
        <translation>Hồ sơ mới từ giấy tiếp nhận: %1; hãy chọn thủ tục</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier from the receipt: %1</source>
        <translation>Hồ sơ theo giấy tiếp nhận: %1</translation>
    </message>
</context>
<context>
    <name>ResultEdits</name>
    <message>
        <location filename="../../ui/results/edits.py" line="+44"/>
        <source>tag</source>
        <translation>gắn thành phần</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delete</source>
        <translation>xóa</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>rotate</source>
        <translation>xoay</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../../ui/results/screen.py" line="+50"/>
        <source>Hand over result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Dossier code, then Enter</source>
        <translation>Mã hồ sơ, rồi nhấn Enter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan (F5)</source>
        <translation>Quét (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finish result (Ctrl+Enter)</source>
        <translation>Hoàn tất kết quả (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age (days)</source>
        <translation>Số ngày chờ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent to the province</source>
        <translation>Đã gửi lên tỉnh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result components (number keys choose)</source>
        <translation>Thành phần kết quả (chọn bằng phím số)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Results awaiting scan (oldest first)</source>
        <translation>Kết quả chờ số hóa (cũ nhất trước)</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Result %1 (%2): %3</source>
        <translation>Kết quả %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dossier as received, %1 file(s): %2</source>
        <translation>Hồ sơ khi tiếp nhận, %1 tệp: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sent %1</source>
        <translation>đã gửi %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed: %1</source>
        <translation>lỗi: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not queued (sohoa sync enqueue queues it)</source>
        <translation>chưa vào hàng đợi (lệnh sohoa sync enqueue sẽ đưa vào)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent by the station that received it, %1</source>
        <translation>đã được trạm tiếp nhận gửi, %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>queued</source>
        <translation>đang chờ gửi</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>The PDF carries no signature, so it is signed with your key: it was not imported without the PIN.</source>
        <translation>Tệp PDF chưa có chữ ký nên sẽ được ký bằng khóa của bạn: chưa nhập vì không có mã PIN.</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Result pages (Del deletes, R / Shift+R rotate, Ctrl+Z undoes)</source>
        <translation>Trang kết quả (Del xóa, R / Shift+R xoay, Ctrl+Z hoàn tác)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Selected page</source>
        <translation>Trang đang chọn</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 — procedure %2, received %3 (Esc closes it)</source>
        <translation>%1 — thủ tục %2, tiếp nhận %3 (Esc để đóng)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>digitized: %1</source>
        <translation>đã số hóa: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new pages go here</source>
        <translation>trang mới vào đây</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awaiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No dossier open: type its code, or scan (F5) or import (Ctrl+I) its receipt; the receipt&apos;s QR or barcode opens the dossier and is not kept as a result page.</source>
        <translation>Chưa mở hồ sơ: nhập mã hồ sơ, hoặc quét (F5) hay nhập tệp (Ctrl+I) giấy tiếp nhận; mã QR hoặc mã vạch trên giấy tiếp nhận mở hồ sơ, và giấy này không được lưu làm trang kết quả.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import receipt… (Ctrl+I)</source>
        <translation>Nhập giấy tiếp nhận… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import PDF… (Ctrl+I)</source>
        <translation>Nhập tệp PDF… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Z: undo %1</source>
        <translation>Ctrl+Z: hoàn tác %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The receipt carries no dossier code: scan the receipt again on top of the result, or type the dossier code.</source>
        <translation>Giấy tiếp nhận không có mã hồ sơ: hãy quét lại với giấy tiếp nhận đặt trên cùng tập kết quả, hoặc nhập mã hồ sơ.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Result digitized: %1</source>
        <translation>Đã số hóa kết quả: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Receipt</source>
        <translation>Giấy tiếp nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scans and documents (%1)</source>
        <translation>Bản quét và tài liệu (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Electronic result</source>
        <translation>Kết quả điện tử</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <location filename="../../ui/supervisor/saving.py" line="+28"/>
        <source>CSV for Excel in Vietnamese, ; separated (*.csv)</source>
        <translation>CSV (Excel tiếng Việt, dấu ;) (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV, comma separated (*.csv)</source>
        <translation>CSV (dấu ,) (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <location filename="../../ui/scan/controller.py" line="+120"/>
        <source>Looking for scanners…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+56"/>
        <source>No scanner found</source>
        <translation>Không tìm thấy máy quét</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+145"/>
        <source>Ready: %1</source>
        <translation>Sẵn sàng: %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Scanner unavailable</source>
        <translation>Máy quét không sẵn sàng</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Sheet assembled: one %1 page from its parts (Ctrl+Z gives the parts back)</source>
        <translation>Đã ghép tờ: một trang %1 từ các phần (Ctrl+Z để lấy lại các phần)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+19"/>
        <location line="+10"/>
        <source>Pages received: %1</source>
        <translation>Đã nhận: %1 trang</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Scanning…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scanning sheet %1 (%2)</source>
        <translation>Đang quét tờ %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front</source>
        <translation>mặt trước</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>back</source>
        <translation>mặt sau</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The first page carries no dossier code: open a dossier first, or scan its receipt first</source>
        <translation>Trang đầu không có mã hồ sơ: hãy mở hồ sơ trước, hoặc quét giấy tiếp nhận của hồ sơ trước</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scanner error</source>
        <translation>Lỗi máy quét</translation>
    </message>
</context>
<context>
    <name>ScanControls</name>
    <message>
        <location filename="../../ui/scan/controls.py" line="+45"/>
        <source>Auto (whole bed)</source>
        <translation>Tự động (cả mặt kính)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Custom size…</source>
        <translation>Khổ tùy chọn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>width x height mm</source>
        <translation>rộng x cao (mm)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+57"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Grayscale</source>
        <translation>Thang xám</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black and white</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeder (ADF)</source>
        <translation>Khay nạp giấy (ADF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeder, both sides</source>
        <translation>Khay nạp, hai mặt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Standard</source>
        <translation>Tiêu chuẩn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lossless (archive)</source>
        <translation>Không nén mất dữ liệu (lưu trữ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card</source>
        <translation>Thẻ căn cước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As scanned</source>
        <translation>Giữ nguyên bản quét</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>scanner options: name=value …</source>
        <translation>tùy chọn máy quét: tên=giá trị …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan (F5)</source>
        <translation>Quét (F5)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel (Esc)</source>
        <translation>Dừng (Esc)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P&amp;aper</source>
        <translation>&amp;Khổ giấy</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Options</source>
        <translation>Tùy chọ&amp;n</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Resolution (dpi)</source>
        <translation>Độ phân giải (dpi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Nguồn giấy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Hồ sơ xử lý</translation>
    </message>
</context>
<context>
    <name>SeparatorSheetsFlow</name>
    <message>
        <location filename="../../ui/scan/separator_sheets.py" line="+49"/>
        <source>No procedure to print separator sheets for: open a dossier that has one, or choose a procedure in the list</source>
        <translation>Chưa có thủ tục để in tờ phân cách: hãy mở một hồ sơ đã có thủ tục, hoặc chọn thủ tục trong danh sách</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the separator sheets of %1</source>
        <translation>Lưu tờ phân cách của thủ tục %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing the separator sheets…</source>
        <translation>Đang tạo tờ phân cách…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 separator sheets saved to %2: print them from the viewer</source>
        <translation>Đã lưu %1 tờ phân cách vào %2: hãy in từ trình xem</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="+67"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 000.00.15.H29</source>
        <translation>ví dụ: 000.00.15.H29</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commune</source>
        <translation>Xã (phường, đặc khu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Tỉnh (thành phố)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Station name</source>
        <translation>Tên trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency code</source>
        <translation>Mã cơ quan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Cấp</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+102"/>
        <source>Data directory</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Default profile</source>
        <translation>Hồ sơ xử lý mặc định</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip blank back sides
of duplex scans with</source>
        <translation>Bỏ qua mặt sau trắng
khi quét hai mặt với</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text recognition (OCR)</source>
        <translation>Nhận dạng chữ (OCR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerks sign in by picking their name (no password)</source>
        <translation>Cán bộ đăng nhập bằng cách chọn tên mình (không cần mật khẩu)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlock with a supervisor&apos;s password…</source>
        <translation>Mở khóa bằng mật khẩu của giám sát…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a supervisor changes the station&apos;s name, agency code, level and how clerks sign in.</source>
        <translation>Chỉ giám sát mới được đổi tên trạm, mã cơ quan, cấp và cách cán bộ đăng nhập.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A new data directory or language takes effect at the next start.</source>
        <translation>Thư mục dữ liệu hoặc ngôn ngữ mới có hiệu lực từ lần khởi động sau.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Read the pages: component suggestions and searchable PDFs</source>
        <translation>Đọc chữ trên trang: gợi ý thành phần và PDF tìm kiếm được</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <location filename="../../ui/window/settings.py" line="+65"/>
        <source>Only a supervisor changes the station&apos;s identity and how clerks sign in. Log in with a supervisor account.</source>
        <translation>Chỉ giám sát mới được đổi thông tin nhận diện của trạm và cách cán bộ đăng nhập. Hãy đăng nhập bằng tài khoản giám sát.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a clerk account: only a supervisor account can change the station&apos;s identity or how clerks sign in.</source>
        <translation>Đây là tài khoản cán bộ: chỉ tài khoản giám sát mới được đổi thông tin nhận diện của trạm hoặc cách cán bộ đăng nhập.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Saved. The new language or data directory applies at the next start.</source>
        <translation>Đã lưu. Ngôn ngữ hoặc thư mục dữ liệu mới có hiệu lực từ lần khởi động sau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../ui/pages/sheets.py" line="+55"/>
        <source>Separate into its scanned parts</source>
        <translation>Tách thành các phần đã quét</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stitch the selected pages into one sheet…</source>
        <translation>Ghép các trang đã chọn thành một tờ…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>separate into parts</source>
        <translation>tách thành các phần</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page %1 is its %2 scanned parts again (Ctrl+Z stitches them back)</source>
        <translation>Trang %1 đã tách lại thành %2 phần đã quét (Ctrl+Z để ghép lại)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Stitching the %1 sheet…</source>
        <translation>Đang ghép tờ %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stitching %1 pages into one %2 sheet…</source>
        <translation>Đang ghép %1 trang thành một tờ %2…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>stitch</source>
        <translation>ghép trang</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 pages stitched into one %2 page (Ctrl+Z separates them again)</source>
        <translation>Đã ghép %1 trang thành một trang %2 (Ctrl+Z để tách lại)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The pages were not stitched</source>
        <translation>Chưa ghép được các trang</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>ShortcutsOverlay</name>
    <message>
        <location filename="../../ui/window/shortcuts.py" line="+46"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Command</source>
        <translation>Lệnh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/people/sign_in.py" line="+32"/>
        <location line="+36"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Supervisors sign in with their password:</source>
        <translation>Giám sát đăng nhập bằng mật khẩu của mình:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The window is locked (%1). Sign in to go on.</source>
        <translation>Cửa sổ đang khóa (%1). Đăng nhập để tiếp tục.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in to work at this station.</source>
        <translation>Đăng nhập để làm việc tại trạm này.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Wrong user name or password.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account is disabled. Ask the station&apos;s administrator.</source>
        <translation>Tài khoản này đã bị khóa. Hãy hỏi người quản trị trạm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in refused (%1).</source>
        <translation>Không đăng nhập được (%1).</translation>
    </message>
</context>
<context>
    <name>StatusController</name>
    <message>
        <location filename="../../ui/status.py" line="+38"/>
        <source>Scanner: …</source>
        <translation>Máy quét: …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload: …</source>
        <translation>Gửi hồ sơ: …</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Scanner: %1</source>
        <translation>Máy quét: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pages today: %1</source>
        <translation>Hôm nay: %1 trang</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Recovered %1 pages of dossier %2 stored before the station stopped</source>
        <translation>Đã khôi phục %1 trang của hồ sơ %2 lưu trước khi trạm dừng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recovered %1 pages of dossiers %2 stored before the station stopped</source>
        <translation>Đã khôi phục %1 trang của các hồ sơ %2 lưu trước khi trạm dừng</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 still being processed</source>
        <translation>%1 trang đang chờ xử lý</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be processed (marked ⚠ in the page grid)</source>
        <translation>%1 trang chưa xử lý được (đánh dấu ⚠ trong lưới trang)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all processed</source>
        <translation>đã xử lý xong</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 files or folders of the data directory can be read by other users of this computer; run &apos;sohoa check&apos; for the list</source>
        <translation>%1 tệp hoặc thư mục trong thư mục dữ liệu mà người dùng khác của máy này đọc được; chạy &apos;sohoa check&apos; để xem danh sách</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The data folder could not be closed to other users of this computer (icacls failed); citizens&apos; data may be readable by them</source>
        <translation>Không giới hạn được quyền truy cập thư mục dữ liệu cho riêng tài khoản này (icacls lỗi); người dùng khác của máy có thể đọc dữ liệu công dân</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../ui/finish/summary.py" line="+32"/>
        <source>Finish dossier %1</source>
        <translation>Hoàn tất hồ sơ %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Component</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 pages in %2 files; %3 already encoded.</source>
        <translation>%1 trang trong %2 tệp; %3 trang đã mã hóa sẵn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 pages have no component: tag them first.</source>
        <translation>%1 trang chưa gán thành phần: hãy gán trước.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No case chosen in group %1: the papers it needs are unknown. Choose the case in the dossier form, or give a reason.</source>
        <translation>Chưa chọn trường hợp trong nhóm %1: chưa biết cần giấy tờ nào. Hãy chọn trường hợp ở biểu mẫu hồ sơ, hoặc ghi lý do.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Required components without pages:</source>
        <translation>Thành phần bắt buộc chưa có trang:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>To finish anyway, the reason (kept with the dossier)</source>
        <translation>Để vẫn hoàn tất, ghi lý do (lưu cùng hồ sơ)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finish anyway (Enter)</source>
        <translation>Vẫn hoàn tất (Enter)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish (Enter)</source>
        <translation>Hoàn tất (Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back (Esc)</source>
        <translation>Quay lại (Esc)</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../../ui/supervisor/wording.py" line="+21"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+78"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Pages per hour</source>
        <translation>Trang mỗi giờ</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+77"/>
        <source>Dossiers finished</source>
        <translation>Hồ sơ hoàn tất</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Pages per dossier</source>
        <translation>Trang mỗi hồ sơ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First page to upload, median (min)</source>
        <translation>Từ trang đầu đến khi gửi, trung vị (phút)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First page to upload, p90 (min)</source>
        <translation>Từ trang đầu đến khi gửi, P90 (phút)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>Upload failures</source>
        <translation>Lần gửi lỗi</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Rescans per 100 pages</source>
        <translation>Quét lại trên 100 trang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes per 100 pages</source>
        <translation>Xóa trên 100 trang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers received</source>
        <translation>Hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers digitized</source>
        <translation>Hồ sơ đã số hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitization rate (%)</source>
        <translation>Tỷ lệ số hóa (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Electronic results (%)</source>
        <translation>Tỷ lệ kết quả điện tử (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results awaiting scan</source>
        <translation>Kết quả chờ quét</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper size</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share (%)</source>
        <translation>Tỷ lệ (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers waiting to upload</source>
        <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest waiting dossier</source>
        <translation>Hồ sơ chờ lâu nhất</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished at</source>
        <translation>Hoàn tất lúc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not queued</source>
        <translation>Chưa đưa vào hàng đợi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files queued</source>
        <translation>Tệp đang chờ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files uploading</source>
        <translation>Tệp đang gửi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files failed</source>
        <translation>Tệp gửi lỗi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By station</source>
        <translation>Theo trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By clerk</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By day</source>
        <translation>Theo ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper sizes</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload queue</source>
        <translation>Hàng đợi gửi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerk</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(unknown)</source>
        <translation>(không rõ)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Day %1</source>
        <translation>Ngày %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From %1 to %2</source>
        <translation>Từ %1 đến %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Digitization rate</source>
        <translation>Tỷ lệ số hóa</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting to upload</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing waiting to upload.</source>
        <translation>Không có hồ sơ nào chờ gửi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Oldest waiting: %1, finished %2</source>
        <translation>Chờ lâu nhất: %1, hoàn tất lúc %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pages stored in the period (page_stored events).</source>
        <translation>Số trang lưu trong kỳ (sự kiện page_stored).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages ÷ hours in which at least one page was stored.</source>
        <translation>Số trang ÷ số giờ có ít nhất một trang được lưu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossiers finished in the period.</source>
        <translation>Số hồ sơ hoàn tất trong kỳ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages of the finished dossiers ÷ dossiers finished.</source>
        <translation>Số trang của các hồ sơ hoàn tất ÷ số hồ sơ hoàn tất.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Median of (hub confirmed the upload − first page stored), minutes.</source>
        <translation>Trung vị của (lúc máy chủ tỉnh xác nhận − lúc lưu trang đầu tiên), tính bằng phút.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>90th percentile of (upload confirmed − first page stored), minutes.</source>
        <translation>Phân vị 90 của (lúc xác nhận gửi lên − lúc lưu trang đầu tiên), tính bằng phút.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload attempts the hub refused or that failed.</source>
        <translation>Số lần gửi lên bị máy chủ từ chối hoặc bị lỗi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>100 × pages rescanned (not undone) ÷ pages stored.</source>
        <translation>100 × số trang quét lại (không hoàn tác) ÷ số trang lưu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>100 × pages deleted (not undone) ÷ pages stored.</source>
        <translation>100 × số trang xóa (không hoàn tác) ÷ số trang lưu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossiers received in the period (by receipt date, NgayTiepNhan).</source>
        <translation>Số hồ sơ tiếp nhận trong kỳ (theo ngày tiếp nhận, NgayTiepNhan).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received dossiers with a file for a submitted component and, when the procedure returns a paper result, a file for a result component.</source>
        <translation>Hồ sơ đã tiếp nhận có tệp cho một thành phần hồ sơ nộp và, khi thủ tục trả kết quả giấy, có tệp cho một thành phần kết quả.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KPI 4.2 = 100 × dossiers digitized ÷ dossiers received, by receipt date. A dossier whose result is on paper counts only once its result is scanned too; 0 received: —.</source>
        <translation>Chỉ tiêu 4.2 = 100 × số hồ sơ đã số hóa ÷ số hồ sơ tiếp nhận, theo ngày tiếp nhận. Hồ sơ có kết quả giấy chỉ được tính khi kết quả cũng đã được quét; không có hồ sơ tiếp nhận: —.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KPI 4.1 = 100 × dossiers with an electronic result ÷ received dossiers whose procedure returns a result.</source>
        <translation>Chỉ tiêu 4.1 = 100 × số hồ sơ có kết quả điện tử ÷ số hồ sơ tiếp nhận có thủ tục trả kết quả.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>100 × pages of this size ÷ pages stored.</source>
        <translation>100 × số trang khổ giấy này ÷ số trang lưu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished dossiers the hub has not confirmed yet.</source>
        <translation>Hồ sơ đã hoàn tất mà máy chủ tỉnh chưa xác nhận.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished dossiers whose paper result is not scanned yet.</source>
        <translation>Hồ sơ đã hoàn tất mà kết quả giấy chưa được quét.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report.py" line="+20"/>
        <source>Dossier digitization report</source>
        <translation>Báo cáo số hóa hồ sơ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pages per day</source>
        <translation>Số trang mỗi ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitization rate per day (%)</source>
        <translation>Tỷ lệ số hóa mỗi ngày (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target 80 %</source>
        <translation>Mục tiêu 80 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1 of %2</source>
        <translation>Trang %1/%2</translation>
    </message>
</context>
<context>
    <name>SupervisorController</name>
    <message>
        <location filename="../../ui/supervisor/controller.py" line="+233"/>
        <source>Target 80 %</source>
        <translation>Mục tiêu 80 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — updated %2 — logged in: %3</source>
        <translation>%1 — cập nhật lúc %2 — người đăng nhập: %3</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Generated %1 by %2</source>
        <translation>Lập lúc %1, người lập: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <location filename="../../ui/supervisor/window.py" line="+47"/>
        <source>Supervisor — figures and digitization rate</source>
        <translation>Giám sát — số liệu và tỷ lệ số hóa</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A day</source>
        <translation>Một ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station</source>
        <translation>Trạm này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stations (hub)</source>
        <translation>Toàn tỉnh (máy chủ)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All stations: the province hub&apos;s figures (needs sync)</source>
        <translation>Toàn tỉnh: số liệu trên máy chủ của tỉnh (cần thiết lập đồng bộ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live</source>
        <translation>Tự động cập nhật</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh the figures every 30 seconds</source>
        <translation>Cập nhật số liệu mỗi 30 giây</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Excel…</source>
        <translation>Xuất Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF report…</source>
        <translation>Báo cáo PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log out (Esc)</source>
        <translation>Đăng xuất (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the screen: opening it again asks for the login</source>
        <translation>Đóng màn hình: mở lại sẽ phải đăng nhập</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pages per day</source>
        <translation>Số trang mỗi ngày</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digitization rate per day (%)</source>
        <translation>Tỷ lệ số hóa mỗi ngày (%)</translation>
    </message>
</context>
<context>
    <name>TaggingController</name>
    <message>
        <location filename="../../ui/tagging/controller.py" line="+76"/>
        <source>Untag the selected pages</source>
        <translation>Bỏ gắn thành phần cho các trang đã chọn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pages: not tagged</source>
        <translation>Trang mới: chưa gắn thành phần</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag as %1, then the next untagged page</source>
        <translation>Gắn vào %1, rồi sang trang chưa gắn tiếp theo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pages go to %1</source>
        <translation>Trang mới vào %1</translation>
    </message>
</context>
<context>
    <name>UploadController</name>
    <message>
        <location filename="../../ui/upload/controller.py" line="+52"/>
        <location line="+128"/>
        <source>Upload: …</source>
        <translation>Gửi hồ sơ: …</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>%1 failed uploads queued again.</source>
        <translation>Đã xếp lại %1 mục gửi lỗi vào hàng chờ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No failed uploads to retry.</source>
        <translation>Không có mục gửi lỗi nào để gửi lại.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>sender stopped ({0}); restarting in {1} s</source>
        <translation>bộ gửi dừng ({0}); khởi động lại sau {1} giây</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 waiting, %2 failed</source>
        <translation>%1 mục chờ, %2 mục lỗi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload: sync not configured</source>
        <translation>Gửi hồ sơ: chưa cấu hình đồng bộ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Upload: %1</source>
        <translation>Gửi hồ sơ: %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Upload: all sent</source>
        <translation>Gửi hồ sơ: đã gửi hết</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sending %1 %</source>
        <translation>đang gửi %1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>oldest %1 min</source>
        <translation>cũ nhất %1 phút</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>oldest %1 h</source>
        <translation>cũ nhất %1 giờ</translation>
    </message>
</context>
</TS>
