//! Fixed geography of the demo region: the three ASLs of Toscana, their health zones
//! ("zone-distretto", named the way the CUP portal shows them: "AREA DI PRATO - PRATESE"),
//! the towns of each zone with approximate coordinates, and the main hospitals.
//!
//! Public place and street names only; addresses of generated facilities are plausible,
//! not authoritative.

/// An ASL: code, name.
pub(super) const ASLS: [(&str, &str); 3] = [
    ("201", "AZIENDA USL TOSCANA CENTRO"),
    ("202", "AZIENDA USL TOSCANA NORD OVEST"),
    ("203", "AZIENDA USL TOSCANA SUD EST"),
];

/// A town of a zone: `"CITY"` or `"CITY/QUARTER"` (a quarter of a big city gets its own
/// facility), province, latitude, longitude.
pub(super) type Town = (&'static str, &'static str, f64, f64);

/// A health zone: ASL index (0..3), name, towns (the first is the zone's main town).
pub(super) struct ZoneDef {
    pub asl: usize,
    pub name: &'static str,
    pub towns: &'static [Town],
}

pub(super) const ZONES: &[ZoneDef] = &[
    // --- Azienda USL Toscana Centro ---
    ZoneDef {
        asl: 0,
        name: "AREA DI FIRENZE - FIORENTINA",
        towns: &[
            ("FIRENZE/LUNGARNO SANTA ROSA", "FI", 43.7680, 11.2380),
            ("FIRENZE/LE PIAGGE", "FI", 43.7960, 11.1980),
            ("FIRENZE/MORGAGNI", "FI", 43.8010, 11.2460),
            ("FIRENZE/DALMAZIA", "FI", 43.7930, 11.2360),
            ("FIRENZE/D'ANNUNZIO", "FI", 43.7780, 11.2850),
            ("FIRENZE/ISOLOTTO", "FI", 43.7650, 11.2150),
            ("FIRENZE/GAVINANA", "FI", 43.7580, 11.2750),
            ("FIRENZE/CAMPO DI MARTE", "FI", 43.7760, 11.2780),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI FIRENZE - FIORENTINA NORD-OVEST",
        towns: &[
            ("SCANDICCI", "FI", 43.7544, 11.1894),
            ("SESTO FIORENTINO", "FI", 43.8319, 11.1990),
            ("CAMPI BISENZIO", "FI", 43.8230, 11.1350),
            ("CALENZANO", "FI", 43.8640, 11.1640),
            ("SIGNA", "FI", 43.7810, 11.0970),
            ("LASTRA A SIGNA", "FI", 43.7700, 11.1050),
            ("FIESOLE", "FI", 43.8060, 11.2930),
            ("VAGLIA", "FI", 43.9110, 11.2790),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI FIRENZE - FIORENTINA SUD-EST",
        towns: &[
            ("BAGNO A RIPOLI", "FI", 43.7510, 11.3200),
            ("PONTASSIEVE", "FI", 43.7750, 11.4370),
            ("FIGLINE E INCISA VALDARNO", "FI", 43.6200, 11.4690),
            ("REGGELLO", "FI", 43.6820, 11.5330),
            ("GREVE IN CHIANTI", "FI", 43.5840, 11.3170),
            ("IMPRUNETA", "FI", 43.6860, 11.2540),
            ("SAN CASCIANO IN VAL DI PESA", "FI", 43.6570, 11.1850),
            ("RUFINA", "FI", 43.8240, 11.4900),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI FIRENZE - MUGELLO",
        towns: &[
            ("BORGO SAN LORENZO", "FI", 43.9550, 11.3850),
            ("BARBERINO DI MUGELLO", "FI", 43.9990, 11.2380),
            ("SCARPERIA E SAN PIERO", "FI", 43.9950, 11.3550),
            ("VICCHIO", "FI", 43.9330, 11.4660),
            ("FIRENZUOLA", "FI", 44.1190, 11.3780),
            ("MARRADI", "FI", 44.0740, 11.6140),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI EMPOLI - EMPOLESE VALDARNO INFERIORE",
        towns: &[
            ("EMPOLI", "FI", 43.7190, 10.9460),
            ("FUCECCHIO", "FI", 43.7290, 10.8080),
            ("CASTELFIORENTINO", "FI", 43.6090, 10.9700),
            ("CERTALDO", "FI", 43.5480, 11.0410),
            ("SAN MINIATO", "PI", 43.6800, 10.8500),
            ("MONTELUPO FIORENTINO", "FI", 43.7300, 11.0200),
            ("VINCI", "FI", 43.7870, 10.9260),
            ("SANTA CROCE SULL'ARNO", "PI", 43.7110, 10.7770),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI PRATO - PRATESE",
        towns: &[
            ("PRATO", "PO", 43.8777, 11.1022),
            ("PRATO/SAN PAOLO", "PO", 43.8700, 11.0800),
            ("MONTEMURLO", "PO", 43.9260, 11.0360),
            ("VAIANO", "PO", 43.9690, 11.1230),
            ("CARMIGNANO", "PO", 43.8100, 11.0140),
            ("POGGIO A CAIANO", "PO", 43.8150, 11.0560),
            ("VERNIO", "PO", 44.0460, 11.1500),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI PISTOIA - PISTOIESE",
        towns: &[
            ("PISTOIA", "PT", 43.9330, 10.9170),
            ("QUARRATA", "PT", 43.8480, 10.9830),
            ("AGLIANA", "PT", 43.9040, 11.0060),
            ("SAN MARCELLO PITEGLIO", "PT", 44.0560, 10.7950),
            ("SERRAVALLE PISTOIESE", "PT", 43.9050, 10.8320),
            ("MONTALE", "PT", 43.9250, 11.0160),
        ],
    },
    ZoneDef {
        asl: 0,
        name: "AREA DI PISTOIA - VAL DI NIEVOLE",
        towns: &[
            ("MONTECATINI TERME", "PT", 43.8830, 10.7730),
            ("PESCIA", "PT", 43.9010, 10.6900),
            ("MONSUMMANO TERME", "PT", 43.8740, 10.8140),
            ("PIEVE A NIEVOLE", "PT", 43.8780, 10.8000),
            ("LAMPORECCHIO", "PT", 43.8170, 10.8940),
            ("BUGGIANO", "PT", 43.8760, 10.7280),
            ("PONTE BUGGIANESE", "PT", 43.8420, 10.7460),
        ],
    },
    // --- Azienda USL Toscana Nord Ovest ---
    ZoneDef {
        asl: 1,
        name: "AREA DI MASSA E CARRARA - LUNIGIANA",
        towns: &[
            ("AULLA", "MS", 44.2070, 9.9720),
            ("PONTREMOLI", "MS", 44.3760, 9.8800),
            ("FIVIZZANO", "MS", 44.2380, 10.1250),
            ("VILLAFRANCA IN LUNIGIANA", "MS", 44.2920, 9.9510),
            ("LICCIANA NARDI", "MS", 44.2640, 10.0370),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI MASSA E CARRARA - APUANE",
        towns: &[
            ("MASSA", "MS", 44.0350, 10.1390),
            ("CARRARA", "MS", 44.0790, 10.0970),
            ("MONTIGNOSO", "MS", 44.0150, 10.1700),
            ("CARRARA/MARINA DI CARRARA", "MS", 44.0400, 10.0450),
            ("MASSA/MARINA DI MASSA", "MS", 44.0100, 10.1100),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI LUCCA - VALLE DEL SERCHIO",
        towns: &[
            ("CASTELNUOVO DI GARFAGNANA", "LU", 44.1100, 10.4090),
            ("BARGA", "LU", 44.0750, 10.4810),
            ("BAGNI DI LUCCA", "LU", 44.0100, 10.5900),
            ("BORGO A MOZZANO", "LU", 43.9790, 10.5450),
            ("PIAZZA AL SERCHIO", "LU", 44.1850, 10.2980),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI LUCCA - PIANA DI LUCCA",
        towns: &[
            ("LUCCA", "LU", 43.8430, 10.5040),
            ("LUCCA/SANT'ANNA", "LU", 43.8450, 10.4850),
            ("CAPANNORI", "LU", 43.8420, 10.5730),
            ("ALTOPASCIO", "LU", 43.8160, 10.6770),
            ("PORCARI", "LU", 43.8400, 10.6170),
            ("MONTECARLO", "LU", 43.8500, 10.6680),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI VIAREGGIO - VERSILIA",
        towns: &[
            ("VIAREGGIO", "LU", 43.8670, 10.2500),
            ("CAMAIORE", "LU", 43.9390, 10.3030),
            ("PIETRASANTA", "LU", 43.9590, 10.2270),
            ("FORTE DEI MARMI", "LU", 43.9630, 10.1750),
            ("MASSAROSA", "LU", 43.8670, 10.3410),
            ("SERAVEZZA", "LU", 43.9940, 10.2280),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI PISA - PISANA",
        towns: &[
            ("PISA", "PI", 43.7228, 10.4017),
            ("PISA/PORTA A MARE", "PI", 43.7080, 10.3850),
            ("SAN GIULIANO TERME", "PI", 43.7620, 10.4410),
            ("CASCINA", "PI", 43.6760, 10.5520),
            ("VECCHIANO", "PI", 43.7830, 10.3880),
            ("CALCI", "PI", 43.7240, 10.5170),
            ("VICOPISANO", "PI", 43.6990, 10.5830),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI PISA - ALTA VAL DI CECINA-VALDERA",
        towns: &[
            ("PONTEDERA", "PI", 43.6630, 10.6330),
            ("VOLTERRA", "PI", 43.4020, 10.8610),
            ("PONSACCO", "PI", 43.6210, 10.6290),
            ("POMARANCE", "PI", 43.3000, 10.8730),
            ("PECCIOLI", "PI", 43.5500, 10.7170),
            ("CASCIANA TERME LARI", "PI", 43.5670, 10.5930),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI LIVORNO - LIVORNESE",
        towns: &[
            ("LIVORNO", "LI", 43.5485, 10.3106),
            ("LIVORNO/ARDENZA", "LI", 43.5220, 10.3190),
            ("LIVORNO/LA ROSA", "LI", 43.5390, 10.3300),
            ("LIVORNO/SALVIANO", "LI", 43.5300, 10.3350),
            ("COLLESALVETTI", "LI", 43.5890, 10.4760),
            ("COLLESALVETTI/STAGNO", "LI", 43.5950, 10.3850),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI LIVORNO - BASSA VAL DI CECINA-VAL DI CORNIA",
        towns: &[
            ("CECINA", "LI", 43.3110, 10.5170),
            ("PIOMBINO", "LI", 42.9250, 10.5260),
            ("ROSIGNANO MARITTIMO", "LI", 43.3890, 10.4380),
            ("SAN VINCENZO", "LI", 43.0910, 10.5400),
            ("CAMPIGLIA MARITTIMA", "LI", 43.0580, 10.6120),
            ("CASTAGNETO CARDUCCI", "LI", 43.1610, 10.6110),
        ],
    },
    ZoneDef {
        asl: 1,
        name: "AREA DI LIVORNO - ELBA",
        towns: &[
            ("PORTOFERRAIO", "LI", 42.8130, 10.3150),
            ("CAMPO NELL'ELBA", "LI", 42.7470, 10.2380),
            ("PORTO AZZURRO", "LI", 42.7660, 10.3970),
            ("CAPOLIVERI", "LI", 42.7450, 10.3790),
            ("MARCIANA MARINA", "LI", 42.8070, 10.1980),
        ],
    },
    // --- Azienda USL Toscana Sud Est ---
    ZoneDef {
        asl: 2,
        name: "AREA DI AREZZO - ARETINA-CASENTINO-VALTIBERINA",
        towns: &[
            ("AREZZO", "AR", 43.4633, 11.8796),
            ("AREZZO/SAN LEO", "AR", 43.4480, 11.8450),
            ("BIBBIENA", "AR", 43.6970, 11.8160),
            ("POPPI", "AR", 43.7210, 11.7640),
            ("SANSEPOLCRO", "AR", 43.5720, 12.1400),
            ("ANGHIARI", "AR", 43.5410, 12.0550),
            ("SUBBIANO", "AR", 43.5780, 11.8710),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI AREZZO - VALDARNO",
        towns: &[
            ("MONTEVARCHI", "AR", 43.5250, 11.5700),
            ("SAN GIOVANNI VALDARNO", "AR", 43.5650, 11.5300),
            ("TERRANUOVA BRACCIOLINI", "AR", 43.5510, 11.5860),
            ("BUCINE", "AR", 43.4770, 11.6140),
            ("CAVRIGLIA", "AR", 43.5210, 11.4870),
            ("LORO CIUFFENNA", "AR", 43.5920, 11.6290),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI AREZZO - VAL DI CHIANA ARETINA",
        towns: &[
            ("CORTONA", "AR", 43.2750, 11.9850),
            ("CASTIGLION FIORENTINO", "AR", 43.3430, 11.9210),
            ("FOIANO DELLA CHIANA", "AR", 43.2530, 11.8160),
            ("MONTE SAN SAVINO", "AR", 43.3300, 11.7280),
            ("LUCIGNANO", "AR", 43.2740, 11.7460),
            ("MARCIANO DELLA CHIANA", "AR", 43.3040, 11.7870),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI SIENA - ALTA VAL D'ELSA",
        towns: &[
            ("POGGIBONSI", "SI", 43.4670, 11.1480),
            ("COLLE DI VAL D'ELSA", "SI", 43.4210, 11.1260),
            ("SAN GIMIGNANO", "SI", 43.4670, 11.0430),
            ("CASOLE D'ELSA", "SI", 43.3410, 11.0470),
            ("RADICONDOLI", "SI", 43.2600, 11.0450),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI SIENA - SENESE",
        towns: &[
            ("SIENA", "SI", 43.3188, 11.3308),
            ("SIENA/RAVACCIANO", "SI", 43.3220, 11.3480),
            ("MONTERIGGIONI", "SI", 43.3900, 11.2230),
            ("CASTELNUOVO BERARDENGA", "SI", 43.3460, 11.5030),
            ("SOVICILLE", "SI", 43.2790, 11.2280),
            ("ASCIANO", "SI", 43.2340, 11.5600),
            ("MONTALCINO", "SI", 43.0580, 11.4890),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI SIENA - AMIATA SENESE E VAL D'ORCIA-VALDICHIANA SENESE",
        towns: &[
            ("MONTEPULCIANO", "SI", 43.0980, 11.7870),
            ("CHIUSI", "SI", 43.0160, 11.9490),
            ("SINALUNGA", "SI", 43.2130, 11.7390),
            ("CHIANCIANO TERME", "SI", 43.0610, 11.8270),
            ("ABBADIA SAN SALVATORE", "SI", 42.8800, 11.6760),
            ("PIANCASTAGNAIO", "SI", 42.8510, 11.6900),
            ("TORRITA DI SIENA", "SI", 43.1710, 11.7760),
            ("SAN QUIRICO D'ORCIA", "SI", 43.0580, 11.6050),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI GROSSETO - AMIATA GROSSETANA-COLLINE METALLIFERE-GROSSETANA",
        towns: &[
            ("GROSSETO", "GR", 42.7635, 11.1124),
            ("GROSSETO/BARBANELLA", "GR", 42.7700, 11.1000),
            ("FOLLONICA", "GR", 42.9190, 10.7610),
            ("MASSA MARITTIMA", "GR", 43.0500, 10.8930),
            ("CASTEL DEL PIANO", "GR", 42.8910, 11.5380),
            ("ARCIDOSSO", "GR", 42.8710, 11.5400),
            ("ROCCASTRADA", "GR", 43.0090, 11.1680),
            ("CASTIGLIONE DELLA PESCAIA", "GR", 42.7650, 10.8800),
        ],
    },
    ZoneDef {
        asl: 2,
        name: "AREA DI GROSSETO - COLLINE DELL'ALBEGNA",
        towns: &[
            ("ORBETELLO", "GR", 42.4400, 11.2110),
            ("MANCIANO", "GR", 42.5880, 11.5160),
            ("PITIGLIANO", "GR", 42.6350, 11.6700),
            ("MONTE ARGENTARIO", "GR", 42.4350, 11.1180),
            ("CAPALBIO", "GR", 42.4530, 11.4210),
            ("SCANSANO", "GR", 42.6880, 11.3310),
        ],
    },
];

/// A hospital: zone index, name, address, city, province, latitude, longitude.
pub(super) type Hospital = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

#[rustfmt::skip]
pub(super) const HOSPITALS: &[Hospital] = &[
    (0, "OSPEDALE SANTA MARIA NUOVA", "PIAZZA SANTA MARIA NUOVA 1", "FIRENZE", "FI", 43.7721, 11.2599),
    (0, "OSPEDALE SAN GIOVANNI DI DIO", "VIA DI TORREGALLI 3", "FIRENZE", "FI", 43.7636, 11.1931),
    (0, "PRESIDIO PIERO PALAGI", "VIALE MICHELANGIOLO 41", "FIRENZE", "FI", 43.7600, 11.2620),
    (2, "OSPEDALE SANTA MARIA ANNUNZIATA", "VIA DELL'ANTELLA 58", "BAGNO A RIPOLI", "FI", 43.7390, 11.3040),
    (2, "OSPEDALE SERRISTORI", "VIALE VITTORIO VENETO 1", "FIGLINE E INCISA VALDARNO", "FI", 43.6190, 11.4700),
    (3, "OSPEDALE DEL MUGELLO", "VIALE DELLA RESISTENZA 60", "BORGO SAN LORENZO", "FI", 43.9500, 11.3900),
    (4, "OSPEDALE SAN GIUSEPPE", "VIALE GIOVANNI BOCCACCIO 16", "EMPOLI", "FI", 43.7180, 10.9530),
    (4, "OSPEDALE SAN PIETRO IGNEO", "PIAZZA LAVAGNINI 1", "FUCECCHIO", "FI", 43.7300, 10.8100),
    (5, "NUOVO OSPEDALE PRATO", "VIA SUOR NICCOLINA INFERMIERA", "PRATO", "PO", 43.8670, 11.0700),
    (6, "OSPEDALE SAN JACOPO", "VIA CILIEGIOLE 97", "PISTOIA", "PT", 43.9290, 10.9420),
    (6, "OSPEDALE LORENZO PACINI", "VIA GUGLIELMO MARCONI 1", "SAN MARCELLO PITEGLIO", "PT", 44.0560, 10.7950),
    (7, "OSPEDALE SS. COSMA E DAMIANO", "VIA CESARE BATTISTI 2", "PESCIA", "PT", 43.9000, 10.6880),
    (8, "OSPEDALE SANT'ANTONIO ABATE", "VIA GIACOMO MATTEOTTI 1", "FIVIZZANO", "MS", 44.2380, 10.1260),
    (8, "OSPEDALE DI PONTREMOLI", "VIA NAZIONALE 1", "PONTREMOLI", "MS", 44.3750, 9.8820),
    (9, "NUOVO OSPEDALE DELLE APUANE", "VIA ENRICO MATTEI 21", "MASSA", "MS", 44.0310, 10.1230),
    (10, "OSPEDALE SANTA CROCE", "VIA DELL'OSPEDALE 1", "CASTELNUOVO DI GARFAGNANA", "LU", 44.1090, 10.4100),
    (10, "OSPEDALE SAN FRANCESCO", "VIA DELL'OSPEDALE 7", "BARGA", "LU", 44.0740, 10.4800),
    (11, "OSPEDALE SAN LUCA", "VIA GUGLIELMO LIPPI FRANCESCONI", "LUCCA", "LU", 43.8330, 10.5210),
    (12, "OSPEDALE VERSILIA", "VIA AURELIA 335", "CAMAIORE", "LU", 43.8930, 10.2540),
    (13, "OSPEDALE SANTA CHIARA", "VIA ROMA 67", "PISA", "PI", 43.7195, 10.3960),
    (13, "OSPEDALE DI CISANELLO", "VIA PARADISA 2", "PISA", "PI", 43.7070, 10.4300),
    (14, "OSPEDALE FELICE LOTTI", "VIA ROMA 180", "PONTEDERA", "PI", 43.6640, 10.6350),
    (14, "OSPEDALE SANTA MARIA MADDALENA", "BORGO SAN LAZZERO 5", "VOLTERRA", "PI", 43.4030, 10.8640),
    (15, "OSPEDALE DI LIVORNO", "VIALE VITTORIO ALFIERI 36", "LIVORNO", "LI", 43.5390, 10.3250),
    (16, "OSPEDALE DI CECINA", "VIA MOTORIZZAZIONE 1", "CECINA", "LI", 43.3100, 10.5200),
    (16, "OSPEDALE VILLAMARINA", "PIAZZALE AMEDEO DA SAVOIA 1", "PIOMBINO", "LI", 42.9300, 10.5300),
    (17, "OSPEDALE DI PORTOFERRAIO", "LOCALITA' SAN ROCCO", "PORTOFERRAIO", "LI", 42.8100, 10.3100),
    (18, "OSPEDALE SAN DONATO", "VIA PIETRO NENNI 20", "AREZZO", "AR", 43.4620, 11.8610),
    (18, "OSPEDALE DEL CASENTINO", "VIA GUIDO MONACO 1", "BIBBIENA", "AR", 43.6960, 11.8140),
    (18, "OSPEDALE DELLA VALTIBERINA", "VIA SANTI DI TITO 24", "SANSEPOLCRO", "AR", 43.5730, 12.1380),
    (19, "OSPEDALE SANTA MARIA ALLA GRUCCIA", "PIAZZA DEL VOLONTARIATO 2", "MONTEVARCHI", "AR", 43.5310, 11.5620),
    (20, "OSPEDALE SANTA MARGHERITA", "LOCALITA' LA FRATTA", "CORTONA", "AR", 43.2870, 11.9310),
    (21, "OSPEDALE ALTA VAL D'ELSA", "LOCALITA' CAMPOSTAGGIA", "POGGIBONSI", "SI", 43.4560, 11.1390),
    (22, "OSPEDALE SANTA MARIA ALLE SCOTTE", "VIALE MARIO BRACCI 16", "SIENA", "SI", 43.2960, 11.3120),
    (23, "OSPEDALE DI NOTTOLA", "LOCALITA' NOTTOLA", "MONTEPULCIANO", "SI", 43.1260, 11.8150),
    (23, "OSPEDALE AMIATA SENESE", "VIA DEL CONVENTO 1", "ABBADIA SAN SALVATORE", "SI", 42.8810, 11.6770),
    (24, "OSPEDALE MISERICORDIA", "VIA SENESE 161", "GROSSETO", "GR", 42.7800, 11.1100),
    (24, "OSPEDALE SANT'ANDREA", "VIA TOSCANA 1", "MASSA MARITTIMA", "GR", 43.0480, 10.8900),
    (24, "OSPEDALE AMIATA GROSSETANO", "VIA DEI SALAIOLI 1", "CASTEL DEL PIANO", "GR", 42.8900, 11.5370),
    (25, "OSPEDALE SAN GIOVANNI DI DIO", "VIA MARCO POLO 1", "ORBETELLO", "GR", 42.4420, 11.2150),
    (25, "OSPEDALE PETRUCCIOLI", "VIA NICCOLO' ORSINI 1", "PITIGLIANO", "GR", 42.6360, 11.6720),
];

/// Fixed addresses of some district facilities (city label, kind prefix, address), taken
/// from the portal's own example.
pub(super) const FIXED_ADDRESSES: &[(&str, &str, &str)] = &[(
    "SCANDICCI",
    "POLIAMBULATORIO",
    "VIA VIVALDI ANGOLO VIA PISANA",
)];

/// Common street names of Tuscan towns, for facility and residence addresses.
pub(super) const STREETS: &[&str] = &[
    "VIA ROMA",
    "VIA GIUSEPPE GARIBALDI",
    "VIA GIACOMO MATTEOTTI",
    "VIALE DELLA REPUBBLICA",
    "VIA ANTONIO GRAMSCI",
    "PIAZZA DELLA LIBERTA'",
    "VIA DANTE ALIGHIERI",
    "VIA GIUSEPPE VERDI",
    "VIA ALDO MORO",
    "VIA CAMILLO BENSO DI CAVOUR",
    "VIA XX SETTEMBRE",
    "VIA IV NOVEMBRE",
    "VIA DELLA STAZIONE",
    "VIA PIETRO NENNI",
    "VIA DON GIOVANNI MINZONI",
    "VIA FRATELLI ROSSELLI",
    "VIALE EUROPA",
    "VIA GALILEO GALILEI",
    "VIA LEONARDO DA VINCI",
    "VIA GIOVANNI PASCOLI",
    "VIA MARTIRI DELLA LIBERTA'",
    "VIA SANDRO PERTINI",
    "VIA GIUSEPPE MAZZINI",
    "VIA GIOVANNI BOCCACCIO",
    "VIA FRANCESCO PETRARCA",
    "VIA ALESSANDRO MANZONI",
    "VIA GUGLIELMO MARCONI",
    "VIA DELLA RESISTENZA",
    "VIA DEL PALAGIO",
    "VIA PISANA",
    "VIA FIORENTINA",
    "VIA SENESE",
    "VIA ARETINA",
    "VIA DELLE CASCINE",
    "VIA DEI MILLE",
    "VIA TEVERE",
    "VIA ARNO",
    "VIA PIAVE",
    "VIA CADUTI DI CEFALONIA",
    "VIA SAN FRANCESCO",
];

/// Splits a town entry into (facility label, city).
pub(super) fn town_label(town: &Town) -> (&'static str, &'static str) {
    match town.0.split_once('/') {
        Some((city, quarter)) => (quarter, city),
        None => (town.0, town.0),
    }
}
