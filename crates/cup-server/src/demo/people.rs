//! Synthetic people: lists of common Italian given and family names (combined freely, so
//! no real person is described), birth places with their Belfiore codes, and the
//! codice fiscale rules that turn names into the 3-letter codes.

/// Common male given names.
pub(super) const MALE_NAMES: &[&str] = &[
    "MARCO",
    "ANDREA",
    "LUCA",
    "GIUSEPPE",
    "FRANCESCO",
    "ALESSANDRO",
    "MATTEO",
    "LORENZO",
    "DAVIDE",
    "STEFANO",
    "SIMONE",
    "RICCARDO",
    "FEDERICO",
    "GIOVANNI",
    "ROBERTO",
    "PAOLO",
    "MASSIMO",
    "FABIO",
    "ANTONIO",
    "MARIO",
    "GIORGIO",
    "NICCOLO",
    "TOMMASO",
    "LEONARDO",
    "GABRIELE",
    "FILIPPO",
    "EMANUELE",
    "ENRICO",
    "CLAUDIO",
    "SERGIO",
    "BRUNO",
    "PIERO",
    "GIANFRANCO",
    "FRANCO",
    "RENZO",
    "DARIO",
    "MAURO",
    "MICHELE",
    "VALERIO",
    "JACOPO",
    "EDOARDO",
    "DUCCIO",
    "GUIDO",
    "ALBERTO",
    "CARLO",
    "LUIGI",
    "VITTORIO",
    "SAMUELE",
];

/// Common female given names.
pub(super) const FEMALE_NAMES: &[&str] = &[
    "GIULIA",
    "FRANCESCA",
    "CHIARA",
    "SARA",
    "MARTINA",
    "ELENA",
    "VALENTINA",
    "ALESSIA",
    "SILVIA",
    "FEDERICA",
    "ELISA",
    "LAURA",
    "ANNA",
    "MARIA",
    "PAOLA",
    "CRISTINA",
    "BARBARA",
    "ROBERTA",
    "SIMONA",
    "MONICA",
    "BEATRICE",
    "CATERINA",
    "COSTANZA",
    "LUCIA",
    "GIOVANNA",
    "ROSSELLA",
    "SERENA",
    "ILARIA",
    "MARTA",
    "CAMILLA",
    "AURORA",
    "SOFIA",
    "GINEVRA",
    "BIANCA",
    "ALICE",
    "NOEMI",
    "CARLA",
    "DANIELA",
    "PATRIZIA",
    "TERESA",
    "GABRIELLA",
    "LORETTA",
    "MIRELLA",
    "BRUNA",
    "ADA",
    "IDA",
    "EVA",
    "AGNESE",
];

/// Common family names (Tuscan and Italian).
pub(super) const FAMILY_NAMES: &[&str] = &[
    "ROSSI",
    "BIANCHI",
    "ROMANO",
    "COLOMBO",
    "RICCI",
    "MARINO",
    "GRECO",
    "BRUNO",
    "GALLI",
    "CONTI",
    "DE LUCA",
    "MANCINI",
    "COSTA",
    "GIORDANO",
    "RIZZO",
    "LOMBARDI",
    "MORETTI",
    "BARBIERI",
    "FONTANA",
    "SANTORO",
    "MARIANI",
    "RINALDI",
    "CARUSO",
    "FERRARA",
    "GALLO",
    "MARTINI",
    "LEONE",
    "LONGO",
    "GENTILE",
    "MARTINELLI",
    "VITALE",
    "LOMBARDO",
    "SERRA",
    "COPPOLA",
    "DE SANTIS",
    "D'ANGELO",
    "MARCHETTI",
    "PARISI",
    "VILLA",
    "CONTE",
    "FERRARI",
    "FABBRI",
    "BENEDETTI",
    "BERNARDINI",
    "BALDI",
    "BARONI",
    "BECATTINI",
    "BARTOLINI",
    "BARDUCCI",
    "BIAGINI",
    "BINI",
    "BONCIANI",
    "BRACCI",
    "CAMBI",
    "CAPPELLI",
    "CECCHI",
    "CIONI",
    "CORSI",
    "FANTONI",
    "FIORAVANTI",
    "GORI",
    "GIANNINI",
    "GUIDI",
    "INNOCENTI",
    "LANDINI",
    "LAZZERI",
    "LENZI",
    "LOTTI",
    "MAGNI",
    "MANNUCCI",
    "MASINI",
    "MAZZONI",
    "MELANI",
    "NANNINI",
    "NENCINI",
    "NICCOLAI",
    "PACINI",
    "PAOLETTI",
    "PIERONI",
    "PUCCI",
    "RAFFAELLI",
    "SALVADORI",
    "SANI",
    "SARTI",
    "TADDEI",
    "TANI",
    "TOCCAFONDI",
    "TURCHI",
    "VANNINI",
    "VANNUCCI",
    "VIVIANI",
    "ZANOBINI",
    "DEL BENE",
    "DELL'AGNELLO",
    "LI",
    "FO",
];

