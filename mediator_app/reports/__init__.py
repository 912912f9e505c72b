"""Exports and printable documents: Coop XLSX, French CSV, PDFs and charts."""
