//! Argon2id password hashing. Hashing is CPU-bound and takes 19 MiB a time: it runs off
//! the async executor, behind [`Hasher`], at most as many at once as the machine has cores,
//! and verifications work in memory the hasher keeps, so a flood allocates nothing new.

use std::sync::{Arc, Mutex};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// Hashes `password` into a PHC string with a fresh random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("hashing a password failed: {error}"))
}

/// Argon2's working memory: 19 MiB of blocks with the default parameters.
type Memory = Vec<Block>;

/// Whether `password` matches the PHC string `hash` (a malformed hash never matches),
/// computed in `memory`, which is reused from one verification to the next instead of
/// allocating (and, with glibc, keeping per thread) 19 MiB each time.
fn verify_in(password: &str, hash: &str, memory: &mut Memory) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_buffer = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    memory.resize(params.block_count(), Block::default());
    let argon = Argon2::new(algorithm, version, params);
    let mut computed = vec![0u8; expected.len()];
    argon
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut memory[..])
        .is_ok()
        // `Output`'s equality is constant-time.
        && argon2::password_hash::Output::new(&computed).is_ok_and(|computed| computed == expected)
}

/// A hash of a password nobody has, to verify against when there is no account.
fn dummy_hash() -> &'static str {
    static DUMMY_HASH: OnceLock<String> = OnceLock::new();
    DUMMY_HASH.get_or_init(|| hash_password("madoguchi-dummy-password").unwrap_or_default())
}

/// Every password hash and verification goes through here: at most `running` at once, and
/// at most `waiting` more queued behind them, so a flood of sign-ins costs a bounded amount
/// of memory and CPU. Beyond that the caller hears [`Busy`] at once: the answer is a 429.
#[derive(Clone, Debug)]
pub struct Hasher {
    admitted: Arc<Semaphore>,
    running: Arc<Semaphore>,
    /// Working memory of finished verifications, for the next ones: never more blocks than
    /// may run at once.
    memory: Arc<Mutex<Vec<Memory>>>,
}

/// All hashing slots and the queue behind them are taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("every password hashing slot is busy")]
pub struct Busy;

impl Hasher {
    /// At most `running` hashes at a time (at least one), with `waiting` more queued.
    pub fn new(running: usize, waiting: usize) -> Self {
        let running = running.max(1);
        Self {
            admitted: Arc::new(Semaphore::new(running + waiting)),
            running: Arc::new(Semaphore::new(running)),
            memory: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// As many at a time as the machine has cores, and four times as many waiting: a
    /// morning's sign-ins queue for a moment, a flood is turned away.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::new(cores, cores * 4)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let admitted = Arc::clone(&self.admitted)
            .try_acquire_owned()
            .map_err(|_| Busy)?;
        let running = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|_| Busy)?;
        let outcome = tokio::task::spawn_blocking(move || {
            let outcome = work();
            drop((running, admitted));
            outcome
        })
        .await;
        // A hashing task only panics on a bug in argon2.
        outcome.map_err(|_| Busy)
    }

    /// Hashes a password.
    pub async fn hash(&self, password: String) -> Result<anyhow::Result<String>, Busy> {
        self.run(move || hash_password(&password)).await
    }

    /// Whether `password` matches `hash`.
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, Busy> {
        let pool = Arc::clone(&self.memory);
        self.run(move || {
            let taken = pool.lock().ok().and_then(|mut pool| pool.pop());
            let mut memory = taken.unwrap_or_default();
            let matches = verify_in(&password, &hash, &mut memory);
            if let Ok(mut pool) = pool.lock() {
                pool.push(memory);
            }
            matches
        })
        .await
    }

    /// Spends the time of one verification without an account, so that a wrong login id
    /// takes as long to refuse as a wrong password and does not reveal which accounts exist.
    pub async fn verify_against_dummy(&self, password: String) -> Result<(), Busy> {
        self.verify(password, dummy_hash().to_owned())
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_nothing_else() {
        let hash = hash_password("correct horse battery staple").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_in(
            "correct horse battery staple",
            &hash,
            &mut Vec::new()
        ));
        assert!(!verify_in(
            "correct horse battery stapl",
            &hash,
            &mut Vec::new()
        ));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let first = hash_password("same password here").expect("hashes");
        let second = hash_password("same password here").expect("hashes");
        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn the_hasher_verifies_in_reused_memory_like_the_reference_implementation() {
        let hash = hash_password("correct horse battery staple").expect("hashes");
        let hasher = Hasher::new(1, 0);
        for _ in 0..2 {
            assert_eq!(
                hasher
                    .verify("correct horse battery staple".to_owned(), hash.clone())
                    .await,
                Ok(true)
            );
            assert_eq!(
                hasher
                    .verify("correct horse".to_owned(), hash.clone())
                    .await,
                Ok(false)
            );
        }
        assert_eq!(
            hasher.memory.lock().expect("pool").len(),
            1,
            "one block of memory, kept for the next verification"
        );
        assert_eq!(
            hasher
                .verify("anything".to_owned(), "not a phc string".to_owned())
                .await,
            Ok(false)
        );
    }

    #[tokio::test]
    async fn the_hasher_refuses_at_once_when_every_slot_is_busy() {
        let hasher = Hasher::new(1, 0);
        let held = Arc::clone(&hasher.admitted)
            .try_acquire_owned()
            .expect("the one slot");
        assert_eq!(
            hasher.verify("password".to_owned(), "x".to_owned()).await,
            Err(Busy)
        );
        drop(held);
        assert_eq!(
            hasher.verify("password".to_owned(), "x".to_owned()).await,
            Ok(false)
        );
    }

    #[tokio::test]
    async fn the_hasher_queues_a_few_behind_the_running_ones_and_turns_the_rest_away() {
        let hasher = Hasher::new(1, 1);
        let running = Arc::clone(&hasher.running)
            .try_acquire_owned()
            .expect("the running slot");
        let admitted = Arc::clone(&hasher.admitted)
            .try_acquire_owned()
            .expect("the first admission");
        let queued = tokio::spawn({
            let hasher = hasher.clone();
            async move { hasher.verify("password".to_owned(), "x".to_owned()).await }
        });
        tokio::task::yield_now().await;
        assert_eq!(
            hasher.verify("password".to_owned(), "x".to_owned()).await,
            Err(Busy),
            "one running and one waiting: the third is turned away"
        );
        drop((running, admitted));
        assert_eq!(
            queued.await.expect("joined"),
            Ok(false),
            "the waiting one ran"
        );
    }

    #[test]
    fn a_malformed_hash_never_matches() {
        assert!(!verify_in("anything", "not a phc string", &mut Vec::new()));
    }
}
