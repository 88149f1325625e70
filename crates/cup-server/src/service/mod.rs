//! Business operations: each parses its inputs into domain types, opens one transaction,
//! composes store functions, and returns the API view. Handlers only adapt HTTP to these.

pub mod availability;
pub mod bookings;
pub mod catalogue;
pub mod error;
pub mod holds;
pub mod identifiers;
pub mod prescriptions;
pub mod sessions;
pub mod throttle;
pub mod views;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use cup_api::Channel;

pub use error::{ServiceError, ServiceResult};

use crate::clock::Clock;
use crate::config::ServerConfig;
use crate::infra::sms::SmsSender;
use crate::store::{AuditEntry, SessionRow, Store};

/// What every operation needs. Cheap to clone; owned by the router.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<ServerConfig>,
    pub sms: Arc<dyn SmsSender>,
    /// Reads and refusals go to the audit trail through here (mutations audit in their own
    /// transaction).
    pub audit: crate::infra::audit::AuditLog,
}

impl AppState {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub session: SessionRow,
    pub channel: Channel,
}

impl Caller {
    pub fn actor(&self) -> String {
        format!("session:{}", self.session.id)
    }

    pub fn citizen_id(&self) -> i64 {
        self.session.citizen_id
    }

    /// An audit entry for this caller.
    pub fn audit(&self, at: i64, action: &'static str, object: String) -> AuditEntry {
        self.audit_outcome(at, action, object, "ok")
    }

    /// An audit entry for this caller, with its outcome (`ok`, `none`, `not_found`...).
    pub fn audit_outcome(
        &self,
        at: i64,
        action: &'static str,
        object: String,
        outcome: &'static str,
    ) -> AuditEntry {
        AuditEntry {
            at,
            // The session's channel, fixed at login: not the one a request's header claims.
            channel: Channel::parse(&self.session.channel)
                .unwrap_or(self.channel)
                .as_str(),
            actor: self.actor(),
            citizen_id: Some(self.citizen_id()),
            action,
            object,
            outcome,
            address: None,
        }
    }
}

/// Epoch seconds of an instant.
pub fn epoch(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// The instant of epoch seconds (out-of-range values clamp to the epoch).
pub fn instant(epoch: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(epoch, 0).unwrap_or_default()
}
