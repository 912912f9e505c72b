; Inno Setup 6 script of the Windows installer of TNE Médiation (Inno Setup 6.3 or newer).
;
; A per-user installation without administrator rights, into
; %LOCALAPPDATA%\Programs\TNE Médiation, with a Start-menu entry. Uninstalling removes the
; program only: the user's data (platformdirs' user_data_dir "tne-mediation", that is
; %LOCALAPPDATA%\tne-mediation) is never deleted.
;
; Build it on Windows from the repository root, after the PyInstaller bundle
; (docs/build-windows.md):
;   pyinstaller --noconfirm --clean packaging/mediator-app.spec
;   iscc packaging/windows/tne-mediation.iss
; Output: dist\installer\tne-mediation-<version>-setup.exe
;
; The version is read back from dist\tne-mediation\mediator-app.exe, whose version resource
; the spec wrote from mediator_app.__version__; `iscc /DAppVersion=x.y.z ...` overrides it.
; This file is saved as UTF-8 with a byte-order mark, so that ISCC reads the accents right.

#define AppName "TNE Médiation"
#define AppPublisher "Territoires Numériques Éducatifs"
#define AppExeName "mediator-app.exe"
#define BundleDir "..\..\dist\tne-mediation"
#define AppExePath AddBackslash(SourcePath) + BundleDir + "\" + AppExeName

#if !FileExists(AppExePath)
  #error "dist\tne-mediation\mediator-app.exe introuvable : lancez d'abord pyinstaller packaging/mediator-app.spec"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AppExePath, "ProductVersion")
#endif
#define AppNumericVersion GetVersionNumbersString(AppExePath)

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{6F4B8E2A-5C1D-4E37-9A0B-3D2C7E9F1A64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription=Installation de {#AppName}
; Per user, no administrator rights, no elevation dialog.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=tne-mediation-{#AppVersion}-setup
SetupIconFile=..\..\mediator_app\resources\icons\fr.tne.Mediation.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; Close a running TNE Médiation before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Messages]
french.ConfirmUninstall=Voulez-vous vraiment désinstaller %1 ?%n%nVos données (ateliers, présences, sauvegardes, journaux) ne sont pas supprimées : elles restent dans le dossier %LOCALAPPDATA%\tne-mediation et seront retrouvées si vous réinstallez le logiciel.
french.UninstalledAll=%1 a été désinstallé de votre ordinateur.%n%nVos données sont conservées dans le dossier %LOCALAPPDATA%\tne-mediation.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Files of an older version must not linger next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "Ateliers parents, présences et prêts de matériel"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] on purpose: the uninstaller removes only what it installed, never the
; data folder %LOCALAPPDATA%\tne-mediation.
