//! The fixed service catalogue of the demo region and the ambulatory units that deliver it.
//!
//! Codes follow the CUP's short-code style seen in the portal ("P009" for a visit, "2A24"
//! for a diagnostic exam); laboratory tests get nomenclatore-like codes ("90.12.3").
//! Descriptions, tariffs and preparation notes are plausible, not an official tariff list.
//! The catalogue does not depend on the seed: service ids are stable.

/// Where a unit label is offered: 0 everywhere (also "case della salute"), 1 in
/// poliambulatori and hospitals, 2 in hospitals only.
pub(super) type Tier = u8;

/// An ambulatory unit label: number shown in brackets, label, branch, tier.
#[rustfmt::skip]
pub(super) const UNIT_LABELS: &[(u16, &str, &str, Tier)] = &[
    (101, "ALLERGOLOGIA", "ALLERGOLOGIA", 1),
    (102, "ANGIOLOGIA", "ANGIOLOGIA", 1),
    (103, "CHIRURGIA GENERALE", "CHIRURGIA GENERALE", 1),
    (104, "CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "CARDIOLOGIA", 1),
    (105, "DERMATOLOGIA", "DERMATOLOGIA", 0),
    (106, "DIABETOLOGIA", "DIABETOLOGIA", 0),
    (107, "ENDOCRINOLOGIA", "ENDOCRINOLOGIA", 1),
    (108, "EMATOLOGIA", "EMATOLOGIA", 2),
    (109, "CARDIOLOGIA ECOCARDIOGRAFIA", "CARDIOLOGIA", 1),
    (110, "CARDIOLOGIA", "CARDIOLOGIA", 0),
    (111, "FISIATRIA", "FISIATRIA", 0),
    (112, "GASTROENTEROLOGIA", "GASTROENTEROLOGIA", 1),
    (113, "GERIATRIA", "GERIATRIA", 0),
    (114, "GINECOLOGIA", "GINECOLOGIA", 0),
    (115, "MALATTIE INFETTIVE", "MALATTIE INFETTIVE", 2),
    (116, "MEDICINA INTERNA", "MEDICINA INTERNA", 1),
    (117, "NEFROLOGIA", "NEFROLOGIA", 1),
    (118, "NEUROLOGIA", "NEUROLOGIA", 0),
    (119, "OCULISTICA", "OCULISTICA", 0),
    (120, "ODONTOIATRIA", "ODONTOIATRIA", 1),
    (121, "ONCOLOGIA", "ONCOLOGIA", 2),
    (122, "ORTOPEDIA", "ORTOPEDIA", 0),
    (123, "OTORINOLARINGOIATRIA", "OTORINOLARINGOIATRIA", 0),
    (124, "PNEUMOLOGIA", "PNEUMOLOGIA", 0),
    (125, "PSICHIATRIA", "PSICHIATRIA", 1),
    (126, "REUMATOLOGIA", "REUMATOLOGIA", 1),
    (127, "SENOLOGIA", "SENOLOGIA", 1),
    (128, "UROLOGIA", "UROLOGIA", 0),
    (129, "NEUROCHIRURGIA", "NEUROCHIRURGIA", 2),
    (130, "CHIRURGIA PLASTICA", "CHIRURGIA PLASTICA", 2),
    (131, "DIETOLOGIA", "DIETOLOGIA", 1),
    (132, "ANDROLOGIA", "ANDROLOGIA", 1),
    (133, "CHIRURGIA VASCOLARE", "CHIRURGIA VASCOLARE", 2),
    (134, "NEUROPSICHIATRIA INFANTILE", "NEUROPSICHIATRIA INFANTILE", 2),
    (135, "TERAPIA DEL DOLORE", "TERAPIA DEL DOLORE", 2),
    (136, "GENETICA MEDICA", "GENETICA MEDICA", 2),
    (137, "FONIATRIA", "FONIATRIA", 1),
    (138, "EPATOLOGIA", "EPATOLOGIA", 2),
    (140, "CARDIOLOGIA HOLTER E TEST DA SFORZO", "CARDIOLOGIA", 2),
    (141, "OCULISTICA DIAGNOSTICA STRUMENTALE", "OCULISTICA", 1),
    (142, "OTORINOLARINGOIATRIA AUDIOLOGIA", "OTORINOLARINGOIATRIA", 1),
    (143, "NEUROFISIOPATOLOGIA", "NEUROLOGIA", 2),
    (144, "PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "PNEUMOLOGIA", 1),
    (145, "ENDOSCOPIA DIGESTIVA", "GASTROENTEROLOGIA", 2),
    (146, "UROLOGIA DIAGNOSTICA", "UROLOGIA", 1),
    (147, "GINECOLOGIA DIAGNOSTICA", "GINECOLOGIA", 1),
    (148, "DERMATOLOGIA DIAGNOSTICA", "DERMATOLOGIA", 1),
    (149, "ALLERGOLOGIA TEST CUTANEI", "ALLERGOLOGIA", 1),
    (150, "REUMATOLOGIA DIAGNOSTICA", "REUMATOLOGIA", 2),
    (151, "ENDOCRINOLOGIA DIAGNOSTICA", "ENDOCRINOLOGIA", 2),
    (160, "RADIOLOGIA TRADIZIONALE", "RADIOLOGIA", 1),
    (161, "RADIOLOGIA ECOGRAFIA", "RADIOLOGIA", 1),
    (162, "RADIOLOGIA TC", "RADIOLOGIA", 2),
    (163, "RADIOLOGIA RM", "RADIOLOGIA", 2),
    (164, "RADIOLOGIA MAMMOGRAFIA", "RADIOLOGIA", 1),
    (165, "RADIOLOGIA MOC", "RADIOLOGIA", 1),
];

/// The branch of laboratory tests (no unit, no agenda: booked through ZeroCoda).
pub(super) const LAB_BRANCH: &str = "LABORATORIO ANALISI";

/// Visit branches in catalogue order (the 9th, cardiology, gets code P009 as in the
/// portal): unit label, first-visit description, follow-up description.
#[rustfmt::skip]
const VISITS: &[(&str, &str, &str)] = &[
    ("ALLERGOLOGIA", "PRIMA VISITA ALLERGOLOGICA", "VISITA ALLERGOLOGICA DI CONTROLLO"),
    ("ANGIOLOGIA", "PRIMA VISITA ANGIOLOGICA", "VISITA ANGIOLOGICA DI CONTROLLO"),
    ("CHIRURGIA GENERALE", "PRIMA VISITA CHIRURGICA", "VISITA CHIRURGICA DI CONTROLLO"),
    ("CHIRURGIA VASCOLARE", "PRIMA VISITA DI CHIRURGIA VASCOLARE", "VISITA DI CHIRURGIA VASCOLARE DI CONTROLLO"),
    ("DERMATOLOGIA", "PRIMA VISITA DERMATOLOGICA", "VISITA DERMATOLOGICA DI CONTROLLO"),
    ("DIABETOLOGIA", "PRIMA VISITA DIABETOLOGICA", "VISITA DIABETOLOGICA DI CONTROLLO"),
    ("ENDOCRINOLOGIA", "PRIMA VISITA ENDOCRINOLOGICA", "VISITA ENDOCRINOLOGICA DI CONTROLLO"),
    ("EMATOLOGIA", "PRIMA VISITA EMATOLOGICA", "VISITA EMATOLOGICA DI CONTROLLO"),
    ("CARDIOLOGIA", "CONSULENZA CARDIOLOGICA 1 VISITA", "VISITA CARDIOLOGICA DI CONTROLLO"),
    ("FISIATRIA", "PRIMA VISITA FISIATRICA", "VISITA FISIATRICA DI CONTROLLO"),
    ("GASTROENTEROLOGIA", "PRIMA VISITA GASTROENTEROLOGICA", "VISITA GASTROENTEROLOGICA DI CONTROLLO"),
    ("GERIATRIA", "PRIMA VISITA GERIATRICA", "VISITA GERIATRICA DI CONTROLLO"),
    ("GINECOLOGIA", "PRIMA VISITA GINECOLOGICA", "VISITA GINECOLOGICA DI CONTROLLO"),
    ("MALATTIE INFETTIVE", "PRIMA VISITA INFETTIVOLOGICA", "VISITA INFETTIVOLOGICA DI CONTROLLO"),
    ("MEDICINA INTERNA", "PRIMA VISITA INTERNISTICA", "VISITA INTERNISTICA DI CONTROLLO"),
    ("NEFROLOGIA", "PRIMA VISITA NEFROLOGICA", "VISITA NEFROLOGICA DI CONTROLLO"),
    ("NEUROLOGIA", "PRIMA VISITA NEUROLOGICA", "VISITA NEUROLOGICA DI CONTROLLO"),
    ("OCULISTICA", "PRIMA VISITA OCULISTICA", "VISITA OCULISTICA DI CONTROLLO"),
    ("ODONTOIATRIA", "PRIMA VISITA ODONTOSTOMATOLOGICA", "VISITA ODONTOSTOMATOLOGICA DI CONTROLLO"),
    ("ONCOLOGIA", "PRIMA VISITA ONCOLOGICA", "VISITA ONCOLOGICA DI CONTROLLO"),
    ("ORTOPEDIA", "PRIMA VISITA ORTOPEDICA", "VISITA ORTOPEDICA DI CONTROLLO"),
    ("OTORINOLARINGOIATRIA", "PRIMA VISITA OTORINOLARINGOIATRICA", "VISITA OTORINOLARINGOIATRICA DI CONTROLLO"),
    ("PNEUMOLOGIA", "PRIMA VISITA PNEUMOLOGICA", "VISITA PNEUMOLOGICA DI CONTROLLO"),
    ("PSICHIATRIA", "PRIMA VISITA PSICHIATRICA", "VISITA PSICHIATRICA DI CONTROLLO"),
    ("REUMATOLOGIA", "PRIMA VISITA REUMATOLOGICA", "VISITA REUMATOLOGICA DI CONTROLLO"),
    ("SENOLOGIA", "PRIMA VISITA SENOLOGICA", "VISITA SENOLOGICA DI CONTROLLO"),
    ("UROLOGIA", "PRIMA VISITA UROLOGICA", "VISITA UROLOGICA DI CONTROLLO"),
    ("NEUROCHIRURGIA", "PRIMA VISITA NEUROCHIRURGICA", "VISITA NEUROCHIRURGICA DI CONTROLLO"),
    ("CHIRURGIA PLASTICA", "PRIMA VISITA DI CHIRURGIA PLASTICA", "VISITA DI CHIRURGIA PLASTICA DI CONTROLLO"),
    ("DIETOLOGIA", "PRIMA VISITA DIETOLOGICA", "VISITA DIETOLOGICA DI CONTROLLO"),
    ("ANDROLOGIA", "PRIMA VISITA ANDROLOGICA", "VISITA ANDROLOGICA DI CONTROLLO"),
    ("NEUROPSICHIATRIA INFANTILE", "PRIMA VISITA NEUROPSICHIATRICA INFANTILE", "VISITA NEUROPSICHIATRICA INFANTILE DI CONTROLLO"),
    ("TERAPIA DEL DOLORE", "PRIMA VISITA ANESTESIOLOGICA PER TERAPIA DEL DOLORE", "VISITA ANESTESIOLOGICA PER TERAPIA DEL DOLORE DI CONTROLLO"),
    ("GENETICA MEDICA", "CONSULENZA GENETICA 1 VISITA", "CONSULENZA GENETICA DI CONTROLLO"),
    ("FONIATRIA", "PRIMA VISITA FONIATRICA", "VISITA FONIATRICA DI CONTROLLO"),
    ("EPATOLOGIA", "PRIMA VISITA EPATOLOGICA", "VISITA EPATOLOGICA DI CONTROLLO"),
];

/// Preparation notes in Italian and English (both empty when there is nothing to prepare).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Prep {
    pub it: &'static str,
    pub en: &'static str,
}

const fn prep(it: &'static str, en: &'static str) -> Prep {
    Prep { it, en }
}

/// Nothing to prepare.
const NO_PREP: Prep = prep("", "");

#[rustfmt::skip]
const FAST6: Prep = prep(
    "Presentarsi a digiuno da almeno 6 ore.",
    "Come fasting: nothing to eat for at least 6 hours before.",
);
#[rustfmt::skip]
const FAST6_BLADDER: Prep = prep(
    "Presentarsi a digiuno da almeno 6 ore e a vescica piena: bere 1 litro d'acqua un'ora prima dell'esame senza urinare.",
    "Come fasting for at least 6 hours and with a full bladder: drink 1 litre of water an hour before the exam and do not pass urine.",
);
#[rustfmt::skip]
const BLADDER: Prep = prep(
    "Presentarsi a vescica piena: bere 1 litro d'acqua un'ora prima dell'esame senza urinare.",
    "Come with a full bladder: drink 1 litre of water an hour before the exam and do not pass urine.",
);
#[rustfmt::skip]
const BLADDER_EMPTY: Prep = prep(
    "Presentarsi a vescica vuota.",
    "Come with an empty bladder.",
);
#[rustfmt::skip]
const CONTRAST: Prep = prep(
    "Presentarsi a digiuno da almeno 6 ore con l'esito della creatinina (non anteriore a 3 mesi); segnalare allergie e terapie in corso.",
    "Come fasting for at least 6 hours with a creatinine test result (not older than 3 months); tell the staff about allergies and the medicines you take.",
);
#[rustfmt::skip]
const MRI: Prep = prep(
    "Togliere oggetti metallici, trucco e lenti a contatto; segnalare pacemaker, protesi o clip metalliche. Portare gli esami precedenti.",
    "Remove metal objects, make-up and contact lenses; tell the staff about a pacemaker, prostheses or metal clips. Bring your previous exams.",
);
#[rustfmt::skip]
const MRI_CONTRAST: Prep = prep(
    "Presentarsi a digiuno da almeno 6 ore con l'esito della creatinina (non anteriore a 3 mesi); togliere oggetti metallici e segnalare pacemaker, protesi o clip metalliche.",
    "Come fasting for at least 6 hours with a creatinine test result (not older than 3 months); remove metal objects and tell the staff about a pacemaker, prostheses or metal clips.",
);
#[rustfmt::skip]
const XRAY: Prep = prep(
    "Togliere oggetti metallici dalla zona da esaminare. Le donne in eta' fertile segnalino una possibile gravidanza.",
    "Remove metal objects from the area to be examined. Women who could be pregnant must say so.",
);
#[rustfmt::skip]
const COLON: Prep = prep(
    "Seguire la dieta priva di scorie nei 3 giorni precedenti e la preparazione intestinale prescritta; presentarsi accompagnati.",
    "Follow a low-fibre diet for the 3 days before and the bowel preparation you were prescribed; come with someone who can take you home.",
);
#[rustfmt::skip]
const EGDS: Prep = prep(
    "Presentarsi a digiuno da almeno 8 ore, accompagnati; portare l'elenco dei farmaci assunti.",
    "Come fasting for at least 8 hours, with someone who can take you home; bring the list of the medicines you take.",
);
#[rustfmt::skip]
const DOPPLER_LEGS: Prep = prep(
    "Indossare abiti comodi; non applicare creme sugli arti e togliere calze elastiche o bendaggi prima dell'esame.",
    "Wear comfortable clothes; put no cream on your arms or legs and take off compression stockings or bandages before the exam.",
);
#[rustfmt::skip]
const HOLTER: Prep = prep(
    "Indossare una camicia o una maglia ampia; il registratore va riconsegnato il giorno successivo.",
    "Wear a loose shirt or top; the recorder must be brought back the next day.",
);
#[rustfmt::skip]
const EXERCISE: Prep = prep(
    "Indossare abiti e scarpe comode; portare l'elenco dei farmaci e chiedere al medico se sospendere la terapia.",
    "Wear comfortable clothes and shoes; bring the list of your medicines and ask your doctor whether to stop any of them.",
);
#[rustfmt::skip]
const EEG: Prep = prep(
    "Presentarsi con capelli puliti e asciutti, senza gel o lacca.",
    "Come with clean, dry hair, without gel or hairspray.",
);
#[rustfmt::skip]
const DILATION: Prep = prep(
    "L'esame prevede la dilatazione della pupilla: presentarsi accompagnati e non guidare nelle ore successive.",
    "Your pupils will be dilated: come with someone and do not drive for a few hours afterwards.",
);
#[rustfmt::skip]
const SPIRO: Prep = prep(
    "Non fumare nelle 4 ore precedenti l'esame; portare l'elenco dei farmaci inalatori in uso.",
    "Do not smoke for 4 hours before the exam; bring the list of the inhalers you use.",
);
#[rustfmt::skip]
const BREATH: Prep = prep(
    "Presentarsi a digiuno da almeno 8 ore, senza aver fumato; nei 3 giorni precedenti evitare legumi e latticini.",
    "Come fasting for at least 8 hours, without having smoked; for the 3 days before, avoid pulses and dairy products.",
);
#[rustfmt::skip]
const MAMMO: Prep = prep(
    "Non applicare deodoranti, talco o creme su seno e ascelle il giorno dell'esame; portare gli esami precedenti.",
    "On the day of the exam put no deodorant, talc or cream on your breasts and armpits; bring your previous exams.",
);
#[rustfmt::skip]
const PROSTATE: Prep = prep(
    "Eseguire un clistere evacuativo 2 ore prima dell'esame; presentarsi a vescica moderatamente piena.",
    "Use a cleansing enema 2 hours before the exam; come with a moderately full bladder.",
);
#[rustfmt::skip]
const URINE_CULTURE: Prep = prep(
    "Portare l'esito di un'urinocoltura recente negativa.",
    "Bring the result of a recent negative urine culture.",
);
#[rustfmt::skip]
const ALLERGY: Prep = prep(
    "Sospendere gli antistaminici almeno 7 giorni prima dell'esame.",
    "Stop taking antihistamines at least 7 days before the exam.",
);
#[rustfmt::skip]
const UROFLOW: Prep = prep(
    "Presentarsi a vescica piena, con lo stimolo a urinare.",
    "Come with a full bladder, needing to pass urine.",
);
#[rustfmt::skip]
const DEXA: Prep = prep(
    "Non assumere integratori di calcio nelle 24 ore precedenti; segnalare esami recenti con mezzo di contrasto.",
    "Take no calcium supplements in the 24 hours before; tell the staff about recent exams with a contrast medium.",
);
#[rustfmt::skip]
const AUDIO: Prep = prep(
    "Evitare l'esposizione a rumori forti nelle 24 ore precedenti l'esame.",
    "Avoid loud noise in the 24 hours before the exam.",
);
#[rustfmt::skip]
const SLEEP: Prep = prep(
    "Presentarsi nel pomeriggio per il montaggio dell'apparecchio; evitare alcolici e caffe' nella giornata dell'esame.",
    "Come in the afternoon to have the device fitted; avoid alcohol and coffee on the day of the exam.",
);
#[rustfmt::skip]
const GENERIC: Prep = prep(
    "Portare la documentazione clinica precedente e l'elenco dei farmaci assunti.",
    "Bring your previous medical records and the list of the medicines you take.",
);
#[rustfmt::skip]
const LAB_FAST: Prep = prep(
    "Prelievo a digiuno da almeno 8 ore.",
    "Blood sample taken fasting: nothing to eat for at least 8 hours before.",
);

/// Non-radiology diagnostics: unit label, description, tariff (cents), preparation, slot
/// minutes, fixed code ("" = automatic).
#[rustfmt::skip]
const DIAGNOSTICS: &[(&str, &str, i64, Prep, u16, &str)] = &[
    ("CARDIOLOGIA", "ELETTROCARDIOGRAMMA (ECG)", 1500, GENERIC, 15, ""),
    ("CARDIOLOGIA HOLTER E TEST DA SFORZO", "ELETTROCARDIOGRAMMA DINAMICO (HOLTER) 24 ORE", 5500, HOLTER, 20, ""),
    ("CARDIOLOGIA HOLTER E TEST DA SFORZO", "MONITORAGGIO PRESSIONE ARTERIOSA 24 ORE", 4500, HOLTER, 20, ""),
    ("CARDIOLOGIA HOLTER E TEST DA SFORZO", "TEST CARDIOVASCOLARE DA SFORZO CON CICLOERGOMETRO", 6500, EXERCISE, 30, ""),
    ("CARDIOLOGIA HOLTER E TEST DA SFORZO", "CONTROLLO E PROGRAMMAZIONE PACEMAKER", 3000, GENERIC, 20, ""),
    ("CARDIOLOGIA ECOCARDIOGRAFIA", "ECOCOLORDOPPLERGRAFIA CARDIACA (ECOCARDIOGRAMMA)", 7000, GENERIC, 30, ""),
    ("CARDIOLOGIA ECOCARDIOGRAFIA", "ECOCARDIOGRAMMA TRANSESOFAGEO", 9500, EGDS, 30, ""),
    ("CARDIOLOGIA ECOCARDIOGRAFIA", "ECOCARDIOGRAMMA CON STRESS FARMACOLOGICO", 12000, EXERCISE, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI", 6000, DOPPLER_LEGS, 30, "2A24"),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER VENOSO ARTI INFERIORI", 6000, DOPPLER_LEGS, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER ARTERIOSO ARTI SUPERIORI", 6000, DOPPLER_LEGS, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER VENOSO ARTI SUPERIORI", 6000, DOPPLER_LEGS, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER TRONCHI SOVRAAORTICI", 5500, GENERIC, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER AORTA ADDOMINALE", 5500, FAST6, 30, ""),
    ("CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.", "ECOCOLORDOPPLER ARTERIE RENALI", 6000, FAST6, 30, ""),
    ("ANGIOLOGIA", "INDICE DI WINSOR (ABI) CON DOPPLER", 2500, DOPPLER_LEGS, 20, ""),
    ("DERMATOLOGIA DIAGNOSTICA", "DERMATOSCOPIA DIGITALE (EPILUMINESCENZA)", 3500, GENERIC, 20, ""),
    ("DERMATOLOGIA DIAGNOSTICA", "MAPPATURA DEI NEI IN EPILUMINESCENZA", 4500, GENERIC, 30, ""),
    ("DERMATOLOGIA DIAGNOSTICA", "TEST EPICUTANEI (PATCH TEST)", 3000, ALLERGY, 20, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "ESAME DEL FONDO OCULARE", 1600, DILATION, 15, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "CAMPO VISIVO COMPUTERIZZATO", 2500, GENERIC, 20, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "TOMOGRAFIA OTTICA A RADIAZIONE COERENTE (OCT)", 4500, DILATION, 20, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "TONOMETRIA E CURVA TONOMETRICA", 1600, GENERIC, 15, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "PACHIMETRIA CORNEALE", 1700, GENERIC, 15, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "FLUORANGIOGRAFIA RETINICA", 6500, DILATION, 30, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "ESAME ORTOTTICO", 1600, GENERIC, 30, ""),
    ("OCULISTICA DIAGNOSTICA STRUMENTALE", "TOPOGRAFIA CORNEALE", 2500, GENERIC, 15, ""),
    ("OTORINOLARINGOIATRIA AUDIOLOGIA", "ESAME AUDIOMETRICO TONALE", 1600, AUDIO, 20, ""),
    ("OTORINOLARINGOIATRIA AUDIOLOGIA", "IMPEDENZOMETRIA", 1600, AUDIO, 15, ""),
    ("OTORINOLARINGOIATRIA AUDIOLOGIA", "ESAME VESTIBOLARE", 2500, GENERIC, 30, ""),
    ("OTORINOLARINGOIATRIA AUDIOLOGIA", "POTENZIALI EVOCATI UDITIVI (ABR)", 4000, AUDIO, 30, ""),
    ("OTORINOLARINGOIATRIA", "FIBROLARINGOSCOPIA", 4500, GENERIC, 20, ""),
    ("NEUROFISIOPATOLOGIA", "ELETTROENCEFALOGRAMMA (EEG)", 4000, EEG, 30, ""),
    ("NEUROFISIOPATOLOGIA", "ELETTROMIOGRAFIA ARTI SUPERIORI (EMG)", 6500, GENERIC, 30, ""),
    ("NEUROFISIOPATOLOGIA", "ELETTROMIOGRAFIA ARTI INFERIORI (EMG)", 6500, GENERIC, 30, ""),
    ("NEUROFISIOPATOLOGIA", "POTENZIALI EVOCATI VISIVI", 4000, EEG, 30, ""),
    ("NEUROFISIOPATOLOGIA", "POTENZIALI EVOCATI SOMATOSENSORIALI", 4500, GENERIC, 30, ""),
    ("NEUROFISIOPATOLOGIA", "ECOCOLORDOPPLER TRANSCRANICO", 5500, GENERIC, 30, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "SPIROMETRIA SEMPLICE", 1800, SPIRO, 20, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "SPIROMETRIA GLOBALE", 4000, SPIRO, 30, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "DIFFUSIONE ALVEOLO-CAPILLARE (DLCO)", 3500, SPIRO, 30, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "EMOGASANALISI ARTERIOSA", 1800, GENERIC, 15, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "POLISONNOGRAFIA DOMICILIARE", 9000, SLEEP, 30, ""),
    ("PNEUMOLOGIA FISIOPATOLOGIA RESPIRATORIA", "TEST DEL CAMMINO (6 MINUTI)", 2000, EXERCISE, 30, ""),
    ("ENDOSCOPIA DIGESTIVA", "ESOFAGOGASTRODUODENOSCOPIA (EGDS)", 9000, EGDS, 30, ""),
    ("ENDOSCOPIA DIGESTIVA", "ESOFAGOGASTRODUODENOSCOPIA CON BIOPSIA", 11500, EGDS, 30, ""),
    ("ENDOSCOPIA DIGESTIVA", "COLONSCOPIA TOTALE", 11000, COLON, 30, ""),
    ("ENDOSCOPIA DIGESTIVA", "COLONSCOPIA TOTALE CON BIOPSIA", 13500, COLON, 30, ""),
    ("ENDOSCOPIA DIGESTIVA", "RETTOSIGMOIDOSCOPIA", 7000, COLON, 30, ""),
    ("GASTROENTEROLOGIA", "BREATH TEST AL LATTOSIO", 4000, BREATH, 30, ""),
    ("GASTROENTEROLOGIA", "BREATH TEST ALL'UREA (HELICOBACTER PYLORI)", 3500, BREATH, 30, ""),
    ("UROLOGIA DIAGNOSTICA", "UROFLUSSOMETRIA", 2000, UROFLOW, 20, ""),
    ("UROLOGIA DIAGNOSTICA", "CISTOSCOPIA", 7500, URINE_CULTURE, 30, ""),
    ("UROLOGIA DIAGNOSTICA", "ECOGRAFIA PROSTATICA TRANSRETTALE", 5500, PROSTATE, 30, ""),
    ("UROLOGIA DIAGNOSTICA", "ECOGRAFIA VESCICALE CON RESIDUO POSTMINZIONALE", 3500, BLADDER, 20, ""),
    ("GINECOLOGIA DIAGNOSTICA", "ECOGRAFIA PELVICA TRANSVAGINALE", 4500, BLADDER_EMPTY, 20, ""),
    ("GINECOLOGIA DIAGNOSTICA", "COLPOSCOPIA", 4000, GENERIC, 20, ""),
    ("GINECOLOGIA DIAGNOSTICA", "ISTEROSCOPIA DIAGNOSTICA", 8500, GENERIC, 30, ""),
    ("GINECOLOGIA DIAGNOSTICA", "ECOGRAFIA OSTETRICA", 4500, BLADDER, 20, ""),
    ("ENDOCRINOLOGIA DIAGNOSTICA", "ECOGRAFIA TIROIDE E PARATIROIDI", 3500, GENERIC, 20, ""),
    ("ENDOCRINOLOGIA DIAGNOSTICA", "AGOASPIRATO TIROIDEO ECOGUIDATO", 8000, GENERIC, 30, ""),
    ("REUMATOLOGIA DIAGNOSTICA", "CAPILLAROSCOPIA PERIUNGUEALE", 3000, GENERIC, 20, ""),
    ("REUMATOLOGIA DIAGNOSTICA", "ECOGRAFIA ARTICOLARE", 3500, GENERIC, 20, ""),
    ("ALLERGOLOGIA TEST CUTANEI", "TEST CUTANEI ALLERGOLOGICI (PRICK TEST)", 2500, ALLERGY, 30, ""),
    ("ALLERGOLOGIA TEST CUTANEI", "TEST DI PROVOCAZIONE CON FARMACI", 6000, ALLERGY, 30, ""),
];

/// Body districts of plain radiography (RX ...), tariff.
#[rustfmt::skip]
const XRAY_DISTRICTS: &[(&str, i64)] = &[
    ("TORACE", 1800),
    ("COLONNA CERVICALE", 2500),
    ("COLONNA DORSALE", 2500),
    ("COLONNA LOMBOSACRALE", 2500),
    ("RACHIDE IN TOTO", 4000),
    ("BACINO", 2000),
    ("ANCA", 2000),
    ("FEMORE", 1800),
    ("GINOCCHIO", 1800),
    ("GAMBA", 1800),
    ("CAVIGLIA", 1800),
    ("PIEDE", 1800),
    ("CALCAGNO", 1600),
    ("SPALLA", 1800),
    ("CLAVICOLA", 1600),
    ("OMERO", 1800),
    ("GOMITO", 1800),
    ("AVAMBRACCIO", 1800),
    ("POLSO", 1800),
    ("MANO", 1800),
    ("SCAFOIDE", 1600),
    ("CRANIO", 2000),
    ("SENI PARANASALI", 1800),
    ("ADDOME DIRETTO", 2000),
    ("GABBIA TORACICA (COSTE)", 2000),
    ("ARCATE DENTARIE (ORTOPANORAMICA)", 2000),
    ("SACRO-COCCIGE", 1800),
    ("ARTICOLAZIONI TEMPORO-MANDIBOLARI", 2000),
];

/// Ultrasound exams of radiology: description suffix, preparation, tariff.
#[rustfmt::skip]
const ULTRASOUND: &[(&str, Prep, i64)] = &[
    ("ADDOME COMPLETO", FAST6_BLADDER, 6000),
    ("ADDOME SUPERIORE", FAST6, 4500),
    ("ADDOME INFERIORE", BLADDER, 4000),
    ("RENI E VIE URINARIE", BLADDER, 4000),
    ("CAPO E COLLO", GENERIC, 3500),
    ("GHIANDOLE SALIVARI", GENERIC, 3000),
    ("LINFONODI SUPERFICIALI", GENERIC, 3000),
    ("CUTE E SOTTOCUTE", GENERIC, 3000),
    ("PARETE ADDOMINALE", GENERIC, 3000),
    ("SCROTALE", GENERIC, 3500),
    ("MUSCOLOTENDINEA SPALLA", GENERIC, 3500),
    ("MUSCOLOTENDINEA GINOCCHIO", GENERIC, 3500),
    ("MUSCOLOTENDINEA CAVIGLIA", GENERIC, 3500),
    ("ANCHE NEONATALE", GENERIC, 3000),
    ("MAMMARIA BILATERALE", MAMMO, 4500),
    ("MAMMARIA MONOLATERALE", MAMMO, 3500),
    ("TESSUTI MOLLI", GENERIC, 3000),
    ("PROSTATICA SOVRAPUBICA", BLADDER, 3500),
    ("ADDOME CON MEZZO DI CONTRASTO (CEUS)", FAST6, 9000),
];

/// CT districts: name, whether a contrast variant exists too.
#[rustfmt::skip]
const CT_DISTRICTS: &[(&str, bool)] = &[
    ("CRANIO-ENCEFALO", true),
    ("MASSICCIO FACCIALE", true),
    ("COLLO", true),
    ("TORACE", true),
    ("ADDOME SUPERIORE", true),
    ("ADDOME INFERIORE", true),
    ("ADDOME COMPLETO", true),
    ("RACHIDE CERVICALE", false),
    ("RACHIDE DORSALE", false),
    ("RACHIDE LOMBOSACRALE", false),
    ("BACINO", false),
    ("ARTO SUPERIORE", false),
    ("ARTO INFERIORE", false),
    ("TORACE AD ALTA RISOLUZIONE", false),
    ("DENTALSCAN", false),
];

/// MRI districts: name, whether a contrast variant exists too.
#[rustfmt::skip]
const MRI_DISTRICTS: &[(&str, bool)] = &[
    ("ENCEFALO", true),
    ("TRONCO ENCEFALICO E ORECCHIO INTERNO", true),
    ("COLONNA CERVICALE", true),
    ("COLONNA DORSALE", false),
    ("COLONNA LOMBOSACRALE", true),
    ("GINOCCHIO", false),
    ("SPALLA", false),
    ("ANCA", false),
    ("CAVIGLIA", false),
    ("POLSO", false),
    ("GOMITO", false),
    ("ADDOME SUPERIORE", true),
    ("PELVI", true),
    ("MAMMELLA BILATERALE", true),
    ("PROSTATA MULTIPARAMETRICA", true),
    ("CUORE", false),
];

/// Laboratory tests: description, fasting.
#[rustfmt::skip]
const LABORATORY: &[(&str, bool)] = &[
    ("EMOCROMO COMPLETO", false),
    ("GLUCOSIO", true),
    ("EMOGLOBINA GLICATA (HBA1C)", false),
    ("COLESTEROLO TOTALE", true),
    ("COLESTEROLO HDL", true),
    ("COLESTEROLO LDL", true),
    ("TRIGLICERIDI", true),
    ("CREATININA", false),
    ("UREA", false),
    ("ACIDO URICO", true),
    ("SODIO", false),
    ("POTASSIO", false),
    ("CALCIO TOTALE", false),
    ("MAGNESIO", false),
    ("FERRITINA", false),
    ("SIDEREMIA", true),
    ("TRANSFERRINA", false),
    ("ALANINA AMINOTRANSFERASI (ALT/GPT)", false),
    ("ASPARTATO AMINOTRANSFERASI (AST/GOT)", false),
    ("GAMMA GLUTAMIL TRANSFERASI (GAMMA GT)", false),
    ("BILIRUBINA TOTALE E FRAZIONATA", true),
    ("FOSFATASI ALCALINA", false),
    ("AMILASI", false),
    ("LIPASI", false),
    ("PROTEINA C REATTIVA (PCR)", false),
    ("VELOCITA' DI ERITROSEDIMENTAZIONE (VES)", false),
    ("TIREOTROPINA (TSH) REFLEX", false),
    ("TIROXINA LIBERA (FT4)", false),
    ("TRIIODOTIRONINA LIBERA (FT3)", false),
    ("ANTIGENE PROSTATICO SPECIFICO (PSA TOTALE)", false),
    ("PSA LIBERO", false),
    ("25-IDROSSI VITAMINA D", false),
    ("VITAMINA B12", false),
    ("FOLATI", false),
    ("ESAME URINE COMPLETO", false),
    ("URINOCOLTURA", false),
    ("MICROALBUMINURIA", false),
    ("TEMPO DI PROTROMBINA (PT-INR)", false),
    ("TEMPO DI TROMBOPLASTINA PARZIALE (APTT)", false),
    ("FIBRINOGENO", false),
    ("ELETTROFORESI DELLE PROTEINE SIERICHE", false),
    ("SANGUE OCCULTO NELLE FECI", false),
    ("ANTIGENE CARCINOEMBRIONARIO (CEA)", false),
    ("CA 125", false),
    ("CA 19-9", false),
    ("HIV 1-2 ANTICORPI", false),
    ("HCV ANTICORPI", false),
    ("HBSAG", false),
    ("TAMPONE FARINGEO (ESAME COLTURALE)", false),
    ("OMOCISTEINA", true),
    ("INSULINA", true),
    ("CORTISOLO", false),
    ("PROLATTINA", false),
    ("TESTOSTERONE TOTALE", false),
    ("ESTRADIOLO", false),
    ("ORMONE FOLLICOLOSTIMOLANTE (FSH)", false),
    ("ORMONE LUTEINIZZANTE (LH)", false),
    ("ANTICORPI ANTI TRANSGLUTAMINASI (IGA)", false),
    ("IGE TOTALI", false),
    ("FATTORE REUMATOIDE", false),
    ("ANTICORPI ANTINUCLEO (ANA)", false),
    ("D-DIMERO", false),
    ("TROPONINA", false),
    ("PEPTIDE NATRIURETICO (NT-PROBNP)", false),
    ("LATTATO DEIDROGENASI (LDH)", false),
    ("CREATINCHINASI (CK)", false),
];

/// Service kind as stored ("visit" | "diagnostic" | "laboratory").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Visit,
    Diagnostic,
    Laboratory,
}

