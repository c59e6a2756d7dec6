; "Open with Instruct Desk" on Windows for the documents it summarizes, included by electron-builder's
; NSIS installer (nsis.include). The app's ProgID joins each extension's OpenWithProgids and the app
; lists the types it supports; no extension's default is changed, so the user's own choices stand.
; (electron-builder's fileAssociations would set the default, which is why they are not used here.)
; The extensions are DOCUMENT_EXTENSIONS in src/main/features/summarize/extract/documentExtensions.ts;
; tests/integration/packaging.test.ts checks that the two lists agree.

!define OPEN_WITH_PROGID "InstructDesk.Document"
!define OPEN_WITH_APP_KEY "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"

!macro forEachDocumentExtension MACRO
  !insertmacro ${MACRO} pdf
  !insertmacro ${MACRO} docx
  !insertmacro ${MACRO} odt
  !insertmacro ${MACRO} rtf
  !insertmacro ${MACRO} epub
  !insertmacro ${MACRO} html
  !insertmacro ${MACRO} htm
  !insertmacro ${MACRO} xhtml
  !insertmacro ${MACRO} md
  !insertmacro ${MACRO} markdown
  !insertmacro ${MACRO} mdown
  !insertmacro ${MACRO} mkd
  !insertmacro ${MACRO} mdx
  !insertmacro ${MACRO} txt
  !insertmacro ${MACRO} text
  !insertmacro ${MACRO} csv
  !insertmacro ${MACRO} tsv
  !insertmacro ${MACRO} json
  !insertmacro ${MACRO} js
  !insertmacro ${MACRO} mjs
  !insertmacro ${MACRO} cjs
  !insertmacro ${MACRO} jsx
  !insertmacro ${MACRO} ts
  !insertmacro ${MACRO} tsx
  !insertmacro ${MACRO} mts
  !insertmacro ${MACRO} cts
  !insertmacro ${MACRO} py
  !insertmacro ${MACRO} pyi
  !insertmacro ${MACRO} rb
  !insertmacro ${MACRO} go
  !insertmacro ${MACRO} rs
  !insertmacro ${MACRO} java
  !insertmacro ${MACRO} kt
  !insertmacro ${MACRO} kts
  !insertmacro ${MACRO} swift
  !insertmacro ${MACRO} c
  !insertmacro ${MACRO} h
  !insertmacro ${MACRO} cc
  !insertmacro ${MACRO} cpp
  !insertmacro ${MACRO} cxx
  !insertmacro ${MACRO} hpp
  !insertmacro ${MACRO} hh
  !insertmacro ${MACRO} cs
  !insertmacro ${MACRO} fs
  !insertmacro ${MACRO} php
  !insertmacro ${MACRO} pl
  !insertmacro ${MACRO} pm
  !insertmacro ${MACRO} lua
  !insertmacro ${MACRO} r
  !insertmacro ${MACRO} scala
  !insertmacro ${MACRO} sh
  !insertmacro ${MACRO} bash
  !insertmacro ${MACRO} zsh
  !insertmacro ${MACRO} ps1
  !insertmacro ${MACRO} sql
  !insertmacro ${MACRO} dart
  !insertmacro ${MACRO} ex
  !insertmacro ${MACRO} exs
  !insertmacro ${MACRO} erl
  !insertmacro ${MACRO} hs
  !insertmacro ${MACRO} clj
  !insertmacro ${MACRO} groovy
  !insertmacro ${MACRO} vue
  !insertmacro ${MACRO} svelte
  !insertmacro ${MACRO} m
  !insertmacro ${MACRO} mm
  !insertmacro ${MACRO} jl
  !insertmacro ${MACRO} nim
  !insertmacro ${MACRO} zig
  !insertmacro ${MACRO} vb
  !insertmacro ${MACRO} yaml
  !insertmacro ${MACRO} yml
  !insertmacro ${MACRO} toml
  !insertmacro ${MACRO} ini
  !insertmacro ${MACRO} css
  !insertmacro ${MACRO} scss
  !insertmacro ${MACRO} less
!macroend

!macro addOpenWith EXT
  WriteRegNone SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${OPEN_WITH_PROGID}"
  WriteRegStr SHELL_CONTEXT "${OPEN_WITH_APP_KEY}\SupportedTypes" ".${EXT}" ""
!macroend

!macro removeOpenWith EXT
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${OPEN_WITH_PROGID}"
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${OPEN_WITH_PROGID}" "" "Document"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${OPEN_WITH_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${OPEN_WITH_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegStr SHELL_CONTEXT "${OPEN_WITH_APP_KEY}" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr SHELL_CONTEXT "${OPEN_WITH_APP_KEY}\shell\open\command" "" '"$appExe" "%1"'
  !insertmacro forEachDocumentExtension addOpenWith
  ; SHCNE_ASSOCCHANGED, so Explorer shows the new entries without a restart.
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)"
!macroend

!macro customUnInstall
  !insertmacro forEachDocumentExtension removeOpenWith
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${OPEN_WITH_PROGID}"
  DeleteRegKey SHELL_CONTEXT "${OPEN_WITH_APP_KEY}"
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)"
!macroend
