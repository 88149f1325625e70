//! Italian regions and autonomous provinces by their 3-digit code, as used in the first
//! three characters of an NRE. Source: DOMAIN.md "NRE" (region code table).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A region (or autonomous province) of the national health service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Piemonte,
    ValleDAosta,
    Lombardia,
    Bolzano,
    Trento,
    Veneto,
    FriuliVeneziaGiulia,
    Liguria,
    EmiliaRomagna,
    Toscana,
    Umbria,
    Marche,
    Lazio,
    Abruzzo,
    Molise,
    Campania,
    Puglia,
    Basilicata,
    Calabria,
    Sicilia,
    Sardegna,
}

const TABLE: [(Region, &str, &str); 21] = [
    (Region::Piemonte, "010", "Piemonte"),
    (Region::ValleDAosta, "020", "Valle d'Aosta"),
    (Region::Lombardia, "030", "Lombardia"),
    (Region::Bolzano, "041", "P.A. Bolzano"),
    (Region::Trento, "042", "P.A. Trento"),
    (Region::Veneto, "050", "Veneto"),
    (Region::FriuliVeneziaGiulia, "060", "Friuli-Venezia Giulia"),
    (Region::Liguria, "070", "Liguria"),
    (Region::EmiliaRomagna, "080", "Emilia-Romagna"),
    (Region::Toscana, "090", "Toscana"),
    (Region::Umbria, "100", "Umbria"),
    (Region::Marche, "110", "Marche"),
    (Region::Lazio, "120", "Lazio"),
    (Region::Abruzzo, "130", "Abruzzo"),
    (Region::Molise, "140", "Molise"),
    (Region::Campania, "150", "Campania"),
    (Region::Puglia, "160", "Puglia"),
    (Region::Basilicata, "170", "Basilicata"),
    (Region::Calabria, "180", "Calabria"),
    (Region::Sicilia, "190", "Sicilia"),
    (Region::Sardegna, "200", "Sardegna"),
];

impl Region {
    /// Every region, in code order.
    pub fn all() -> impl Iterator<Item = Region> {
        TABLE.iter().map(|(r, _, _)| *r)
    }

    /// The region for a 3-digit code, e.g. `"090"` -> Toscana.
    pub fn from_code(code: &str) -> Option<Region> {
        TABLE
            .iter()
            .find(|(_, c, _)| *c == code)
            .map(|(r, _, _)| *r)
    }

    fn row(self) -> &'static (Region, &'static str, &'static str) {
        // The table lists every variant in declaration order.
        &TABLE[self as usize]
    }

    /// The 3-digit code, e.g. `"090"`.
    pub fn code(self) -> &'static str {
        self.row().1
    }

    /// The Italian name, e.g. `"Toscana"` (a proper name: not translated).
    pub fn name(self) -> &'static str {
        self.row().2
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Serialised as its 3-digit code.
impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Region::from_code(&s).ok_or_else(|| serde::de::Error::custom("unknown region code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_declaration_order() {
        for (i, r) in Region::all().enumerate() {
            assert_eq!(r as usize, i);
            assert_eq!(Region::from_code(r.code()), Some(r));
        }
        assert_eq!(Region::all().count(), 21);
    }

    #[test]
    fn toscana() {
        assert_eq!(Region::from_code("090"), Some(Region::Toscana));
        assert_eq!(Region::Toscana.name(), "Toscana");
        assert_eq!(Region::from_code("040"), None);
        assert_eq!(serde_json::to_string(&Region::Lazio).unwrap(), "\"120\"");
    }
}
