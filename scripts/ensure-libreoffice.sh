#!/bin/sh
# Installs Debian's LibreOffice Calc and Writer when missing: tests open a produced .xlsx (Calc) and
# the .docx documents (Writer, server/documents/) with them to prove a real office program reads
# our files (headless; no service, no profile kept). Liberation Serif has Times New Roman's
# metrics, so a document's lines break where Word breaks them.
set -e
if command -v soffice >/dev/null 2>&1 && [ -e /usr/lib/libreoffice/program/libswlo.so ] &&
  fc-list | grep -q "Liberation Serif"; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" LibreOffice libreoffice-calc libreoffice-writer fonts-liberation2
