<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="24" />
        <source>SoHoa Station — Digitization station</source>
        <translation>SoHoa Station — Trạm số hóa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27" />
        <source>Station: %1</source>
        <translation>Trạm: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="36" />
        <source>Open dossiers</source>
        <translation>Hồ sơ đang mở</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42" />
        <source>Data directory: %1 — %2 procedures in the catalog</source>
        <translation>Thư mục dữ liệu: %1 — %2 thủ tục trong danh mục</translation>
    </message>
</context>
</TS>