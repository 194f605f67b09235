package io.jkeras.saving;

import java.io.IOException;
import java.nio.file.Path;

import static org.bytedeco.hdf5.global.hdf5.H5Fopen;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5open;

/**
 * Run in a JVM of its own by {@link Hdf5SafetyTest}, which reads what it writes to the process's standard error:
 * HDF5 prints its error stack there from native code, past {@code System.err}. Mode {@code raw} opens the files
 * with HDF5 directly, its printing left on as the library starts (so the test knows it would see the output);
 * mode {@code jkeras} opens them through {@link Hdf5File}, which must keep HDF5 silent.
 */
public final class Hdf5SilenceProbe {
    private Hdf5SilenceProbe() {
    }

    public static void main(String[] args) {
        boolean raw = args[0].equals("raw");
        if (raw) H5open();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (raw) {
                H5Fopen(p.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
                continue;
            }
            try (Hdf5File f = Hdf5File.open(p)) {
                f.root().group("no_such_group");
            } catch (IOException e) {
                System.out.println("IOException: " + e.getMessage());
            }
        }
        System.out.println("done");
    }
}
