<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CasePicker</name>
    <message>
        <location filename="../../ui/dossier/cases.py" line="+48"/>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One of</source>
        <translation>One of</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>— not chosen —</source>
        <translation>— not chosen —</translation>
    </message>
</context>
<context>
    <name>CatalogUpdates</name>
    <message>
        <location filename="../../ui/window/catalog_updates.py" line="+58"/>
        <source>Procedure catalog updated: version %1. New dossiers use it; open dossiers keep the version they were opened under.</source>
        <translation>Procedure catalog updated: version %1. New dossiers use it; open dossiers keep the version they were opened under.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Catalog: %1</source>
        <translation>Catalog: %1</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>built-in</source>
        <translation>built-in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 added here</source>
        <translation>%1 added here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New dossiers are checked against this catalog.</source>
        <translation>New dossiers are checked against this catalog.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ignored: the station&apos;s own file %1 names procedure %2, which the catalog already holds; the station follows the catalog. A change belongs in the province&apos;s catalog.</source>
        <translation>Ignored: the station&apos;s own file %1 names procedure %2, which the catalog already holds; the station follows the catalog. A change belongs in the province&apos;s catalog.</translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <location filename="../../ui/tagging/checklist.py" line="+36"/>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>not requested</source>
        <translation>not requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>result</source>
        <translation>result</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Pages</source>
        <comment>short header</comment>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The number key that tags the selected pages</source>
        <translation>The number key that tags the selected pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages tagged with the component</source>
        <translation>Pages tagged with the component</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No case chosen (%1): choose it above</source>
        <translation>No case chosen (%1): choose it above</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The papers required depend on the case. Choose one under Cases in the dossier form:</source>
        <translation>The papers required depend on the case. Choose one under Cases in the dossier form:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 or a note</source>
        <translation>%1 or a note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or %1, or a note</source>
        <translation>or %1, or a note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or %1</source>
        <translation>or %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, unless the case ticked says the registry holds the data (%2)</source>
        <translation>%1, unless the case ticked says the registry holds the data (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Either of %1 will do</source>
        <translation>Either of %1 will do</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The registry must not ask for this paper</source>
        <translation>The registry must not ask for this paper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued later by the agency, not needed at reception</source>
        <translation>Issued later by the agency, not needed at reception</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required component without pages</source>
        <translation>Required component without pages</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Not tagged</source>
        <translation>Not tagged</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../../ui/window/closing.py" line="+45"/>
        <source>A scan is running. Stop it and close? The pages stored so far stay.</source>
        <translation>A scan is running. Stop it and close? The pages stored so far stay.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Stop and keep the pages</source>
        <translation>Stop and keep the pages</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Files are being imported. Stop and close? The pages stored so far stay.</source>
        <translation>Files are being imported. Stop and close? The pages stored so far stay.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier&apos;s PDF files are being built. Close once they are done?</source>
        <translation>The dossier&apos;s PDF files are being built. Close once they are done?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close when done</source>
        <translation>Close when done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SoHoa Station</source>
        <translation>SoHoa Station</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep working</source>
        <translation>Keep working</translation>
    </message>
</context>
<context>
    <name>DossierController</name>
    <message>
        <location filename="../../ui/dossier/controller.py" line="+113"/>
        <source>Dossier %1: choose its procedure; the pages scanned go with it</source>
        <translation>Dossier %1: choose its procedure; the pages scanned go with it</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New dossier %1: choose its procedure</source>
        <translation>New dossier %1: choose its procedure</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>The card&apos;s QR code is not a citizen ID: nothing filled</source>
        <translation>The card&apos;s QR code is not a citizen ID: nothing filled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ID number in the card&apos;s QR code fails the check: nothing filled</source>
        <translation>The ID number in the card&apos;s QR code fails the check: nothing filled</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ID card read: check it, then Enter to keep the name and ID number</source>
        <translation>ID card read: check it, then Enter to keep the name and ID number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Male</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date of birth: %1</source>
        <translation>Date of birth: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex: %1</source>
        <translation>Sex: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of residence: %1</source>
        <translation>Place of residence: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued on: %1</source>
        <translation>Issued on: %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Pages scanned without a dossier code: type or scan the code, choose the procedure, then Enter to keep them in that dossier</source>
        <translation>Pages scanned without a dossier code: type or scan the code, choose the procedure, then Enter to keep them in that dossier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier %1 has no procedure yet: choose it, then Enter</source>
        <translation>Dossier %1 has no procedure yet: choose it, then Enter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pages are being scanned into %1: wait for the scan or cancel it (Esc)</source>
        <translation>Pages are being scanned into %1: wait for the scan or cancel it (Esc)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no procedure)</source>
        <translation>(no procedure)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>received %1</source>
        <translation>received %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No dossier open. Scan the next dossier code.</source>
        <translation>No dossier open. Scan the next dossier code.</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/dossier/panel.py" line="+40"/>
        <source>Scan or type the dossier code, then Enter</source>
        <translation>Scan or type the dossier code, then Enter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type to search: khai sinh, ket hon…</source>
        <translation>Type to search: khai sinh, ket hon…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citizen ID, old ID or passport</source>
        <translation>Citizen ID, old ID or passport</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>Open dossier</source>
        <translation>Open dossier</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Complete dossier</source>
        <translation>Complete dossier</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/text.py" line="+22"/>
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>FieldChecks</name>
    <message>
        <location filename="../../ui/dossier/field_checks.py" line="+25"/>
        <source>⚠ Not the standard shape …-YYMMDD-XXXX; check it, it is accepted anyway</source>
        <translation>⚠ Not the standard shape …-YYMMDD-XXXX; check it, it is accepted anyway</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ The YYMMDD part is not a date; check it, it is accepted anyway</source>
        <translation>⚠ The YYMMDD part is not a date; check it, it is accepted anyway</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>⚠ Not a citizen ID (12 digits), old ID (9 digits) or passport (letter and 7-8 digits)</source>
        <translation>⚠ Not a citizen ID (12 digits), old ID (9 digits) or passport (letter and 7-8 digits)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Citizen ID: %1 is not a province code; check the first three digits</source>
        <translation>⚠ Citizen ID: %1 is not a province code; check the first three digits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Citizen ID: born in %1 cannot be right; check digits 4 to 6</source>
        <translation>⚠ Citizen ID: born in %1 cannot be right; check digits 4 to 6</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citizen ID · %1 · born %2 · %3</source>
        <translation>Citizen ID · %1 · born %2 · %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Old ID (CMND)</source>
        <translation>Old ID (CMND)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport</source>
        <translation>Passport</translation>
    </message>
