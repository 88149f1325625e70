//! The parts the promemoria and the payment notice share: the blue band and the title, section
//! headings, grids of labelled fields, tinted notes, bullet lists, the footer with page
//! numbers; the cursor moves down the page and a new page starts when one is full.

use chrono::{DateTime, Utc};
use cup_domain::Lang;

use super::DocumentError;
use super::layout::{Canvas, PAGE_HEIGHT, PAGE_WIDTH, Style, colour};

pub(crate) const MARGIN: f32 = 18.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Content stops here; the footer lives below.
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 17.5;
const BAND_HEIGHT: f32 = 13.0;
/// The content height of a page after the band.
const PAGE_ROOM: f32 = CONTENT_BOTTOM - BAND_HEIGHT - 10.0;
const GAP: f32 = 6.0;

pub(crate) const LABEL: Style = Style::regular(8.0, colour::MUTED);
pub(crate) const VALUE: Style = Style::regular(10.5, colour::TEXT);
pub(crate) const VALUE_STRONG: Style = Style::bold(10.5, colour::TEXT);
pub(crate) const BODY: Style = Style::regular(9.5, colour::TEXT);
pub(crate) const BODY_STRONG: Style = Style::bold(9.5, colour::TEXT);
const HEADING: Style = Style::bold(11.5, colour::PRIMARY);
const SMALL: Style = Style::regular(7.5, colour::MUTED);

/// "Italian or English": the documents' two languages.
pub(crate) fn tr(lang: Lang, it: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::It => it,
        Lang::En => en,
    }
}

/// A labelled value in a grid row.
pub(crate) struct Field {
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) style: Style,
    /// Relative width in its row.
    pub(crate) weight: f32,
}

impl Field {
    pub(crate) fn new(label: &str, value: impl Into<String>) -> Self {
        Field {
            label: label.to_owned(),
            value: value.into(),
            style: VALUE,
            weight: 1.0,
        }
    }

    pub(crate) fn strong(mut self) -> Self {
        self.style = VALUE_STRONG;
        self
    }

    pub(crate) fn styled(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    pub(crate) fn weight(mut self, weight: f32) -> Self {
        self.weight = weight;
        self
    }
}

/// A document being composed top-down.
pub(crate) struct Sheet {
    pub(crate) canvas: Canvas,
    /// The cursor, mm from the top of the current page.
    pub(crate) y: f32,
    lang: Lang,
    band_right: String,
}

impl Sheet {
    /// A first page with the band (`band_right` on its right) and the title.
    pub(crate) fn new(title: &str, band_right: &str, lang: Lang) -> Result<Self, DocumentError> {
        let mut sheet = Sheet {
            canvas: Canvas::new(title)?,
            y: 0.0,
            lang,
            band_right: band_right.to_owned(),
        };
        sheet.band();
        sheet
            .canvas
            .text(MARGIN, 26.0, Style::bold(19.0, colour::PRIMARY_DARK), title);
        sheet.y = 31.5;
        Ok(sheet)
    }

    fn band(&mut self) {
        self.canvas
            .fill_rect(0.0, 0.0, PAGE_WIDTH, BAND_HEIGHT, colour::PRIMARY);
        self.canvas
            .text(MARGIN, 8.4, Style::bold(11.0, colour::WHITE), "CUP Toscana");
        let right = self.band_right.clone();
        self.canvas.text_right(
            PAGE_WIDTH - MARGIN,
            8.2,
            Style::regular(8.5, colour::WHITE),
            &right,
        );
        self.y = BAND_HEIGHT + 10.0;
    }

