<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="24" />
        <source>SoHoa Station — Digitization station</source>
        <translation>SoHoa Station — Digitization station</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="27" />
        <source>Station: %1</source>
        <translation>Station: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="36" />
        <source>Open dossiers</source>
        <translation>Open dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42" />
        <source>Data directory: %1 — %2 procedures in the catalog</source>
        <translation>Data directory: %1 — %2 procedures in the catalog</translation>
    </message>
</context>
</TS>