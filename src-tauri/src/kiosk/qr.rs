//! The QR code the kiosk shows after a booking, so the citizen takes it home on a phone:
//! it carries the CUP booking number only (`CUP:202600000005`), never personal data. With the
//! number, the citizen finds the booking in GESTISCI (with their card) or at the CUP.

use cup_domain::CupNumber;
use qrcode::{Color, EcLevel, QrCode};

/// The text of the QR code: the CUP number and nothing else.
pub fn payload(cup: &CupNumber) -> String {
    format!("CUP:{}", cup.as_str())
}

/// Light modules around the code, as ISO 18004 asks.
const QUIET_ZONE: usize = 4;

/// The QR code of a CUP number as a standalone SVG document (black modules on white, one
/// unit per module), for an `<img src="data:image/svg+xml,...">`.
pub fn svg(cup: &CupNumber) -> String {
    // 16 bytes always fit a version-1 code at level M; the error cannot happen.
    let Ok(code) = QrCode::with_error_correction_level(payload(cup).as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (index, colour) in code.to_colors().iter().enumerate() {
        if *colour == Color::Dark {
            let (x, y) = (index % width + QUIET_ZONE, index / width + QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the dark modules back from the SVG's path and draws them, 8 pixels a module.
    fn rasterise(svg: &str) -> image::GrayImage {
        let side: u32 = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("viewBox");
        let scale = 8;
        let mut image =
            image::GrayImage::from_pixel(side * scale, side * scale, image::Luma([255]));
        let path = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|d| d.split('"').next())
            .expect("path");
        for module in path.split('M').filter(|m| !m.is_empty()) {
            let coordinates = module.strip_suffix("h1v1h-1z").expect("one module");
            let (x, y) = coordinates.split_once(' ').expect("x y");
            let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
            for dy in 0..scale {
                for dx in 0..scale {
                    image.put_pixel(x * scale + dx, y * scale + dy, image::Luma([0]));
                }
            }
        }
        image
    }

    #[test]
    fn the_code_carries_the_cup_number_only() {
        let cup = CupNumber::parse("202600000005").unwrap();
        assert_eq!(payload(&cup), "CUP:202600000005");
        let svg = svg(&cup);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!svg.contains("<script"));
        let mut prepared = rqrr::PreparedImage::prepare(rasterise(&svg));
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, "CUP:202600000005");
    }
}