    /// Makes room for `height` mm: a new page when the current one is full.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM {
            self.canvas.new_page();
            self.band();
        }
    }

    /// A section heading with a rule under it.
    pub(crate) fn heading(&mut self, text: &str) {
        self.ensure(20.0);
        self.y += 3.2;
        self.canvas.text(MARGIN, self.y, HEADING, text);
        self.y += 2.0;
        self.canvas
            .hrule(MARGIN, PAGE_WIDTH - MARGIN, self.y, 0.6, colour::RULE);
        self.y += 5.0;
    }

    /// The height a grid row takes.
    fn row_height(&self, fields: &[Field], widths: &[f32]) -> f32 {
        let lines = fields
            .iter()
            .zip(widths)
            .map(|(f, w)| self.canvas.wrap(f.style, &f.value, *w).len() as f32 * f.style.leading())
            .fold(0.0, f32::max);
        LABEL.leading() + lines + 1.2
    }

    fn widths(fields: &[Field], total: f32) -> Vec<f32> {
        let weights: f32 = fields.iter().map(|f| f.weight).sum::<f32>().max(0.01);
        let usable = total - GAP * (fields.len().saturating_sub(1)) as f32;
        fields.iter().map(|f| usable * f.weight / weights).collect()
    }

    /// A row of labelled values, the label small above each value.
    pub(crate) fn row(&mut self, fields: &[Field]) {
        self.row_in(MARGIN, CONTENT_WIDTH, fields);
    }

    /// A row of labelled values in `[x, x + width]`.
    pub(crate) fn row_in(&mut self, x: f32, width: f32, fields: &[Field]) {
        let widths = Self::widths(fields, width);
        let height = self.row_height(fields, &widths);
        self.ensure(height);
        let mut left = x;
        for (field, w) in fields.iter().zip(&widths) {
            self.canvas.text(left, self.y, LABEL, &field.label);
            let first = self.y + LABEL.leading() + field.style.size * 0.12;
            self.canvas
                .paragraph(left, first, *w, field.style, &field.value);
            left += w + GAP;
        }
        self.y += height + 0.8;
    }

    /// A paragraph across the content width.
    pub(crate) fn paragraph(&mut self, style: Style, text: &str) {
        let lines = self.canvas.wrap(style, text, CONTENT_WIDTH);
        // Kept together when it fits a page; otherwise it flows line by line.
        let height = lines.len() as f32 * style.leading() + 1.0;
        if height <= PAGE_ROOM {
            self.ensure(height);
        }
        for line in lines {
            self.ensure(style.leading());
            self.canvas.text(MARGIN, self.y, style, &line);
            self.y += style.leading();
        }
        self.y += 1.0;
    }

    /// A tinted note with a coloured bar on its left: `title` (may be empty) then `text`.
    pub(crate) fn note(&mut self, title: &str, text: &str, bar: colour::Rgb8, tint: colour::Rgb8) {
        let inner = CONTENT_WIDTH - 10.0;
        let lines = self.canvas.wrap(BODY, text, inner);
        let title_lines = if title.is_empty() {
            Vec::new()
        } else {
            self.canvas.wrap(BODY_STRONG, title, inner)
        };
        let height = title_lines.len() as f32 * BODY_STRONG.leading()
            + lines.len() as f32 * BODY.leading()
            + 3.4;
        if height + 2.0 > PAGE_ROOM {
            // Taller than a page: plain paragraphs that flow across pages.
            if !title.is_empty() {
                self.paragraph(BODY_STRONG, title);
            }
            self.paragraph(BODY, text);
            self.y += 3.0;
            return;
        }
        self.ensure(height + 2.0);
        let top = self.y - 4.0;
        self.canvas
            .fill_rect(MARGIN, top, CONTENT_WIDTH, height, tint);
        self.canvas.fill_rect(MARGIN, top, 1.4, height, bar);
        let mut y = self.y;
        for line in title_lines {
            self.canvas.text(MARGIN + 5.0, y, BODY_STRONG, &line);
            y += BODY_STRONG.leading();
        }
        self.canvas.paragraph(MARGIN + 5.0, y, inner, BODY, text);
        self.y = top + height + 5.0;
    }

    /// A bullet list: each item a bold lead-in and its text.
    pub(crate) fn bullets(&mut self, items: &[(&str, String)]) {
        let indent = 5.0;
        let width = CONTENT_WIDTH - indent;
        for (lead, text) in items {
            let lead_width = self.canvas.width(BODY_STRONG, lead) + self.canvas.width(BODY, " ");
            let lines = self
                .canvas
                .wrap_after(BODY, text, width - lead_width, width);
            self.ensure(lines.len() as f32 * BODY.leading() + 1.2);
            self.canvas.text(
                MARGIN + 0.8,
                self.y,
                Style::bold(9.5, colour::PRIMARY),
                "\u{2022}",
            );
            self.canvas.text(MARGIN + indent, self.y, BODY_STRONG, lead);
            let mut y = self.y;
            for (i, line) in lines.iter().enumerate() {
                let x = if i == 0 {
                    MARGIN + indent + lead_width
                } else {
                    MARGIN + indent
                };
                self.canvas.text(x, y, BODY, line);
                y += BODY.leading();
            }
            self.y = y + 1.2;
        }
    }

    /// Vertical space.
    pub(crate) fn space(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Footers on every page (`note` on the left, "Pagina i di n" on the right), and the file.
    pub(crate) fn finish(mut self, note: &str, subject: &str, created: DateTime<Utc>) -> Vec<u8> {
        let count = self.canvas.page_count();
        let lang = self.lang;
        for index in 0..count {
            let page = match lang {
                Lang::It => format!("Pagina {} di {count}", index + 1),
                Lang::En => format!("Page {} of {count}", index + 1),
            };
            self.canvas.with_page(index, |c| {
                let y = PAGE_HEIGHT - 10.5;
                c.hrule(MARGIN, PAGE_WIDTH - MARGIN, y - 3.8, 0.5, colour::RULE);
                let lines = c.wrap(SMALL, note, CONTENT_WIDTH - 30.0);
                let mut line_y = y;
                for line in lines {
                    c.text(MARGIN, line_y, SMALL, &line);
                    line_y += SMALL.leading();
                }
                c.text_right(PAGE_WIDTH - MARGIN, y, SMALL, &page);
            });
        }
        self.canvas.finish(subject, lang, created)
    }
}
