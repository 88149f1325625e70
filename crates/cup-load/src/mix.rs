//! What the simulated citizens and operators do: the channel mix, the plan of one session
//! (how many searches, whether it holds, books, releases, lets the hold expire, cancels or
//! moves), and the Zipf-like choice that concentrates demand on popular services and on the
//! first offers, so that contention is real. Pure: no IO, unit-tested.

use cup_api::Channel;
use rand::Rng;

/// A Zipf-like distribution over ranks `0..n`: P(k) proportional to 1 / (k + 1)^s.
#[derive(Debug, Clone)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    /// `n` ranks (at least one), exponent `s` (0 is uniform; about 1 is the classic Zipf).
    pub fn new(n: usize, s: f64) -> Zipf {
        let n = n.max(1);
        let mut cdf = Vec::with_capacity(n);
        let mut total = 0.0;
        for k in 0..n {
            total += 1.0 / ((k + 1) as f64).powf(s);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Zipf { cdf }
    }

    /// The probability of rank `k`.
    #[cfg(test)]
    pub fn probability(&self, k: usize) -> f64 {
        match k {
            0 => self.cdf.first().copied().unwrap_or(0.0),
            k if k < self.cdf.len() => self.cdf[k] - self.cdf[k - 1],
            _ => 0.0,
        }
    }

    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        let u: f64 = rng.random();
        self.cdf.partition_point(|c| *c < u).min(self.cdf.len() - 1)
    }

    /// A rank below `limit` (for offer lists shorter than the distribution).
    pub fn sample_below<R: Rng + ?Sized>(&self, rng: &mut R, limit: usize) -> usize {
        if limit == 0 {
            return 0;
        }
        let k = self.sample(rng);
        if k < limit {
            k
        } else {
            rng.random_range(0..limit)
        }
    }
}

/// Who is at the other end: a citizen online (app, web, kiosk) or an operator at a counter
/// (sportello) or in a pharmacy (farmacia) booking for a citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Online,
    Counter,
}

impl Class {
    /// The channel of one session of this class: online 45% app, 45% web, 10% kiosk;
    /// counters 80% sportello, 20% farmacia.
    pub fn channel<R: Rng + ?Sized>(self, rng: &mut R) -> Channel {
        let u: f64 = rng.random();
        match self {
            Class::Online if u < 0.45 => Channel::App,
            Class::Online if u < 0.90 => Channel::Web,
            Class::Online => Channel::Kiosk,
            Class::Counter if u < 0.80 => Channel::Sportello,
            Class::Counter => Channel::Farmacia,
        }
    }
}

/// The probabilities of one session's steps.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    /// Availability searches per session: uniform in this range (inclusive).
    pub searches: (u32, u32),
    /// Probability of also asking for the month calendar.
    pub calendar: f64,
    /// Probability that the session holds a slot (the rest only look: "interrogazione").
    pub hold: f64,
    /// After a hold: probability of booking, and of releasing it; the rest is left to expire.
    pub book: f64,
    pub release: f64,
    /// After a booking: probability of cancelling it, and of moving it.
    pub cancel: f64,
    pub reschedule: f64,
}

impl Mix {
    /// Citizens online: most only look. About 0.27 operations (bookings, cancellations,
    /// moves) per session, as the seed's 4,000 operations for 15,000 citizens a day.
    pub const ONLINE: Mix = Mix {
        searches: (2, 5),
        calendar: 0.5,
        hold: 0.35,
        book: 0.62,
        release: 0.23,
        cancel: 0.10,
        reschedule: 0.10,
    };
    /// Operators: nearly every session ends in an operation.
    pub const COUNTER: Mix = Mix {
        searches: (1, 3),
        calendar: 0.2,
        hold: 0.92,
        book: 0.85,
        release: 0.10,
        cancel: 0.12,
        reschedule: 0.12,
    };
    /// The quick CI run: every path often, so that few sessions exercise them all.
    pub const QUICK: Mix = Mix {
        searches: (1, 2),
        calendar: 0.3,
        hold: 0.9,
        book: 0.7,
        release: 0.15,
        cancel: 0.2,
        reschedule: 0.25,
    };

    pub fn of(class: Class) -> Mix {
        match class {
            Class::Online => Mix::ONLINE,
            Class::Counter => Mix::COUNTER,
        }
    }