impl Kind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Visit => "visit",
            Self::Diagnostic => "diagnostic",
            Self::Laboratory => "laboratory",
        }
    }
}

/// One catalogue entry, before ids.
#[derive(Debug, Clone)]
pub(super) struct ServiceDef {
    pub code: String,
    pub description: String,
    pub branch: &'static str,
    pub kind: Kind,
    pub tariff_cents: i64,
    pub preparation: Prep,
    /// Index into [`UNIT_LABELS`]; `None` for laboratory tests.
    pub unit_label: Option<usize>,
    pub slot_minutes: u16,
    /// First visits of common branches and the most requested exams: more agendas.
    pub popular: bool,
    /// Follow-up visit ("... DI CONTROLLO").
    pub follow_up: bool,
}

fn label_index(label: &str) -> Option<usize> {
    UNIT_LABELS.iter().position(|u| u.1 == label)
}

const POPULAR_BRANCHES: &[&str] = &[
    "CARDIOLOGIA",
    "DERMATOLOGIA",
    "OCULISTICA",
    "ORTOPEDIA",
    "OTORINOLARINGOIATRIA",
    "NEUROLOGIA",
    "GINECOLOGIA",
    "UROLOGIA",
    "ENDOCRINOLOGIA",
    "PNEUMOLOGIA",
];

