//! The UI's language, as the citizen chose it: the documents written after a booking and the
//! reminders' notifications speak it. Set by the UI (`set_language`); Italian until then.

use std::sync::{Arc, RwLock};

use cup_domain::Lang;

/// Shared by the documents, the reminders' scheduler and the `set_language` command.
#[derive(Debug, Clone, Default)]
pub struct UiLanguage(Arc<RwLock<Lang>>);

impl UiLanguage {
    pub fn get(&self) -> Lang {
        // A panic while holding the lock cannot leave a half-written `Lang`.
        *self
            .0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn set(&self, lang: Lang) {
        *self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = lang;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_language() {
        let language = UiLanguage::default();
        let scheduler = language.clone();
        assert_eq!(scheduler.get(), Lang::It);
        language.set(Lang::En);
        assert_eq!(scheduler.get(), Lang::En);
    }
}
