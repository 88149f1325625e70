//! A small drawing surface over printpdf's operations: A4 pages, millimetres measured from
//! the top-left corner, text in the embedded fonts (measured, right-aligned, wrapped),
//! filled rectangles and rules. The documents compose their pages with it.

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use super::DocumentError;
use super::fonts::{self, Fonts};

/// A4 portrait, in millimetres.
pub(crate) const PAGE_WIDTH: f32 = 210.0;
pub(crate) const PAGE_HEIGHT: f32 = 297.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The palette: Designers Italia's blue (the UI's `--cup-primary`), greys with enough
/// contrast for small print, a green and a red for the booking's status.
pub(crate) mod colour {
    pub(crate) type Rgb8 = (u8, u8, u8);
    pub(crate) const PRIMARY: Rgb8 = (0x00, 0x66, 0xCC);
    pub(crate) const PRIMARY_DARK: Rgb8 = (0x00, 0x33, 0x66);
    pub(crate) const PRIMARY_TINT: Rgb8 = (0xEB, 0xF3, 0xFC);
    pub(crate) const RULE: Rgb8 = (0xB8, 0xD3, 0xF0);
    pub(crate) const TEXT: Rgb8 = (0x1A, 0x1A, 0x1A);
    pub(crate) const MUTED: Rgb8 = (0x4D, 0x5E, 0x6F);
    pub(crate) const WHITE: Rgb8 = (0xFF, 0xFF, 0xFF);
    pub(crate) const BLACK: Rgb8 = (0x00, 0x00, 0x00);
    pub(crate) const GREEN: Rgb8 = (0x00, 0x7A, 0x52);
    pub(crate) const RED: Rgb8 = (0xB3, 0x1B, 0x1B);
    pub(crate) const AMBER: Rgb8 = (0xB3, 0x6B, 0x00);
    pub(crate) const AMBER_TINT: Rgb8 = (0xFF, 0xF6, 0xE5);
}

fn color((r, g, b): colour::Rgb8) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
        None,
    ))
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) bold: bool,
    /// Points.
    pub(crate) size: f32,
    pub(crate) colour: colour::Rgb8,
}

impl Style {
    pub(crate) const fn regular(size: f32, colour: colour::Rgb8) -> Self {
        Style {
            bold: false,
            size,
            colour,
        }
    }

    pub(crate) const fn bold(size: f32, colour: colour::Rgb8) -> Self {
        Style {
            bold: true,
            size,
            colour,
        }
    }

    /// The baseline-to-baseline distance for this size, in millimetres.
    pub(crate) fn leading(&self) -> f32 {
        self.size * 1.32 / PT_PER_MM
    }
}

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_HEIGHT - y_from_top),
    }
}

/// Pages being drawn.
pub(crate) struct Canvas {
    fonts: &'static Fonts,
    doc: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
}

impl Canvas {
    /// A document with one empty page.
    pub(crate) fn new(title: &str) -> Result<Self, DocumentError> {
        let fonts = fonts::fonts()?;
        let mut doc = PdfDocument::new(title);
        let regular = doc.add_font(&fonts.regular);
        let bold = doc.add_font(&fonts.bold);
        Ok(Canvas {
            fonts,
            doc,
            regular,
            bold,
            pages: vec![Vec::new()],
        })
    }

