//! The fonts embedded in the PDFs: DejaVu Sans and DejaVu Sans Bold (Bitstream Vera licence,
//! see `assets/fonts/LICENSE`), shipped in the binary. Each is cut once per process down to
//! the glyphs of Italian and English text (Latin-1, Latin Extended-A, typographic
//! punctuation, the euro sign), so a document carries ~40 KB of font instead of 1.5 MB; a
//! character outside that set prints as `?`.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use printpdf::ParsedFont;

use super::DocumentError;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Typographic characters kept besides the Latin ranges.
const EXTRA: &[char] = &[
    '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2026}',
    '\u{20AC}', '\u{2192}',
];

/// The characters the documents can print.
fn charset() -> impl Iterator<Item = char> {
    ('\u{20}'..='\u{7E}')
        .chain('\u{A0}'..='\u{17F}')
        .chain(EXTRA.iter().copied())
}

/// The two faces, parsed.
pub(crate) struct Fonts {
    pub(crate) regular: ParsedFont,
    pub(crate) bold: ParsedFont,
}

/// The fonts, cut and parsed on first use.
pub(crate) fn fonts() -> Result<&'static Fonts, DocumentError> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: cut(REGULAR_TTF)?,
                bold: cut(BOLD_TTF)?,
            })
        })
        .as_ref()
        .ok_or(DocumentError::Font)
}

/// The face reduced to [`charset`] (glyph 0, `.notdef`, first, as the subsetter requires).
fn cut(ttf: &[u8]) -> Option<ParsedFont> {
    let full = ParsedFont::from_bytes(ttf, 0, &mut Vec::new())?;
    let glyphs: BTreeSet<u16> = std::iter::once(0)
        .chain(charset().filter_map(|c| full.lookup_glyph_index(u32::from(c))))
        .collect();
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let data = ReadScope::new(ttf).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    let tables = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::PREP,
    ]);
    let bytes = subset(&provider, &glyphs, &tables, CmapTarget::Unicode).ok()?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
}

/// Whether the face can print `c`.
pub(crate) fn has_glyph(font: &ParsedFont, c: char) -> bool {
    font.lookup_glyph_index(u32::from(c))
        .is_some_and(|g| g != 0)
}

/// The text as the face can print it: control characters become spaces, characters without
/// a glyph `?`.
pub(crate) fn printable(font: &ParsedFont, text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                ' '
            } else if has_glyph(font, c) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// The advance width of `text` at `size` points, in points (no kerning: the PDF is written
/// without it too).
pub(crate) fn text_width(font: &ParsedFont, text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| {
            font.lookup_glyph_index(u32::from(c))
                .and_then(|g| font.get_glyph_width(g))
                .map_or(0, u32::from)
        })
        .sum();
    units as f32 * size / f32::from(font.units_per_em.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_faces_print_italian_and_english() {
        let fonts = fonts().unwrap();
        for font in [&fonts.regular, &fonts.bold] {
            for c in "Priorità Città Sì è à ù ò é ì È À É Ò “x” – — € 0123 ABC xyz".chars()
            {
                assert!(c == ' ' || has_glyph(font, c), "{c:?} is missing");
            }
            assert_eq!(printable(font, "a\u{4E2D}b\tc"), "a?b c");
            assert!(
                font.original_bytes.len() < 120_000,
                "{}",
                font.original_bytes.len()
            );
        }
        let w = text_width(&fonts.regular, "Promemoria", 10.0);
        assert!(w > 40.0 && w < 70.0, "{w}");
        assert!(text_width(&fonts.bold, "M", 10.0) > text_width(&fonts.bold, "i", 10.0));
    }
}