    /// Expected operations (bookings + cancellations + moves) per session.
    pub fn operations_per_session(&self) -> f64 {
        let booked = self.hold * self.book;
        booked * (1.0 + self.cancel + self.reschedule)
    }

    pub fn plan<R: Rng + ?Sized>(&self, rng: &mut R) -> Plan {
        let (lo, hi) = self.searches;
        let searches = rng.random_range(lo.min(hi)..=hi.max(lo));
        let calendar = rng.random_bool(self.calendar.clamp(0.0, 1.0));
        let after_hold = if !rng.random_bool(self.hold.clamp(0.0, 1.0)) {
            None
        } else {
            let u: f64 = rng.random();
            Some(if u < self.book {
                let v: f64 = rng.random();
                AfterHold::Book(if v < self.cancel {
                    AfterBook::Cancel
                } else if v < self.cancel + self.reschedule {
                    AfterBook::Reschedule
                } else {
                    AfterBook::Keep
                })
            } else if u < self.book + self.release {
                AfterHold::Release
            } else {
                AfterHold::Expire
            })
        };
        Plan {
            searches,
            calendar,
            after_hold,
        }
    }
}

/// One session's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub searches: u32,
    pub calendar: bool,
    /// `None`: the session only looks.
    pub after_hold: Option<AfterHold>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterHold {
    Book(AfterBook),
    Release,
    /// Walk away: the hold expires by itself.
    Expire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterBook {
    Keep,
    Cancel,
    Reschedule,
}

/// The seed's day (cup2-portal-presentation): about 15,000 citizens online and more than
/// 50,000 operations at counters (2,700 operators between 10 and 12), 54,000 operations in
/// all. The day runs 07:00-21:00; these are the weights of its hours.
pub struct DayProfile;

impl DayProfile {
    pub const HOURS: usize = 14;
    /// Counters open 08:00-19:00 and peak 10-12.
    pub const COUNTER: [f64; Self::HOURS] = [
        0.0, 6.0, 9.0, 16.0, 16.0, 9.0, 5.0, 6.0, 7.0, 6.0, 5.0, 3.0, 0.0, 0.0,
    ];
    /// Online all day, busiest in the morning and after dinner.
    pub const ONLINE: [f64; Self::HOURS] = [
        3.0, 6.0, 8.0, 9.0, 9.0, 8.0, 6.0, 6.0, 7.0, 7.0, 7.0, 6.0, 8.0, 7.0,
    ];
    pub const ONLINE_SESSIONS: f64 = 15_000.0;
    pub const COUNTER_OPERATIONS: f64 = 50_000.0;

    /// Sessions of this class in the whole day.
    pub fn sessions(class: Class) -> f64 {
        match class {
            Class::Online => Self::ONLINE_SESSIONS,
            Class::Counter => {
                Self::COUNTER_OPERATIONS / Mix::COUNTER.operations_per_session().max(0.01)
            }
        }
    }

    /// Sessions per second of the day's real time at `fraction` (0..1) of the day.
    pub fn rate(class: Class, fraction: f64) -> f64 {
        let weights = match class {
            Class::Online => &Self::ONLINE,
            Class::Counter => &Self::COUNTER,
        };
        let total: f64 = weights.iter().sum();
        let hour = ((fraction.clamp(0.0, 0.999_999)) * Self::HOURS as f64) as usize;
        Self::sessions(class) * weights[hour.min(Self::HOURS - 1)] / total / 3600.0
    }

    /// The day's real length in seconds.
    pub fn seconds() -> f64 {
        Self::HOURS as f64 * 3600.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng() -> rand::rngs::StdRng {
        rand::rngs::StdRng::seed_from_u64(7)
    }

    #[test]
    fn zipf_concentrates_on_the_first_ranks_and_sums_to_one() {
        let zipf = Zipf::new(50, 1.1);
        let total: f64 = (0..50).map(|k| zipf.probability(k)).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert!(zipf.probability(0) > zipf.probability(1));
        assert!(zipf.probability(1) > zipf.probability(10));
        let mut counts = [0u32; 50];
        let mut rng = rng();
        for _ in 0..100_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        // The top five ranks take more than half the demand; the sampled frequencies match.
        let top5: u32 = counts[..5].iter().sum();
        assert!(top5 > 50_000, "{top5}");
        let f0 = f64::from(counts[0]) / 100_000.0;
        assert!((f0 - zipf.probability(0)).abs() < 0.01, "{f0}");
        assert!(counts.iter().all(|c| *c > 0));
    }

    #[test]
    fn zipf_edge_cases() {
        let one = Zipf::new(0, 1.0);
        assert_eq!(one.probability(0), 1.0);
        assert_eq!(one.sample(&mut rng()), 0);
        assert_eq!(one.probability(3), 0.0);
        let uniform = Zipf::new(4, 0.0);
        assert!((uniform.probability(2) - 0.25).abs() < 1e-12);
        let zipf = Zipf::new(10, 1.0);
        let mut rng = rng();
        for _ in 0..1000 {
            assert!(zipf.sample_below(&mut rng, 3) < 3);
        }
        assert_eq!(zipf.sample_below(&mut rng, 0), 0);
    }

    fn tally(mix: Mix, n: u32) -> (u32, u32, u32, u32, u32, u32, u32) {
        let mut rng = rng();
        let (mut searches, mut holds, mut books, mut releases, mut expires) = (0, 0, 0, 0, 0);
        let (mut cancels, mut moves) = (0, 0);
        for _ in 0..n {
            let plan = mix.plan(&mut rng);
            searches += plan.searches;
            match plan.after_hold {
                None => {}
                Some(after) => {
                    holds += 1;
                    match after {
                        AfterHold::Book(b) => {
                            books += 1;
                            match b {
                                AfterBook::Cancel => cancels += 1,
                                AfterBook::Reschedule => moves += 1,
                                AfterBook::Keep => {}
                            }
                        }
                        AfterHold::Release => releases += 1,
                        AfterHold::Expire => expires += 1,
                    }
                }
            }
        }
        (searches, holds, books, releases, expires, cancels, moves)
    }

    #[test]
    fn searches_outnumber_holds_which_outnumber_bookings() {
        for mix in [Mix::ONLINE, Mix::COUNTER, Mix::QUICK] {
            let (searches, holds, books, releases, expires, cancels, moves) = tally(mix, 20_000);
            assert!(searches > holds, "{searches} {holds}");
            assert!(holds > books, "{holds} {books}");
            assert!(releases > 0 && expires > 0 && cancels > 0 && moves > 0);
            assert_eq!(holds, books + releases + expires);
        }
        // Online, searches far outnumber holds.
        let (searches, holds, ..) = tally(Mix::ONLINE, 20_000);
        assert!(searches > 5 * holds, "{searches} {holds}");
    }

    #[test]
    fn the_seed_day_adds_up() {
        // Online: about 4,000 operations for 15,000 citizens.
        let online_ops = DayProfile::sessions(Class::Online) * Mix::ONLINE.operations_per_session();
        assert!((3_500.0..4_500.0).contains(&online_ops), "{online_ops}");
        // Counters: 50,000 operations.
        let counter_ops =
            DayProfile::sessions(Class::Counter) * Mix::COUNTER.operations_per_session();
        assert!((counter_ops - 50_000.0).abs() < 1.0, "{counter_ops}");
        // The rates integrate to the day's sessions; the counter peak is 10-12.
        for class in [Class::Online, Class::Counter] {
            let steps = 14 * 60;
            let integral: f64 = (0..steps)
                .map(|i| {
                    DayProfile::rate(class, (i as f64 + 0.5) / steps as f64) * DayProfile::seconds()
                        / steps as f64
                })
                .sum();
            let want = DayProfile::sessions(class);
            assert!((integral - want).abs() / want < 1e-6, "{integral} {want}");
        }
        let at = |hour: f64| (hour - 7.0) / 14.0;
        assert!(
            DayProfile::rate(Class::Counter, at(10.5)) > DayProfile::rate(Class::Counter, at(15.5))
        );
        assert_eq!(DayProfile::rate(Class::Counter, at(7.5)), 0.0);
    }

    #[test]
    fn channels_follow_the_class() {
        let mut rng = rng();
        let mut sportello = 0;
        for _ in 0..10_000 {
            let online = Class::Online.channel(&mut rng);
            assert!(matches!(
                online,
                Channel::App | Channel::Web | Channel::Kiosk
            ));
            let counter = Class::Counter.channel(&mut rng);
            assert!(matches!(counter, Channel::Sportello | Channel::Farmacia));
            if counter == Channel::Sportello {
                sportello += 1;
            }
        }
        assert!((7_500..8_500).contains(&sportello), "{sportello}");
    }
}