/// Birth places in Toscana: town, Belfiore code (most citizens are born here).
pub(super) const BIRTH_TOSCANA: &[(&str, &str)] = &[
    ("FIRENZE", "D612"),
    ("PRATO", "G999"),
    ("PISA", "G702"),
    ("SIENA", "I726"),
    ("LIVORNO", "E625"),
    ("AREZZO", "A390"),
    ("LUCCA", "E715"),
    ("PISTOIA", "G713"),
    ("GROSSETO", "E202"),
    ("MASSA", "F023"),
    ("CARRARA", "B832"),
    ("VIAREGGIO", "L833"),
    ("SCANDICCI", "B962"),
    ("EMPOLI", "D403"),
    ("SESTO FIORENTINO", "I684"),
    ("CAMPI BISENZIO", "B507"),
    ("POGGIBONSI", "G752"),
    ("MONTEVARCHI", "F656"),
    ("CORTONA", "D077"),
    ("PIOMBINO", "G687"),
    ("CECINA", "C415"),
    ("PONTEDERA", "G843"),
    ("PESCIA", "G491"),
    ("BAGNO A RIPOLI", "A564"),
    ("FIESOLE", "D575"),
    ("ORBETELLO", "G088"),
    ("FOLLONICA", "D656"),
];

/// Birth places elsewhere in Italy.
pub(super) const BIRTH_ITALY: &[(&str, &str)] = &[
    ("ROMA", "H501"),
    ("MILANO", "F205"),
    ("NAPOLI", "F839"),
    ("TORINO", "L219"),
    ("BOLOGNA", "A944"),
    ("GENOVA", "D969"),
    ("PALERMO", "G273"),
    ("BARI", "A662"),
    ("PERUGIA", "G478"),
    ("LA SPEZIA", "E463"),
    ("CATANIA", "C351"),
    ("CAGLIARI", "B354"),
];

/// Birth countries abroad (Belfiore Z codes).
pub(super) const BIRTH_ABROAD: &[(&str, &str)] = &[
    ("ALBANIA", "Z100"),
    ("ROMANIA", "Z129"),
    ("MAROCCO", "Z330"),
    ("CINA", "Z210"),
    ("FILIPPINE", "Z216"),
    ("PERU'", "Z611"),
    ("GERMANIA", "Z112"),
    ("FRANCIA", "Z110"),
    ("SENEGAL", "Z343"),
    ("UCRAINA", "Z138"),
    ("BRASILE", "Z602"),
    ("INDIA", "Z222"),
    ("SVIZZERA", "Z133"),
    ("SPAGNA", "Z131"),
];

