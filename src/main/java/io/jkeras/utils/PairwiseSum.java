package io.jkeras.utils;

/**
 * NumPy's summation order for a contiguous float64 array ({@code np.sum}, {@code np.mean}, {@code np.average}):
 * pairwise, with eight running sums over blocks of up to 128 elements and halves above that (fewer than 8 are
 * added in order). Summing in the same order gives the same last bits as NumPy (checked bit for bit against
 * NumPy 1.24 on arrays of 1 to 5000 elements), which decide a rounding tie in a printed report.
 * Package-private.
 */
final class PairwiseSum {
    private static final int BLOCK = 128;

    private PairwiseSum() {
    }

    /** {@code np.sum(a)} for a float64 array. */
    static double sum(double[] a) {
        return pairwise(a, 0, a.length);
    }

    /** {@code np.mean(a)}. */
    static double mean(double[] a) {
        return sum(a) / a.length;
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) res += a[from + i];
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[from + i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }
}