const POPULAR_EXAMS: &[&str] = &[
    "ELETTROCARDIOGRAMMA (ECG)",
    "ECOCOLORDOPPLER ARTERIOSO ARTI INFERIORI",
    "ECOCOLORDOPPLERGRAFIA CARDIACA (ECOCARDIOGRAMMA)",
    "RX TORACE",
    "ECOGRAFIA ADDOME COMPLETO",
    "ESAME DEL FONDO OCULARE",
    "SPIROMETRIA SEMPLICE",
    "MAMMOGRAFIA BILATERALE",
    "ECOGRAFIA MAMMARIA BILATERALE",
];

/// Builds the whole catalogue in its fixed order (service id = index + 1).
pub(super) fn catalogue() -> Vec<ServiceDef> {
    let mut out: Vec<ServiceDef> = Vec::with_capacity(360);
    // Visits: first visits P001.., follow-ups P101..
    for (i, (label, first, control)) in VISITS.iter().enumerate() {
        let unit = label_index(label);
        let branch = unit.map_or(*label, |u| UNIT_LABELS[u].2);
        let popular = POPULAR_BRANCHES.contains(&branch);
        out.push(ServiceDef {
            code: format!("P{:03}", i + 1),
            description: (*first).to_owned(),
            branch,
            kind: Kind::Visit,
            tariff_cents: 2250,
            preparation: NO_PREP,
            unit_label: unit,
            slot_minutes: 30,
            popular,
            follow_up: false,
        });
        out.push(ServiceDef {
            code: format!("P{:03}", i + 101),
            description: (*control).to_owned(),
            branch,
            kind: Kind::Visit,
            tariff_cents: 1800,
            preparation: NO_PREP,
            unit_label: unit,
            slot_minutes: 20,
            popular: false,
            follow_up: true,
        });
    }
    // Diagnostics (automatic codes 2A01.., skipping fixed ones).
    let mut diagnostics: Vec<(usize, String, i64, Prep, u16, &'static str)> = Vec::new();
    for &(label, desc, tariff, prep, minutes, code) in DIAGNOSTICS {
        if let Some(u) = label_index(label) {
            diagnostics.push((u, desc.to_owned(), tariff, prep, minutes, code));
        }
    }
    let radiology = |label: &str| label_index(label).unwrap_or(0);
    let rx = radiology("RADIOLOGIA TRADIZIONALE");
    for &(district, tariff) in XRAY_DISTRICTS {
        diagnostics.push((rx, format!("RX {district}"), tariff, XRAY, 15, ""));
    }
    let eco = radiology("RADIOLOGIA ECOGRAFIA");
    for &(district, prep, tariff) in ULTRASOUND {
        diagnostics.push((eco, format!("ECOGRAFIA {district}"), tariff, prep, 20, ""));
    }
    let ct = radiology("RADIOLOGIA TC");
    for &(district, contrast) in CT_DISTRICTS {
        diagnostics.push((
            ct,
            format!("TC {district} SENZA MEZZO DI CONTRASTO"),
            9500,
            GENERIC,
            15,
            "",
        ));
        if contrast {
            diagnostics.push((
                ct,
                format!("TC {district} SENZA E CON MEZZO DI CONTRASTO"),
                14000,
                CONTRAST,
                20,
                "",
            ));
        }
    }
    let mri = radiology("RADIOLOGIA RM");
    for &(district, contrast) in MRI_DISTRICTS {
        diagnostics.push((
            mri,
            format!("RM {district} SENZA MEZZO DI CONTRASTO"),
            12000,
            MRI,
            30,
            "",
        ));
        if contrast {
            diagnostics.push((
                mri,
                format!("RM {district} SENZA E CON MEZZO DI CONTRASTO"),
                15000,
                MRI_CONTRAST,
                30,
                "",
            ));
        }
    }
    let mammo = radiology("RADIOLOGIA MAMMOGRAFIA");
    diagnostics.push((
        mammo,
        "MAMMOGRAFIA BILATERALE".to_owned(),
        4500,
        MAMMO,
        15,
        "",
    ));
    diagnostics.push((
        mammo,
        "MAMMOGRAFIA MONOLATERALE".to_owned(),
        3000,
        MAMMO,
        15,
        "",
    ));
    let moc = radiology("RADIOLOGIA MOC");
    diagnostics.push((
        moc,
        "DENSITOMETRIA OSSEA (MOC DEXA) LOMBARE".to_owned(),
        3500,
        DEXA,
        15,
        "",
    ));
    diagnostics.push((
        moc,
        "DENSITOMETRIA OSSEA (MOC DEXA) FEMORALE".to_owned(),
        3500,
        DEXA,
        15,
        "",
    ));
    diagnostics.push((
        moc,
        "DENSITOMETRIA OSSEA (MOC DEXA) TOTAL BODY".to_owned(),
        5000,
        DEXA,
        20,
        "",
    ));

    let fixed: Vec<&str> = diagnostics
        .iter()
        .map(|d| d.5)
        .filter(|c| !c.is_empty())
        .collect();
    let mut next = 0u32;
    let mut auto_code = || loop {
        let letter = char::from(b'A' + u8::try_from(next / 99).unwrap_or(25));
        let code = format!("2{letter}{:02}", next % 99 + 1);
        next += 1;
        if !fixed.contains(&code.as_str()) {
            return code;
        }
    };
    for (unit, description, tariff, preparation, minutes, code) in diagnostics {
        let code = if code.is_empty() {
            auto_code()
        } else {
            code.to_owned()
        };
        let popular = POPULAR_EXAMS.contains(&description.as_str());
        out.push(ServiceDef {
            code,
            description,
            branch: UNIT_LABELS[unit].2,
            kind: Kind::Diagnostic,
            tariff_cents: tariff,
            preparation,
            unit_label: Some(unit),
            slot_minutes: minutes,
            popular,
            follow_up: false,
        });
    }
    // Laboratory: catalogue only, no agenda.
    for (i, &(desc, fasting)) in LABORATORY.iter().enumerate() {
        out.push(ServiceDef {
            code: format!("90.{:02}.{}", 10 + i / 5, i % 5 + 1),
            description: desc.to_owned(),
            branch: LAB_BRANCH,
            kind: Kind::Laboratory,
            tariff_cents: 1500 + i64::try_from(i % 4).unwrap_or(0) * 250,
            preparation: if fasting { LAB_FAST } else { NO_PREP },
            unit_label: None,
            slot_minutes: 0,
            popular: false,
            follow_up: false,
        });
    }
    out
}
