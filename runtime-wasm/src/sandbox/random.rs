//! `Math.random` is deterministic: a xoshiro256** stream seeded from the chain id,
//! contract id and transaction id. Every honest executor of a transaction sees the
//! same numbers, which also means anyone can predict them: never use it for secrets
//! or lotteries.

use super::seeds::digest;

#[derive(Debug, Clone)]
pub struct DeterministicRandom {
    s: [u64; 4],
}

impl DeterministicRandom {
    pub fn from_seed_parts(parts: &[&[u8]]) -> Self {
        let digest = digest(b"tana:math.random:v1", parts);
        let mut s = [0u64; 4];
        for (i, chunk) in digest.chunks_exact(8).enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            s[i] = u64::from_le_bytes(bytes);
        }
        if s == [0; 4] {
            s[0] = 1;
        }
        Self { s }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A float in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_different_seed_different_stream() {
        let mut a = DeterministicRandom::from_seed_parts(&[b"c", b"tx1"]);
        let mut b = DeterministicRandom::from_seed_parts(&[b"c", b"tx1"]);
        let mut c = DeterministicRandom::from_seed_parts(&[b"c", b"tx2"]);
        let xs: Vec<f64> = (0..5).map(|_| a.next_f64()).collect();
        let ys: Vec<f64> = (0..5).map(|_| b.next_f64()).collect();
        let zs: Vec<f64> = (0..5).map(|_| c.next_f64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
    }
}
