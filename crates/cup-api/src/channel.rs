//! The channel a request comes from: every request names one.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The citizen's app (desktop, Android, iOS).
    App,
    /// The web portal.
    Web,
    /// A kiosk in a health-district waiting room.
    Kiosk,
    /// A CUP counter operator.
    Sportello,
    /// A pharmacy operator.
    Farmacia,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::App,
        Channel::Web,
        Channel::Kiosk,
        Channel::Sportello,
        Channel::Farmacia,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::App => "app",
            Channel::Web => "web",
            Channel::Kiosk => "kiosk",
            Channel::Sportello => "sportello",
            Channel::Farmacia => "farmacia",
        }
    }

    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == value)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_channel_and_nothing_else() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("APP"), None);
        assert_eq!(Channel::parse(""), None);
    }
}
