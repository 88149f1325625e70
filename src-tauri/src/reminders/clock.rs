//! The clock, injectable: the system clock in the app, a manual one in tests. The scheduler
//! asks it both the time and to wait, so a test moves time forward by hand.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};

/// A future the clock resolves.
pub(crate) type Wait<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

pub(crate) trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Resolves at `deadline` (at once if it has passed).
    fn sleep_until(&self, deadline: DateTime<Utc>) -> Wait<'_>;
}

/// The program's clock (cup-clock: the computer's, or moved by `CUP_TODAY`); waits with
/// tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        cup_clock::now()
    }

    fn sleep_until(&self, deadline: DateTime<Utc>) -> Wait<'_> {
        let wait = (deadline - cup_clock::now()).to_std().unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that moves only when told to (tests).
#[cfg(test)]
pub(crate) struct ManualClock {
    now: tokio::sync::watch::Sender<DateTime<Utc>>,
}

#[cfg(test)]
impl ManualClock {
    pub(crate) fn new(now: DateTime<Utc>) -> Self {
        ManualClock {
            now: tokio::sync::watch::Sender::new(now),
        }
    }

    pub(crate) fn set(&self, now: DateTime<Utc>) {
        self.now.send_replace(now);
    }
}

#[cfg(test)]
impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.borrow()
    }

    fn sleep_until(&self, deadline: DateTime<Utc>) -> Wait<'_> {
        let mut now = self.now.subscribe();
        Box::pin(async move {
            while *now.borrow_and_update() < deadline {
                if now.changed().await.is_err() {
                    return;
                }
            }
        })
    }
}
