package io.jkeras.utils;

/**
 * NumPy's legacy random generator, {@code np.random.RandomState(seed)} (and {@code np.random.seed(seed)}): the
 * Mersenne Twister MT19937 seeded as NumPy seeds it, with NumPy's {@code shuffle}, {@code permutation} and
 * {@code random_sample}. It exists so that jkeras reproduces, number for number, what Keras does with NumPy's
 * generator: {@code keras.datasets.imdb.load_data(seed=113)} shuffles with {@code RandomState(113).shuffle}, and
 * {@link io.jkeras.datasets.Imdb} gives the same order by calling {@link #shuffle(int[])} here.
 *
 * <p>What matches NumPy: an integer seed in {@code [0, 2**32 - 1]} fills the state with Knuth's
 * {@code init_genrand} (NumPy's {@code mt19937_seed}); {@code shuffle} of a one-dimensional array is the
 * Fisher–Yates walk from the last element down, drawing {@code j} in {@code [0, i]} by masked rejection sampling
 * on 32-bit outputs (NumPy's {@code random_interval}); {@code random_sample} builds a double from two 32-bit
 * outputs (27 + 26 bits). NumPy's newer {@code default_rng} (PCG64) is a different generator and is not this.
 *
 * <pre>{@code
 * jshell> new NumpyRandom(113).permutation(5)        // np.random.RandomState(113).permutation(5)
 * $1 ==> int[5] { 1, 0, 3, 2, 4 }
 * }</pre>
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /**
     * {@code np.random.RandomState(seed)}.
     *
     * @param seed an integer in {@code [0, 2**32 - 1]}, as NumPy requires
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1. Received: seed=" + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** The next raw 32-bit output, as an unsigned value in a long ({@code random_bits}'s 32-bit draw). */
    public long nextUint32() {
        if (pos >= N) twist();
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return Integer.toUnsignedLong(y);
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        pos = 0;
    }

    /**
     * A uniform integer in {@code [0, max]}: NumPy's {@code random_interval}, which masks 32-bit outputs to the
     * smallest covering power of two and draws again while the value exceeds {@code max}.
     */
    public long randomInterval(long max) {
        if (max == 0) return 0;
        if (max < 0 || max > 0xffffffffL) throw new IllegalArgumentException("max must be in [0, 2**32 - 1]: " + max);
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code RandomState.shuffle(x)} for a one-dimensional array: shuffles {@code x} in place. */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code RandomState.permutation(n)}: {@code arange(n)} shuffled. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    /** {@code RandomState.random_sample()}: a double in {@code [0, 1)} with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