    fn font(&self, style: Style) -> (&ParsedFont, &FontId) {
        if style.bold {
            (&self.fonts.bold, &self.bold)
        } else {
            (&self.fonts.regular, &self.regular)
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page; drawing goes there.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
    }

    /// The number of pages so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Draws on page `index` (0-based) from now on, e.g. to add footers at the end.
    pub(crate) fn with_page(&mut self, index: usize, draw: impl FnOnce(&mut Canvas)) {
        if index >= self.pages.len() {
            return;
        }
        let current = self.pages.split_off(index + 1);
        draw(self);
        self.pages.extend(current);
    }

    /// Width of `text` in millimetres.
    pub(crate) fn width(&self, style: Style, text: &str) -> f32 {
        let (font, _) = self.font(style);
        fonts::text_width(font, &fonts::printable(font, text), style.size) / PT_PER_MM
    }

    /// Text with its baseline at `baseline` (mm from the top), starting at `x`.
    pub(crate) fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        let (font, id) = self.font(style);
        let printable = fonts::printable(font, text);
        let handle = PdfFontHandle::External(id.clone());
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font: handle,
                size: Pt(style.size),
            },
            Op::SetFillColor {
                col: color(style.colour),
            },
            Op::SetTextCursor {
                pos: point(x, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(printable)],
            },
            Op::EndTextSection,
        ]);
    }

    /// Text ending at `right`.
    pub(crate) fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        let w = self.width(style, text);
        self.text(right - w, baseline, style, text);
    }

    /// Text centred on `centre`.
    pub(crate) fn text_centred(&mut self, centre: f32, baseline: f32, style: Style, text: &str) {
        let w = self.width(style, text);
        self.text(centre - w / 2.0, baseline, style, text);
    }

    /// `text` broken into lines no wider than `width` mm, at spaces (a word longer than a
    /// line is broken where it must). Line breaks in `text` are kept.
    pub(crate) fn wrap(&self, style: Style, text: &str, width: f32) -> Vec<String> {
        self.wrap_after(style, text, width, width)
    }

    /// Like [`Canvas::wrap`], the first line `first` mm wide (text following a lead-in).
    pub(crate) fn wrap_after(
        &self,
        style: Style,
        text: &str,
        first: f32,
        width: f32,
    ) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { width };
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(style, &candidate) <= limit(&lines) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line: cut it.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(style, &piece) > limit(&lines) && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    }

    /// Wrapped text from `top_baseline` down; returns the baseline after the last line.
    pub(crate) fn paragraph(
        &mut self,
        x: f32,
        top_baseline: f32,
        width: f32,
        style: Style,
        text: &str,
    ) -> f32 {
        let mut y = top_baseline;
        for line in self.wrap(style, text, width) {
            self.text(x, y, style, &line);
            y += style.leading();
        }
        y
    }

    /// A filled rectangle; `top` and `height` in mm from the top.
    pub(crate) fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, fill: colour::Rgb8) {
        let ring = |x0: f32, y0: f32, x1: f32, y1: f32| PolygonRing {
            points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                .into_iter()
                .map(|(x, y)| LinePoint {
                    p: point(x, y),
                    bezier: false,
                })
                .collect(),
        };
        self.ops().extend([
            Op::SetFillColor { col: color(fill) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![ring(x, top, x + w, top + h)],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// Many filled rectangles `(x, top, w, h)` as one path (a QR code's modules: one shape,
    /// no hairline seams between neighbours).
    pub(crate) fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)], fill: colour::Rgb8) {
        let rings = rects
            .iter()
            .map(|&(x, top, w, h)| PolygonRing {
                points: [(x, top), (x + w, top), (x + w, top + h), (x, top + h)]
                    .into_iter()
                    .map(|(x, y)| LinePoint {
                        p: point(x, y),
                        bezier: false,
                    })
                    .collect(),
            })
            .collect();
        self.ops().extend([
            Op::SetFillColor { col: color(fill) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// A horizontal rule `thickness` points thick.
    pub(crate) fn hrule(&mut self, x0: f32, x1: f32, y: f32, thickness: f32, c: colour::Rgb8) {
        self.ops().extend([
            Op::SetOutlineColor { col: color(c) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(x0, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(x1, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// The PDF file: compressed, fonts embedded, dated `created`.
    pub(crate) fn finish(
        mut self,
        subject: &str,
        lang: cup_domain::Lang,
        created: DateTime<Utc>,
    ) -> Vec<u8> {
        let date = printpdf::OffsetDateTime::from_unix_timestamp(created.timestamp())
            .unwrap_or_else(|_| printpdf::PdfDocumentInfo::default().creation_date);
        let info = &mut self.doc.metadata.info;
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.author = "CUP Toscana".to_owned();
        info.creator = "CUP Toscana".to_owned();
        info.producer = "CUP Toscana (printpdf)".to_owned();
        info.subject = subject.to_owned();
        info.keywords = vec![match lang {
            cup_domain::Lang::It => "it".to_owned(),
            cup_domain::Lang::En => "en".to_owned(),
        }];
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|ops| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops))
            .collect();
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}
