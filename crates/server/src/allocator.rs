//! One allocator for the whole process: mimalloc for Rust's allocations and for the bundled
//! SQLite's; when serving, it returns freed pages to the system within milliseconds.
//!
//! This is the only module of the workspace that may use `unsafe`: calls into two C libraries,
//! SQLite's before any thread or database connection exists.
//!
//! Measured with the load benchmark on a seeded database (`tests/bench/HISTORY.md`): SQLite's own
//! allocations went to glibc's malloc, which gave each SQLite connection thread an arena of its
//! own and kept every arena at its high-water mark: 30 MB of the service's resident memory after
//! the list scenario, against 9 MB before it. mimalloc shares free pages between threads and
//! gives whole free pages back.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};

use libmimalloc_sys as mi;
use libsqlite3_sys as sqlite;

/// mimalloc instead of the system allocator: measured with the load benchmark, 17 to 37 % more
/// requests a second than glibc's malloc, whose arenas and consolidation showed up at a tenth of
/// the service's profile under load (`tests/bench/HISTORY.md`). Built without transparent huge
/// pages (`no_thp`), which would hold 2 MB of memory for every region it touches.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`; the Rust bindings name the
/// options around it but not this one): how long memory freed in whole pages stays committed.
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// What went wrong when configuring SQLite's allocator.
#[derive(Debug, thiserror::Error)]
#[error("SQLite refused mimalloc as its allocator (result code {0}); it keeps the system's")]
pub struct SqliteAllocatorRefused(c_int);

/// Makes SQLite allocate through mimalloc; call first in `main`, before any thread starts or
/// any SQLite connection is opened.
pub fn configure() -> Result<(), SqliteAllocatorRefused> {
    let methods = sqlite::sqlite3_mem_methods {
        xMalloc: Some(sqlite_malloc),
        xFree: Some(sqlite_free),
        xRealloc: Some(sqlite_realloc),
        xSize: Some(sqlite_size),
        xRoundup: Some(sqlite_roundup),
        xInit: Some(sqlite_init),
        xShutdown: Some(sqlite_shutdown),
        pAppData: std::ptr::null_mut(),
    };
    // SAFETY: SQLITE_CONFIG_MALLOC takes a pointer to a `sqlite3_mem_methods`, which SQLite
    // copies before returning. It is refused (SQLITE_MISUSE, nothing changed) once SQLite is
    // initialised, so memory SQLite allocated before can never reach `mi_free`.
    let code = unsafe { sqlite::sqlite3_config(sqlite::SQLITE_CONFIG_MALLOC, &raw const methods) };
    if code == sqlite::SQLITE_OK {
        Ok(())
    } else {
        Err(SqliteAllocatorRefused(code))
    }
}

/// How long the service keeps pages freed whole before giving them back to the system, in ms.
///
/// Measured with the load benchmark on one kept seeded database, delays alternated through
/// `MIMALLOC_PURGE_DELAY` on one build (`tests/bench/HISTORY.md`): at mimalloc's default of 1 s a
/// burst of requests left the service at its peak, 104 to 107 MB in three runs (budget
/// < 100 MB); at 0 (at once) the peak was 84 to 90 MB in seven runs, but reads by id had a p99
/// over 25 ms in five of them (up to 108 ms); at 5 ms, 89 to 94 MB in five runs (and 93, 95
/// and 121 MB in three runs that seeded their own database), with a read p99 over 25 ms in
/// three of those eight runs (up to 49 ms). 10 ms and more reached 96 to 104 MB.
pub const SERVICE_PURGE_DELAY_MS: std::ffi::c_long = 5;

/// Makes mimalloc give pages freed whole back to the system after [`SERVICE_PURGE_DELAY_MS`]
/// instead of after a second (its default), so that a burst of requests does not leave the
/// service's resident memory at its peak. For the service only: purging costs system calls,
/// and at once it made `samenleven seed` about 17% slower (35 s → 41 s for 150,000 complaints).
pub fn purge_freed_pages_soon() {
    // SAFETY: `mi_option_set` only stores an integer option (atomically; callable at any time);
    // the purge delay is a number of milliseconds.
    unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, SERVICE_PURGE_DELAY_MS) };
}

