package io.jkeras.utils;

import io.jkeras.testing.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NumpyRandom against NumPy itself: /usr/bin/python3 prints what np.random.RandomState gives for the same seeds. */
class NumpyRandomTest {
    @BeforeAll
    static void needsNumpy() {
        Python.assumeNumpy();
    }

    static int[] ints(String line) {
        String t = line.strip();
        if (t.isEmpty()) return new int[0];
        return Arrays.stream(t.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void permutationsAndSuccessiveShufflesMatchNumpy() throws IOException {
        // Seeds at the edges of the range, and sizes across the 2**k mask boundaries (the rejection loop).
        long[] seeds = {0, 1, 113, 4294967295L, 2147483648L};
        int[] sizes = {0, 1, 2, 3, 17, 256, 257, 1000, 70001};
        String py = """
                import sys, numpy as np
                seeds = [int(s) for s in sys.argv[1].split(',')]
                sizes = [int(s) for s in sys.argv[2].split(',')]
                for s in seeds:
                    r = np.random.RandomState(s)
                    for n in sizes:
                        a = np.arange(n)
                        r.shuffle(a)          # one generator, shuffled again and again: as imdb.load_data does
                        print(' '.join(map(str, a)))
                """;
        List<String> lines = Python.run(py, String.join(",", Arrays.stream(seeds).mapToObj(Long::toString).toList()),
                String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList())).lines().toList();
        int k = 0;
        for (long s : seeds) {
            NumpyRandom r = new NumpyRandom(s);
            for (int n : sizes) {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) a[i] = i;
                r.shuffle(a);
                assertThat(a).as("seed %d, n %d", s, n).containsExactly(ints(lines.get(k++)));
            }
        }
        assertThat(new NumpyRandom(113).permutation(5)).containsExactly(ints(
                Python.run("import numpy as np; print(' '.join(map(str, np.random.RandomState(113).permutation(5))))")));
    }

    @Test
    void randomSampleMatchesNumpyToTheLastBit() throws IOException {
        String out = Python.run("import numpy as np\nfor v in np.random.RandomState(42).random_sample(1000): print(v.hex())");
        NumpyRandom r = new NumpyRandom(42);
        for (String line : out.lines().toList()) {
            assertThat(r.randomSample()).isEqualTo(parseHex(line));
        }
    }

    static double parseHex(String pythonHex) {
        // Python's float.hex ('0x1.8p-1') is Java's hexadecimal floating literal once 'p' has its exponent.
        return Double.parseDouble(pythonHex.strip());
    }

    @Test
    void seedOutsideNumpysRangeIsRefusedAsNumpyDoes() {
        assertThatThrownBy(() -> new NumpyRandom(-1)).hasMessageContaining("Seed must be between 0 and 2**32 - 1");
        assertThatThrownBy(() -> new NumpyRandom(1L << 32)).hasMessageContaining("Seed must be between 0 and 2**32 - 1");
    }
}