/// Upper-case ASCII letters of a name: accents stripped, spaces and apostrophes removed.
fn letters(name: &str) -> Vec<u8> {
    name.chars()
        .filter_map(|c| {
            let c = match c.to_ascii_uppercase() {
                'À' | 'Á' | 'à' | 'á' => 'A',
                'È' | 'É' | 'è' | 'é' => 'E',
                'Ì' | 'Í' | 'ì' | 'í' => 'I',
                'Ò' | 'Ó' | 'ò' | 'ó' => 'O',
                'Ù' | 'Ú' | 'ù' | 'ú' => 'U',
                other => other,
            };
            c.is_ascii_uppercase().then_some(c as u8)
        })
        .collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn split(name: &str) -> (Vec<u8>, Vec<u8>) {
    letters(name).into_iter().partition(|&c| !is_vowel(c))
}

fn three(chars: impl Iterator<Item = u8>) -> String {
    chars
        .chain(std::iter::repeat(b'X'))
        .take(3)
        .map(char::from)
        .collect()
}

/// The 3-letter surname code of the codice fiscale: consonants, then vowels, then `X`.
/// `ROSSI` -> `RSS`, `BIANCHI` -> `BNC`, `LI` -> `LIX`, `D'ANGELO` -> `DNG`.
pub fn surname_code(surname: &str) -> String {
    let (consonants, vowels) = split(surname);
    three(consonants.into_iter().chain(vowels))
}

/// The 3-letter given-name code: with 4 or more consonants the 1st, 3rd and 4th; otherwise
/// as for the surname. `MARIO` -> `MRA`, `GIANFRANCO` -> `GFR`, `LI` -> `LIX`.
pub fn name_code(name: &str) -> String {
    let (consonants, vowels) = split(name);
    if consonants.len() >= 4 {
        three([consonants[0], consonants[2], consonants[3]].into_iter())
    } else {
        three(consonants.into_iter().chain(vowels))
    }
}

/// A lower-case ASCII e-mail local part from names: `giulia.del.bene`.
pub(super) fn email_local(given: &str, family: &str) -> String {
    let part = |s: &str| -> String {
        s.split([' ', '\''])
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join(".")
    };
    format!("{}.{}", part(given), part(family))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_codes() {
        assert_eq!(surname_code("ROSSI"), "RSS");
        assert_eq!(surname_code("BIANCHI"), "BNC");
        assert_eq!(surname_code("LI"), "LIX");
        assert_eq!(surname_code("FO"), "FOX");
        assert_eq!(surname_code("DE LUCA"), "DLC");
        assert_eq!(surname_code("D'ANGELO"), "DNG");
        assert_eq!(surname_code("ROSA"), "RSO");
        assert_eq!(surname_code("BELARDINELLI"), "BLR");
        assert_eq!(surname_code("DELL'AGNELLO"), "DLL");
        assert_eq!(surname_code("Poè"), "POE");
        assert_eq!(surname_code("I"), "IXX");
    }

    #[test]
    fn name_codes() {
        assert_eq!(name_code("MARIO"), "MRA");
        assert_eq!(name_code("GIANFRANCO"), "GFR");
        assert_eq!(name_code("LI"), "LIX");
        assert_eq!(name_code("ANDREA"), "NDR");
        assert_eq!(name_code("MATTEO"), "MTT");
        assert_eq!(name_code("ALESSANDRO"), "LSN");
        assert_eq!(name_code("NICCOLÒ"), "NCL");
        assert_eq!(name_code("EVA"), "VEA");
        assert_eq!(name_code("ADA"), "DAA");
        assert_eq!(name_code("GIULIA"), "GLI");
        assert_eq!(name_code("FRANCESCA"), "FNC");
    }

    #[test]
    fn matches_the_domain_examples() {
        // RSSMRA85T10A562S: ROSSI MARIO.
        assert_eq!(
            format!("{}{}", surname_code("ROSSI"), name_code("MARIO")),
            "RSSMRA"
        );
    }

    #[test]
    fn email_parts() {
        assert_eq!(email_local("GIULIA", "DEL BENE"), "giulia.del.bene");
        assert_eq!(email_local("ANNA", "D'ANGELO"), "anna.d.angelo");
    }
}