/// How often the service makes mimalloc give back every page freed whole, whether or not its
/// purge delay has passed ([`give_back_freed_pages`]).
///
/// mimalloc purges freed pages only inside its own calls, when a thread frees or gives up a
/// page after their delay has run out. In some of the benchmark's runs (three of five that
/// seeded their own database on one afternoon, one of six at noon) the service stayed 15 to
/// 25 MB above the others, past its memory budget, with as many pages in use but fewer purged
/// (`tests/bench/HISTORY.md`). With this every second: peak RSS 88 to 93 MB against 94 MB in every
/// run without (one kept seeded database, four rounds alternated, no rate lower), and 82 to
/// 88 MB in three runs that seeded their own database.
pub const GIVE_BACK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// Makes mimalloc give back to the system, now, every page freed whole and not yet given back
/// (and the pages the calling thread holds free).
pub fn give_back_freed_pages() {
    // SAFETY: `mi_collect` takes no pointer and frees only pages no live block is in; any
    // thread may call it at any time.
    unsafe { mi::mi_collect(true) };
}

/// SQLite asks only for sizes it can hold in an `int`; a negative one would be its bug, and
/// gets a null pointer (out of memory) rather than a huge allocation.
fn size(n: c_int) -> Option<usize> {
    usize::try_from(n).ok()
}

unsafe extern "C" fn sqlite_malloc(n: c_int) -> *mut c_void {
    match size(n) {
        // SAFETY: plain allocation; mimalloc returns null when it cannot, which SQLite handles.
        Some(n) => unsafe { mi::mi_malloc(n) },
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn sqlite_free(p: *mut c_void) {
    // SAFETY: SQLite frees only what `sqlite_malloc` or `sqlite_realloc` returned (or null).
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn sqlite_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    match size(n) {
        // SAFETY: `p` came from this allocator (SQLite never reallocates null through here).
        Some(n) => unsafe { mi::mi_realloc(p, n) },
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn sqlite_size(p: *mut c_void) -> c_int {
    // SAFETY: `p` came from this allocator; the usable size is at least what was asked for,
    // which fitted an `int`, and mimalloc's size classes above that stay far below `i32::MAX`
    // for the sizes SQLite asks (its own limit is 2 GiB).
    let usable = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(usable).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn sqlite_roundup(n: c_int) -> c_int {
    match size(n) {
        // SAFETY: a pure computation of mimalloc's size class for `n`.
        Some(n) => c_int::try_from(unsafe { mi::mi_good_size(n) }).unwrap_or(c_int::MAX),
        None => n,
    }
}

unsafe extern "C" fn sqlite_init(_: *mut c_void) -> c_int {
    sqlite::SQLITE_OK
}

unsafe extern "C" fn sqlite_shutdown(_: *mut c_void) {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The option's place is written down by hand: its default (1000 ms in mimalloc 3) and the
    /// value set must both read back from that place.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reads an integer option.
        let default = unsafe { mi::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(
                default, 1000,
                "option {MI_OPTION_PURGE_DELAY} is not the purge delay"
            );
        }
        purge_freed_pages_soon();
        // SAFETY: as above.
        assert_eq!(
            unsafe { mi::mi_option_get(MI_OPTION_PURGE_DELAY) },
            SERVICE_PURGE_DELAY_MS
        );
    }

    /// The resident memory of this process, in bytes.
    #[cfg(target_os = "linux")]
    fn resident() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib * 1024
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn memory_freed_whole_is_given_back_when_asked() {
        const MIB: usize = 1024 * 1024;
        let blocks: Vec<Vec<u8>> = (0..4096)
            .map(|i| vec![(i % 251) as u8; 16 * 1024])
            .collect();
        assert_eq!(blocks.iter().map(Vec::len).sum::<usize>(), 64 * MIB);
        let held = resident();
        drop(blocks);
        give_back_freed_pages();
        let after = resident();
        assert!(
            held.saturating_sub(after) >= 32 * MIB,
            "{} MiB resident with the blocks, {} MiB after",
            held / MIB,
            after / MIB
        );
    }

    /// The only test of this binary's unit tests that uses SQLite, so nothing has started it
    /// before.
    #[test]
    fn sqlite_allocates_from_mimalloc_and_refuses_a_change_once_started() {
        configure().unwrap();
        // SAFETY: a plain allocation through SQLite's configured allocator, freed below.
        let block = unsafe { sqlite::sqlite3_malloc(100) };
        assert!(!block.is_null());
        // SAFETY: asks mimalloc whether the address lies in its heap; reads nothing.
        assert!(unsafe { mi::mi_is_in_heap_region(block) });
        // SAFETY: SQLite gets back the block it gave.
        unsafe { sqlite::sqlite3_free(block) };

        // A database works on it, and once SQLite has started the allocator stays as it is.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let db = samenleven_persistence::Database::connect(
                "sqlite::memory:",
                samenleven_persistence::DatabaseOptions::single(1),
            )
            .await
            .unwrap();
            db.migrate().await.unwrap();
            db.ping().await.unwrap();
        });
        let refused = configure().unwrap_err();
        assert_eq!(refused.0, sqlite::SQLITE_MISUSE);
    }
}