</context>
<context>
    <name>FileDrops</name>
    <message>
        <location filename="../../ui/scan/file_drops.py" line="+46"/>
        <source>A scan or an import is under way: drop the files again when it has ended</source>
        <translation>A scan or an import is under way: drop the files again when it has ended</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not imported: %1 — only scans and documents (%2) can be dropped here</source>
        <translation>Not imported: %1 — only scans and documents (%2) can be dropped here</translation>
    </message>
</context>
<context>
    <name>FinishController</name>
    <message>
        <location filename="../../ui/finish/controller.py" line="+125"/>
        <source>Building the PDF files…</source>
        <translation>Building the PDF files…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Building the PDF files… page %1 of %2</source>
        <translation>Building the PDF files… page %1 of %2</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/people/first_run.py" line="+47"/>
        <location line="+9"/>
        <source>Set up this station</source>
        <translation>Set up this station</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Before the first dossier: name this station and choose its unit. The PDFs, the upload manifests and the figures carry them.</source>
        <translation>Before the first dossier: name this station and choose its unit. The PDFs, the upload manifests and the figures carry them.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>e.g. Bộ phận một cửa xã Tân Phú</source>
        <translation>e.g. Bộ phận một cửa xã Tân Phú</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agency code, e.g. 000.00.14.H05</source>
        <translation>Agency code, e.g. 000.00.14.H05</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Load the province&apos;s unit list…</source>
        <translation>&amp;Load the province&apos;s unit list…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Only example units are loaded. Type your unit&apos;s agency code as the province gave it, or load the province&apos;s list.</source>
        <translation>⚠ Only example units are loaded. Type your unit&apos;s agency code as the province gave it, or load the province&apos;s list.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit (agency code)</source>
        <translation>Unit (agency code)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save and start</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First account (supervisor; add the clerks later)</source>
        <translation>First account (supervisor; add the clerks later)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The province&apos;s unit list</source>
        <translation>The province&apos;s unit list</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit lists (*.json)</source>
        <translation>Unit lists (*.json)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A user name has 1 to 64 letters, digits or . _ @ - (no spaces).</source>
        <translation>A user name has 1 to 64 letters, digits or . _ @ - (no spaces).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the person&apos;s full name.</source>
        <translation>Write the person&apos;s full name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password needs at least %1 characters.</source>
        <translation>The password needs at least %1 characters.</translation>
    </message>
</context>
<context>
    <name>HubLoginDialog</name>
    <message>
        <location filename="../../ui/supervisor/hub_login.py" line="+15"/>
        <source>Province hub login</source>
        <translation>Province hub login</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your supervisor account on the province hub</source>
        <translation>Your supervisor account on the province hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../ui/scan/importing.py" line="+80"/>
        <source>Import files</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scans and documents (%1)</source>
        <translation>Scans and documents (%1)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Importing %1 files… (Esc stops)</source>
        <translation>Importing %1 files… (Esc stops)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Files: %1 of %2 · pages stored: %3</source>
        <translation>Files: %1 of %2 · pages stored: %3</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The first page carries no dossier code: open a dossier first, or import its receipt first</source>
        <translation>The first page carries no dossier code: open a dossier first, or import its receipt first</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Imported %1 pages</source>
        <translation>Imported %1 pages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import stopped: %1 pages imported are kept</source>
        <translation>Import stopped: %1 pages imported are kept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 files not imported (listed above the pages)</source>
        <translation>%1 files not imported (listed above the pages)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 files not imported: %2</source>
        <translation>%1 files not imported: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and %1 more: every reason is in the message box (Show Details)</source>
        <translation>… and %1 more: every reason is in the message box (Show Details)</translation>
    </message>
