//! The citizens the sessions act for: each prescription line is used by one session at a
//! time; services are chosen Zipf-like by popularity (most prescribed first), so a few
//! services draw most of the demand and their first offers are fought over.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use rand::Rng;

use crate::citizens::Patient;
use crate::mix::Zipf;

pub struct PatientPool {
    patients: Vec<Patient>,
    /// Free patients (indexes) per service rank, the most prescribed service first.
    free: Mutex<Vec<Vec<usize>>>,
    rank_of: HashMap<i64, usize>,
    /// Lines booked during the run and kept, with their CUP number, oldest first: when no line
    /// is free, a session manages one of them (cancels it, as a citizen calling back would).
    booked: Mutex<VecDeque<(usize, String)>>,
    zipf: Zipf,
}

/// What a session acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Take {
    /// A free line: search, hold, book...
    Fresh(usize),
    /// A line booked earlier in the run (its CUP number): cancel it.
    Booked(usize, String),
}

impl PatientPool {
    /// `skew`: the Zipf exponent over the services' popularity ranks.
    pub fn new(patients: Vec<Patient>, skew: f64) -> PatientPool {
        let mut by_service: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, p) in patients.iter().enumerate() {
            by_service.entry(p.service_id).or_default().push(i);
        }
        let mut free: Vec<(i64, Vec<usize>)> = by_service.into_iter().collect();
        // Most prescribed first; ties by service id, so the ranking is deterministic.
        free.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let rank_of = free
            .iter()
            .enumerate()
            .map(|(rank, (service, _))| (*service, rank))
            .collect();
        let free: Vec<Vec<usize>> = free.into_iter().map(|(_, v)| v).collect();
        let zipf = Zipf::new(free.len(), skew);
        PatientPool {
            patients,
            free: Mutex::new(free),
            rank_of,
            booked: Mutex::default(),
            zipf,
        }
    }

    /// Prescription lines in the pool.
    pub fn lines(&self) -> usize {
        self.patients.len()
    }

    pub fn patient(&self, index: usize) -> &Patient {
        &self.patients[index]
    }

    /// A free patient of a service chosen by popularity (the next service with a free patient
    /// if that one has none), or `None` when every patient is busy or retired.
    pub fn take<R: Rng + ?Sized>(&self, rng: &mut R) -> Option<usize> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        if free.is_empty() {
            return None;
        }
        let start = self.zipf.sample(rng);
        let n = free.len();
        (0..n).find_map(|k| {
            let list = &mut free[(start + k) % n];
            if list.is_empty() {
                None
            } else {
                let j = rng.random_range(0..list.len());
                Some(list.swap_remove(j))
            }
        })
    }

    /// A free line, else the oldest line booked in the run, else `None`.
    pub fn take_or_manage<R: Rng + ?Sized>(&self, rng: &mut R) -> Option<Take> {
        if let Some(i) = self.take(rng) {
            return Some(Take::Fresh(i));
        }
        let mut booked = self.booked.lock().unwrap_or_else(|e| e.into_inner());
        booked.pop_front().map(|(i, cup)| Take::Booked(i, cup))
    }

    /// A line booked and kept: out of the free pool, but a later session may cancel it.
    pub fn booked(&self, index: usize, cup: String) {
        let mut booked = self.booked.lock().unwrap_or_else(|e| e.into_inner());
        booked.push_back((index, cup));
    }

    /// Gives a patient back (the line is bookable again: nothing booked, or cancelled).
    pub fn put(&self, index: usize) {
        let Some(&rank) = self.rank_of.get(&self.patients[index].service_id) else {
            return;
        };
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(list) = free.get_mut(rank) {
            list.push(index);
        }
    }

    /// Free patients now (for the report).
    pub fn free(&self) -> usize {
        let free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        free.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn patient(service_id: i64) -> Patient {
        Patient {
            codice_fiscale: String::new(),
            tessera: String::new(),
            nre: String::new(),
            line: 1,
            service_id,
        }
    }

    #[test]
    fn popular_services_draw_most_sessions_and_each_line_is_used_once_at_a_time() {
        // Service 1 prescribed 50 times, 2: 30, 3..=12: 2 each.
        let mut patients: Vec<Patient> = (0..50).map(|_| patient(1)).collect();
        patients.extend((0..30).map(|_| patient(2)));
        patients.extend((3..=12).flat_map(|s| [patient(s), patient(s)]));
        let total = patients.len();
        let pool = PatientPool::new(patients, 1.2);
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let mut counts: HashMap<i64, u32> = HashMap::new();
        for _ in 0..5000 {
            let i = pool.take(&mut rng).expect("a free patient");
            *counts.entry(pool.patient(i).service_id).or_default() += 1;
            pool.put(i);
        }
        assert!(counts[&1] > counts[&2], "{counts:?}");
        assert!(counts[&1] + counts[&2] > 2500, "{counts:?}");
        assert_eq!(pool.free(), total);
        // Taken patients are not handed out again until put back.
        let mut taken = std::collections::HashSet::new();
        while let Some(i) = pool.take(&mut rng) {
            assert!(taken.insert(i));
        }
        assert_eq!(taken.len(), total);
        assert_eq!(pool.free(), 0);
        // With no free line, the oldest booked one is handed out to be managed, once.
        assert_eq!(pool.take_or_manage(&mut rng), None);
        pool.booked(3, "C1".into());
        pool.booked(4, "C2".into());
        assert_eq!(
            pool.take_or_manage(&mut rng),
            Some(Take::Booked(3, "C1".into()))
        );
        pool.put(0);
        taken.remove(&0);
        assert_eq!(pool.take_or_manage(&mut rng), Some(Take::Fresh(0)));
        taken.insert(0);
        for i in taken {
            pool.put(i);
        }
        assert_eq!(pool.free(), total);
    }
}
