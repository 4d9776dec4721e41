//! The std-only timing loop the benchmarks share (no benchmark crate: one
//! would pull a second `syn` into the graph).

use std::time::{Duration, Instant};

/// How a benchmark samples: `rounds` batches of each function in turn, each
/// batch about `batch` long.
#[derive(Clone, Copy)]
pub(crate) struct Batches {
    pub(crate) rounds: usize,
    pub(crate) batch: Duration,
}

/// The median time per call of each of `runs`, measured in alternating
/// batches (A B C A B C …), so that a change in the machine's load falls on
/// all of them alike, after a warm-up that also sizes each one's batch.
pub(crate) fn medians_per_call<const N: usize>(
    Batches { rounds, batch }: Batches,
    runs: &mut [&mut dyn FnMut(); N],
) -> [Duration; N] {
    let calls = runs.each_mut().map(|run| {
        for _ in 0..1_000 {
            run();
        }
        let start = Instant::now();
        let mut calls = 0_u32;
        while start.elapsed() < batch {
            run();
            calls += 1;
        }
        calls.max(1)
    });
    let mut samples: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(rounds));
    for _ in 0..rounds {
        for ((run, calls), samples) in runs.iter_mut().zip(calls).zip(&mut samples) {
            let start = Instant::now();
            for _ in 0..calls {
                run();
            }
            samples.push(start.elapsed() / calls);
        }
    }
    samples.map(|mut samples| {
        samples.sort();
        samples[rounds / 2]
    })
}
