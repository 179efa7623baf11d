"""PDF output: the full bilingual brief of one source (and, in `onepager`, one page per theme)."""

from briefing.pdf.branding import Branding, BrandingError, load_branding
from briefing.pdf.brief import write_brief_pdf

__all__ = ["Branding", "BrandingError", "load_branding", "write_brief_pdf"]