</context>
<context>
    <name>LargePaperDialog</name>
    <message>
        <location filename="../../ui/scan/large_paper.py" line="+84"/>
        <source>Paper larger than the scanner</source>
        <translation>Paper larger than the scanner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2) does not fit on the bed of %3 (%4). How should this sheet be digitized?</source>
        <translation>%1 (%2) does not fit on the bed of %3 (%4). How should this sheet be digitized?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan on %1</source>
        <translation>Scan on %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole sheet as one %1 page, on a bed of %2</source>
        <translation>The whole sheet as one %1 page, on a bed of %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a file of this sheet… (Ctrl+I)</source>
        <translation>Import a file of this sheet… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sheet already scanned elsewhere, as a PDF, TIFF, JPEG or PNG file</source>
        <translation>The sheet already scanned elsewhere, as a PDF, TIFF, JPEG or PNG file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 overlapping parts laid on the glass one by one, assembled into one %2 page at true scale</source>
        <translation>%1 overlapping parts laid on the glass one by one, assembled into one %2 page at true scale</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan in parts on %1</source>
        <translation>Scan in parts on %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
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
        <translation>Looking for a scanner that takes %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ready: %1</source>
        <translation>Ready: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/supervisor/login.py" line="+33"/>
        <source>Supervisor login</source>
        <translation>Supervisor login</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The supervisor screen shows every clerk&apos;s figures. Log in with a supervisor account.</source>
        <translation>The supervisor screen shows every clerk&apos;s figures. Log in with a supervisor account.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account is disabled. Ask the station&apos;s administrator.</source>
        <translation>This account is disabled. Ask the station&apos;s administrator.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is a clerk account: only a supervisor account can open the supervisor screen.</source>
        <translation>This is a clerk account: only a supervisor account can open the supervisor screen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station has no supervisor account yet. Create one with: sohoa accounts add USER --name &quot;FULL NAME&quot; --role supervisor</source>
        <translation>This station has no supervisor account yet. Create one with: sohoa accounts add USER --name &quot;FULL NAME&quot; --role supervisor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login refused (%1).</source>
        <translation>Login refused (%1).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/main_window.py" line="+101"/>
        <source>Finish dossier (Ctrl+Shift+F)</source>
        <translation>Finish dossier (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Components</source>
        <translation>Components</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>Zoom out (-, Ctrl+wheel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page (Ctrl+0)</source>
        <translation>Fit page (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Zoom in (+, Ctrl+wheel)</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>New pages: not tagged</source>
        <translation>New pages: not tagged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New pages go to: %1</source>
        <translation>New pages go to: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 blank back sides skipped — restore them (Ctrl+Shift+B)</source>
        <translation>%1 blank back sides skipped — restore them (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No dossier is open on this station</source>
        <translation>No dossier is open on this station</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open a dossier first: scan or type its code.</source>
        <translation>Open a dossier first: scan or type its code.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a dossier first: the first sheet carries no dossier code, so nothing was kept. Put the sheet that went through back on top of the feeder, then scan or type the dossier&apos;s code (or put its receipt on top).</source>
        <translation>Open a dossier first: the first sheet carries no dossier code, so nothing was kept. Put the sheet that went through back on top of the feeder, then scan or type the dossier&apos;s code (or put its receipt on top).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a dossier first: the page on the glass carries no dossier code, so nothing was kept. Scan or type the dossier&apos;s code, or put its receipt on the glass.</source>
        <translation>Open a dossier first: the page on the glass carries no dossier code, so nothing was kept. Scan or type the dossier&apos;s code, or put its receipt on the glass.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dossier %1 finished — %2</source>
        <translation>Dossier %1 finished — %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SoHoa Station</source>
        <translation>SoHoa Station</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SoHoa Station — Digitization station</source>
        <translation>SoHoa Station — Digitization station</translation>
    </message>
    <message>
        <location line="-413"/>
        <source>Open dossiers</source>
        <translation>Open dossiers</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../ui/window/menus.py" line="+77"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel scan or import</source>
        <translation>Cancel scan or import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finish dossier</source>
        <translation>Finish dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry failed uploads</source>
        <translation>Retry failed uploads</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisor screen…</source>
        <translation>Supervisor screen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next dossier</source>
        <translation>Next dossier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open dossiers list</source>
        <translation>Open dossiers list</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hand over result…</source>
        <translation>Hand over result…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print separator sheets…</source>
        <translation>Print separator sheets…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dossier</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Scan</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore skipped blank back sides</source>
        <translation>Restore skipped blank back sides</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Pages</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag selected pages</source>
        <translation>Tag selected pages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Component for new pages</source>
        <translation>Component for new pages</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit page</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group pages by component</source>
        <translation>Group pages by component</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../ui/banner.py" line="+34"/>
        <source>Dismiss this warning (Esc, Ctrl+Shift+X)</source>
        <translation>Dismiss this warning (Esc, Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dismiss the warning above the pages</source>
        <translation>Dismiss the warning above the pages</translation>
    </message>
</context>
<context>
    <name>OpenDossiers</name>
    <message>
        <location filename="../../ui/dossier/panel.py" line="+100"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
</context>
<context>
    <name>PageActions</name>
    <message>
        <location filename="../../ui/pages/actions.py" line="+38"/>
        <source>Rotate right</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotate left</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move earlier</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move later</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-crop…</source>
        <translation>Re-crop…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo processing</source>
        <translation>Undo processing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process again (pages not processed)</source>
        <translation>Process again (pages not processed)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annotated copy of the previous page</source>
        <translation>Annotated copy of the previous page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan and replace</source>
        <translation>Rescan and replace</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept the suggested component</source>
        <translation>Accept the suggested component</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo %1</source>
        <translation>Undo %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rotate</source>
        <translation>rotate</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delete</source>
        <translation>delete</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+10"/>
        <source>mark</source>
        <translation>mark</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Assign to component</source>
        <translation>Assign to component</translation>
    </message>
</context>
<context>
    <name>PageDelegate</name>
    <message>
        <location filename="../../ui/pages/view.py" line="+92"/>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not processed</source>
        <translation>Not processed</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>rescan %1 dpi</source>
        <translation>rescan %1 dpi</translation>
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
        <translation>Rescan: %1 dpi is below the %2 dpi the rules ask for</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolution guessed (%1 dpi); the file claimed %2 dpi</source>
        <translation>Resolution guessed (%1 dpi); the file claimed %2 dpi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolution guessed (%1 dpi): the file did not say</source>
        <translation>Resolution guessed (%1 dpi): the file did not say</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Processing: straightening and cropping are not done yet</source>
        <translation>Processing: straightening and cropping are not done yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not be processed — rescan? It shows as scanned; Ctrl+E tries the processing again</source>
        <translation>Could not be processed — rescan? It shows as scanned; Ctrl+E tries the processing again</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>not tagged</source>
        <translation>not tagged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page %1 — %2 — %3 dpi</source>
        <translation>Page %1 — %2 — %3 dpi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suggested from its title: %1 (Enter accepts)</source>
        <translation>Suggested from its title: %1 (Enter accepts)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Annotated copy of the next page</source>
        <translation>Annotated copy of the next page</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../ui/stitch/paper_dialog.py" line="+24"/>
        <source>Stitch into one sheet</source>
        <translation>Stitch into one sheet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The %1 selected pages become one page of this paper at true scale, in their place. They are kept as its parts, so it can be separated again.</source>
        <translation>The %1 selected pages become one page of this paper at true scale, in their place. They are kept as its parts, so it can be separated again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Paper</source>
        <translation>&amp;Paper</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stitch</source>
        <translation>Stitch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PartsDialog</name>
    <message>
        <location filename="../../ui/stitch/dialog.py" line="+32"/>
        <source>Scan in parts</source>
        <translation>Scan in parts</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>scanner options: name=value …</source>
        <translation>scanner options: name=value …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scan this part (F5)</source>
        <translation>Scan this part (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take back the last part</source>
        <translation>Take back the last part</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assemble the sheet (Ctrl+Enter)</source>
        <translation>Assemble the sheet (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Where the next part goes</source>
        <translation>Where the next part goes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet as assembled so far</source>
        <translation>The sheet as assembled so far</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scanner options</source>
        <translation>Scanner options</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No part yet</source>
        <translation>No part yet</translation>
    </message>
</context>
<context>
    <name>PartsFlow</name>
    <message>
        <location filename="../../ui/stitch/flow.py" line="+134"/>
        <source>%1 (%2×%3 mm) is larger than the bed (%4×%5 mm): it is scanned in %6 parts, %7 across and %8 down, each overlapping its neighbours by at least a fifth. Parts may come in any order, turned or shifted.</source>
        <translation>%1 (%2×%3 mm) is larger than the bed (%4×%5 mm): it is scanned in %6 parts, %7 across and %8 down, each overlapping its neighbours by at least a fifth. Parts may come in any order, turned or shifted.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Lay part %1 of %2 on the glass where the drawing shows it (orange), then press F5.</source>
        <translation>Lay part %1 of %2 on the glass where the drawing shows it (orange), then press F5.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All %1 parts are in. Press Ctrl+Enter to assemble the sheet.</source>
        <translation>All %1 parts are in. Press Ctrl+Enter to assemble the sheet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The parts cover the whole sheet. Press Ctrl+Enter to assemble it.</source>
        <translation>The parts cover the whole sheet. Press Ctrl+Enter to assemble it.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>This part overlaps none of the parts scanned so far, so it was not used. Lay it so it shares at least a fifth of its paper with a part already scanned (or check it belongs to this sheet), then press F5 again.</source>
        <translation>This part overlaps none of the parts scanned so far, so it was not used. Lay it so it shares at least a fifth of its paper with a part already scanned (or check it belongs to this sheet), then press F5 again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Part %1 received and placed.</source>
        <translation>Part %1 received and placed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part %1</source>
        <translation>Part %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Assembling the sheet at full resolution…</source>
        <translation>Assembling the sheet at full resolution…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>assemble parts</source>
        <translation>assemble parts</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <location filename="../../ui/people/controller.py" line="+78"/>
        <source>Lock screen</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Clerk</source>
        <translation>&amp;Clerk</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Clerk: %1</source>
        <translation>Clerk: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Wait for the scan or the finish to end.</source>
        <translation>Wait for the scan or the finish to end.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Locked by %1</source>
        <translation>Locked by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SoHoa Station — sign in</source>
        <translation>SoHoa Station — sign in</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/finish/signing.py" line="+26"/>
        <source>Digital signature</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate file: %1</source>
        <translation>Certificate file: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of the certificate file</source>
        <translation>Password of the certificate file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token: %1</source>
        <translation>Token: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN of the token</source>
        <translation>PIN of the token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every file of this dossier will be signed with your digital signature.</source>
        <translation>Every file of this dossier will be signed with your digital signature.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is asked once per shift and kept in memory only.</source>
        <translation>It is asked once per shift and kept in memory only.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign and finish</source>
        <translation>Sign and finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProcedureTrust</name>
    <message>
        <location filename="../../ui/dossier/trust.py" line="+40"/>
        <source>⚠ Expired: this entry applied until %1</source>
        <translation>⚠ Expired: this entry applied until %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ Not in force yet: this entry applies from %1</source>
        <translation>⚠ Not in force yet: this entry applies from %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Unverified: the papers may differ from the law in force</source>
        <translation>⚠ Unverified: the papers may differ from the law in force</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entry %1 was not checked against the legal text or the province&apos;s list.</source>
        <translation>Entry %1 was not checked against the legal text or the province&apos;s list.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Applies: %1 to %2</source>
        <translation>Applies: %1 to %2</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/finish/dialog.py" line="+37"/>
        <source>Dossier finished</source>
        <translation>Dossier finished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier %1 is finished.</source>
        <translation>Dossier %1 is finished.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 files, %2 pages, %3</source>
        <translation>%1 files, %2 pages, %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finished without required components. Reason: %1</source>
        <translation>Finished without required components. Reason: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every file is signed by %1.</source>
        <translation>Every file is signed by %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files are not signed (digital signature not set up).</source>
        <translation>Files are not signed (digital signature not set up).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Procedure: %1</source>
        <translation>Procedure: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases: %1</source>
        <translation>Cases: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built-in (%1)</source>
        <translation>built-in (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built-in</source>
        <translation>built-in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Catalog version: %1</source>
        <translation>Catalog version: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing:</source>
        <translation>Missing:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>one of: %1</source>
        <translation>one of: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation> or </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no case chosen among: %1</source>
        <translation>no case chosen among: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two cases of one kind chosen: %1</source>
        <translation>two cases of one kind chosen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown case: %1</source>
        <translation>unknown case: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not queued for upload: %1</source>
        <translation>Not queued for upload: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not sent: sync not configured (sohoa sync login). %1 file(s) stay queued.</source>
        <translation>Not sent: sync not configured (sohoa sync login). %1 file(s) stay queued.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queued for upload: %1 files</source>
        <translation>Queued for upload: %1 files</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReceiptNotice</name>
    <message>
        <location filename="../../ui/scan/receipt_notice.py" line="+19"/>
        <source>New dossier from the receipt: %1; choose its procedure</source>
        <translation>New dossier from the receipt: %1; choose its procedure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dossier from the receipt: %1</source>
        <translation>Dossier from the receipt: %1</translation>
    </message>
</context>
<context>
    <name>ResultEdits</name>
    <message>
        <location filename="../../ui/results/edits.py" line="+44"/>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delete</source>
        <translation>delete</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>rotate</source>
        <translation>rotate</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../../ui/results/screen.py" line="+50"/>
        <source>Hand over result</source>
        <translation>Hand over result</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Dossier code, then Enter</source>
        <translation>Dossier code, then Enter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan (F5)</source>
        <translation>Scan (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finish result (Ctrl+Enter)</source>
        <translation>Finish result (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age (days)</source>
        <translation>Age (days)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent to the province</source>
        <translation>Sent to the province</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result components (number keys choose)</source>
        <translation>Result components (number keys choose)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Results awaiting scan (oldest first)</source>
        <translation>Results awaiting scan (oldest first)</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Result %1 (%2): %3</source>
        <translation>Result %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dossier as received, %1 file(s): %2</source>
        <translation>Dossier as received, %1 file(s): %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sent %1</source>
        <translation>sent %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not queued (sohoa sync enqueue queues it)</source>
        <translation>not queued (sohoa sync enqueue queues it)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent by the station that received it, %1</source>
        <translation>sent by the station that received it, %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>The PDF carries no signature, so it is signed with your key: it was not imported without the PIN.</source>
        <translation>The PDF carries no signature, so it is signed with your key: it was not imported without the PIN.</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Result pages (Del deletes, R / Shift+R rotate, Ctrl+Z undoes)</source>
        <translation>Result pages (Del deletes, R / Shift+R rotate, Ctrl+Z undoes)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Selected page</source>
        <translation>Selected page</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotate right</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotate left</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 — procedure %2, received %3 (Esc closes it)</source>
        <translation>%1 — procedure %2, received %3 (Esc closes it)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>digitized: %1</source>
        <translation>digitized: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new pages go here</source>
        <translation>new pages go here</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awaiting</source>
        <translation>awaiting</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No dossier open: type its code, or scan (F5) or import (Ctrl+I) its receipt; the receipt&apos;s QR or barcode opens the dossier and is not kept as a result page.</source>
        <translation>No dossier open: type its code, or scan (F5) or import (Ctrl+I) its receipt; the receipt&apos;s QR or barcode opens the dossier and is not kept as a result page.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import receipt… (Ctrl+I)</source>
        <translation>Import receipt… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import PDF… (Ctrl+I)</source>
        <translation>Import PDF… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Z: undo %1</source>
        <translation>Ctrl+Z: undo %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The receipt carries no dossier code: scan the receipt again on top of the result, or type the dossier code.</source>
        <translation>The receipt carries no dossier code: scan the receipt again on top of the result, or type the dossier code.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Result digitized: %1</source>
        <translation>Result digitized: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scans and documents (%1)</source>
        <translation>Scans and documents (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Electronic result</source>
        <translation>Electronic result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <location filename="../../ui/supervisor/saving.py" line="+28"/>
        <source>CSV for Excel in Vietnamese, ; separated (*.csv)</source>
        <translation>CSV for Excel in Vietnamese, ; separated (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV, comma separated (*.csv)</source>
        <translation>CSV, comma separated (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <location filename="../../ui/scan/controller.py" line="+120"/>
        <source>Looking for scanners…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+56"/>
        <source>No scanner found</source>
        <translation>No scanner found</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+145"/>
        <source>Ready: %1</source>
        <translation>Ready: %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Scanner unavailable</source>
        <translation>Scanner unavailable</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Sheet assembled: one %1 page from its parts (Ctrl+Z gives the parts back)</source>
        <translation>Sheet assembled: one %1 page from its parts (Ctrl+Z gives the parts back)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+19"/>
        <location line="+10"/>
        <source>Pages received: %1</source>
        <translation>Pages received: %1</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Scanning…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scanning sheet %1 (%2)</source>
        <translation>Scanning sheet %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front</source>
        <translation>front</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>back</source>
        <translation>back</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The first page carries no dossier code: open a dossier first, or scan its receipt first</source>
        <translation>The first page carries no dossier code: open a dossier first, or scan its receipt first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scanner error</source>
        <translation>Scanner error</translation>
    </message>
</context>
<context>
    <name>ScanControls</name>
    <message>
        <location filename="../../ui/scan/controls.py" line="+45"/>
        <source>Auto (whole bed)</source>
        <translation>Auto (whole bed)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Custom size…</source>
        <translation>Custom size…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>width x height mm</source>
        <translation>width x height mm</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+57"/>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Grayscale</source>
        <translation>Grayscale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black and white</source>
        <translation>Black and white</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Flatbed</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeder (ADF)</source>
        <translation>Feeder (ADF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeder, both sides</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lossless (archive)</source>
        <translation>Lossless (archive)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As scanned</source>
        <translation>As scanned</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>scanner options: name=value …</source>
        <translation>scanner options: name=value …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan (F5)</source>
        <translation>Scan (F5)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P&amp;aper</source>
        <translation>P&amp;aper</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Options</source>
        <translation>&amp;Options</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Resolution (dpi)</source>
        <translation>Resolution (dpi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
</context>
<context>
    <name>SeparatorSheetsFlow</name>
    <message>
        <location filename="../../ui/scan/separator_sheets.py" line="+49"/>
        <source>No procedure to print separator sheets for: open a dossier that has one, or choose a procedure in the list</source>
        <translation>No procedure to print separator sheets for: open a dossier that has one, or choose a procedure in the list</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the separator sheets of %1</source>
        <translation>Save the separator sheets of %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing the separator sheets…</source>
        <translation>Writing the separator sheets…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 separator sheets saved to %2: print them from the viewer</source>
        <translation>%1 separator sheets saved to %2: print them from the viewer</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="+67"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 000.00.15.H29</source>
        <translation>e.g. 000.00.15.H29</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency code</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+102"/>
        <source>Data directory</source>
        <translation>Data directory</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Default profile</source>
        <translation>Default profile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip blank back sides
of duplex scans with</source>
        <translation>Skip blank back sides
of duplex scans with</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text recognition (OCR)</source>
        <translation>Text recognition (OCR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerks sign in by picking their name (no password)</source>
        <translation>Clerks sign in by picking their name (no password)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlock with a supervisor&apos;s password…</source>
        <translation>Unlock with a supervisor&apos;s password…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a supervisor changes the station&apos;s name, agency code, level and how clerks sign in.</source>
        <translation>Only a supervisor changes the station&apos;s name, agency code, level and how clerks sign in.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A new data directory or language takes effect at the next start.</source>
        <translation>A new data directory or language takes effect at the next start.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Read the pages: component suggestions and searchable PDFs</source>
        <translation>Read the pages: component suggestions and searchable PDFs</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <location filename="../../ui/window/settings.py" line="+65"/>
        <source>Only a supervisor changes the station&apos;s identity and how clerks sign in. Log in with a supervisor account.</source>
        <translation>Only a supervisor changes the station&apos;s identity and how clerks sign in. Log in with a supervisor account.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a clerk account: only a supervisor account can change the station&apos;s identity or how clerks sign in.</source>
        <translation>This is a clerk account: only a supervisor account can change the station&apos;s identity or how clerks sign in.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Saved. The new language or data directory applies at the next start.</source>
        <translation>Saved. The new language or data directory applies at the next start.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../ui/pages/sheets.py" line="+55"/>
        <source>Separate into its scanned parts</source>
        <translation>Separate into its scanned parts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stitch the selected pages into one sheet…</source>
        <translation>Stitch the selected pages into one sheet…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>separate into parts</source>
        <translation>separate into parts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page %1 is its %2 scanned parts again (Ctrl+Z stitches them back)</source>
        <translation>Page %1 is its %2 scanned parts again (Ctrl+Z stitches them back)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Stitching the %1 sheet…</source>
        <translation>Stitching the %1 sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stitching %1 pages into one %2 sheet…</source>
        <translation>Stitching %1 pages into one %2 sheet…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>stitch</source>
        <translation>stitch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 pages stitched into one %2 page (Ctrl+Z separates them again)</source>
        <translation>%1 pages stitched into one %2 page (Ctrl+Z separates them again)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The pages were not stitched</source>
        <translation>The pages were not stitched</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ShortcutsOverlay</name>
    <message>
        <location filename="../../ui/window/shortcuts.py" line="+46"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/people/sign_in.py" line="+32"/>
        <location line="+36"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Supervisors sign in with their password:</source>
        <translation>Supervisors sign in with their password:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The window is locked (%1). Sign in to go on.</source>
        <translation>The window is locked (%1). Sign in to go on.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in to work at this station.</source>
        <translation>Sign in to work at this station.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account is disabled. Ask the station&apos;s administrator.</source>
        <translation>This account is disabled. Ask the station&apos;s administrator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in refused (%1).</source>
        <translation>Sign-in refused (%1).</translation>
    </message>
</context>
<context>
    <name>StatusController</name>
    <message>
        <location filename="../../ui/status.py" line="+38"/>
        <source>Scanner: …</source>
        <translation>Scanner: …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload: …</source>
        <translation>Upload: …</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Scanner: %1</source>
        <translation>Scanner: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pages today: %1</source>
        <translation>Pages today: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Recovered %1 pages of dossier %2 stored before the station stopped</source>
        <translation>Recovered %1 pages of dossier %2 stored before the station stopped</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recovered %1 pages of dossiers %2 stored before the station stopped</source>
        <translation>Recovered %1 pages of dossiers %2 stored before the station stopped</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 still being processed</source>
        <translation>%1 still being processed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be processed (marked ⚠ in the page grid)</source>
        <translation>%1 could not be processed (marked ⚠ in the page grid)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all processed</source>
        <translation>all processed</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 files or folders of the data directory can be read by other users of this computer; run &apos;sohoa check&apos; for the list</source>
        <translation>%1 files or folders of the data directory can be read by other users of this computer; run &apos;sohoa check&apos; for the list</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The data folder could not be closed to other users of this computer (icacls failed); citizens&apos; data may be readable by them</source>
        <translation>The data folder could not be closed to other users of this computer (icacls failed); citizens&apos; data may be readable by them</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../ui/finish/summary.py" line="+32"/>
        <source>Finish dossier %1</source>
        <translation>Finish dossier %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 pages in %2 files; %3 already encoded.</source>
        <translation>%1 pages in %2 files; %3 already encoded.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 pages have no component: tag them first.</source>
        <translation>%1 pages have no component: tag them first.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No case chosen in group %1: the papers it needs are unknown. Choose the case in the dossier form, or give a reason.</source>
        <translation>No case chosen in group %1: the papers it needs are unknown. Choose the case in the dossier form, or give a reason.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Required components without pages:</source>
        <translation>Required components without pages:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>To finish anyway, the reason (kept with the dossier)</source>
        <translation>To finish anyway, the reason (kept with the dossier)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finish anyway (Enter)</source>
        <translation>Finish anyway (Enter)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish (Enter)</source>
        <translation>Finish (Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../../ui/supervisor/wording.py" line="+21"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+78"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Pages per hour</source>
        <translation>Pages per hour</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+77"/>
        <source>Dossiers finished</source>
        <translation>Dossiers finished</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Pages per dossier</source>
        <translation>Pages per dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First page to upload, median (min)</source>
        <translation>First page to upload, median (min)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First page to upload, p90 (min)</source>
        <translation>First page to upload, p90 (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>Upload failures</source>
        <translation>Upload failures</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Rescans per 100 pages</source>
        <translation>Rescans per 100 pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes per 100 pages</source>
        <translation>Deletes per 100 pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers received</source>
        <translation>Dossiers received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers digitized</source>
        <translation>Dossiers digitized</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitization rate (%)</source>
        <translation>Digitization rate (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Electronic results (%)</source>
        <translation>Electronic results (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results awaiting scan</source>
        <translation>Results awaiting scan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper size</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share (%)</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers waiting to upload</source>
        <translation>Dossiers waiting to upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest waiting dossier</source>
        <translation>Oldest waiting dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished at</source>
        <translation>Finished at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not queued</source>
        <translation>Not queued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files queued</source>
        <translation>Files queued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files uploading</source>
        <translation>Files uploading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files failed</source>
        <translation>Files failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By station</source>
        <translation>By station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By clerk</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper sizes</source>
        <translation>Paper sizes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload queue</source>
        <translation>Upload queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(unknown)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Day %1</source>
        <translation>Day %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From %1 to %2</source>
        <translation>From %1 to %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Digitization rate</source>
        <translation>Digitization rate</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting to upload</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing waiting to upload.</source>
        <translation>Nothing waiting to upload.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Oldest waiting: %1, finished %2</source>
        <translation>Oldest waiting: %1, finished %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pages stored in the period (page_stored events).</source>
        <translation>Pages stored in the period (page_stored events).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages ÷ hours in which at least one page was stored.</source>
        <translation>Pages ÷ hours in which at least one page was stored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossiers finished in the period.</source>
        <translation>Dossiers finished in the period.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages of the finished dossiers ÷ dossiers finished.</source>
        <translation>Pages of the finished dossiers ÷ dossiers finished.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Median of (hub confirmed the upload − first page stored), minutes.</source>
        <translation>Median of (hub confirmed the upload − first page stored), minutes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>90th percentile of (upload confirmed − first page stored), minutes.</source>
        <translation>90th percentile of (upload confirmed − first page stored), minutes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload attempts the hub refused or that failed.</source>
        <translation>Upload attempts the hub refused or that failed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>100 × pages rescanned (not undone) ÷ pages stored.</source>
        <translation>100 × pages rescanned (not undone) ÷ pages stored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>100 × pages deleted (not undone) ÷ pages stored.</source>
        <translation>100 × pages deleted (not undone) ÷ pages stored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossiers received in the period (by receipt date, NgayTiepNhan).</source>
        <translation>Dossiers received in the period (by receipt date, NgayTiepNhan).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received dossiers with a file for a submitted component and, when the procedure returns a paper result, a file for a result component.</source>
        <translation>Received dossiers with a file for a submitted component and, when the procedure returns a paper result, a file for a result component.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KPI 4.2 = 100 × dossiers digitized ÷ dossiers received, by receipt date. A dossier whose result is on paper counts only once its result is scanned too; 0 received: —.</source>
        <translation>KPI 4.2 = 100 × dossiers digitized ÷ dossiers received, by receipt date. A dossier whose result is on paper counts only once its result is scanned too; 0 received: —.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KPI 4.1 = 100 × dossiers with an electronic result ÷ received dossiers whose procedure returns a result.</source>
        <translation>KPI 4.1 = 100 × dossiers with an electronic result ÷ received dossiers whose procedure returns a result.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>100 × pages of this size ÷ pages stored.</source>
        <translation>100 × pages of this size ÷ pages stored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished dossiers the hub has not confirmed yet.</source>
        <translation>Finished dossiers the hub has not confirmed yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished dossiers whose paper result is not scanned yet.</source>
        <translation>Finished dossiers whose paper result is not scanned yet.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/report.py" line="+20"/>
        <source>Dossier digitization report</source>
        <translation>Dossier digitization report</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pages per day</source>
        <translation>Pages per day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitization rate per day (%)</source>
        <translation>Digitization rate per day (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target 80 %</source>
        <translation>Target 80 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>SupervisorController</name>
    <message>
        <location filename="../../ui/supervisor/controller.py" line="+233"/>
        <source>Target 80 %</source>
        <translation>Target 80 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — updated %2 — logged in: %3</source>
        <translation>%1 — updated %2 — logged in: %3</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Generated %1 by %2</source>
        <translation>Generated %1 by %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <location filename="../../ui/supervisor/window.py" line="+47"/>
        <source>Supervisor — figures and digitization rate</source>
        <translation>Supervisor — figures and digitization rate</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A day</source>
        <translation>A day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date range</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station</source>
        <translation>This station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stations (hub)</source>
        <translation>All stations (hub)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All stations: the province hub&apos;s figures (needs sync)</source>
        <translation>All stations: the province hub&apos;s figures (needs sync)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh the figures every 30 seconds</source>
        <translation>Refresh the figures every 30 seconds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF report…</source>
        <translation>PDF report…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log out (Esc)</source>
        <translation>Log out (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the screen: opening it again asks for the login</source>
        <translation>Close the screen: opening it again asks for the login</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pages per day</source>
        <translation>Pages per day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digitization rate per day (%)</source>
        <translation>Digitization rate per day (%)</translation>
    </message>
</context>
<context>
    <name>TaggingController</name>
    <message>
        <location filename="../../ui/tagging/controller.py" line="+76"/>
        <source>Untag the selected pages</source>
        <translation>Untag the selected pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pages: not tagged</source>
        <translation>New pages: not tagged</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag as %1, then the next untagged page</source>
        <translation>Tag as %1, then the next untagged page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pages go to %1</source>
        <translation>New pages go to %1</translation>
    </message>
</context>
<context>
    <name>UploadController</name>
    <message>
        <location filename="../../ui/upload/controller.py" line="+52"/>
        <location line="+128"/>
        <source>Upload: …</source>
        <translation>Upload: …</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>%1 failed uploads queued again.</source>
        <translation>%1 failed uploads queued again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No failed uploads to retry.</source>
        <translation>No failed uploads to retry.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>sender stopped ({0}); restarting in {1} s</source>
        <translation>sender stopped ({0}); restarting in {1} s</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 waiting, %2 failed</source>
        <translation>%1 waiting, %2 failed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload: sync not configured</source>
        <translation>Upload: sync not configured</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Upload: %1</source>
        <translation>Upload: %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Upload: all sent</source>
        <translation>Upload: all sent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sending %1 %</source>
        <translation>sending %1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>oldest %1 min</source>
        <translation>oldest %1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>oldest %1 h</source>
        <translation>oldest %1 h</translation>
    </message>
</context>
</TS>
