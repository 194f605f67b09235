package io.jkeras.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} (the one with NumPy) for an independent reference: a test skips, with a
 * message saying what to install, where it is missing.
 */
public final class Python {
    public static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} can import NumPy. */
    public static void assumeNumpy() {
        boolean ok;
        try {
            ok = Files.isExecutable(Path.of(PYTHON)) && exec(List.of(PYTHON, "-c", "import numpy")).exitCode() == 0;
        } catch (IOException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "Skipped: the independent NumPy reference needs " + PYTHON
                + " with NumPy (Debian: apt-get install python3-numpy)");
    }

    /** The exit code and standard output (with standard error) of a command. */
    public record Result(int exitCode, String out) {
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs a command and waits for it (at most two minutes). */
    public static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out);
    }

    /** Runs a Python program given as text, with arguments; fails with its output when it fails. */
    public static String run(String program, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", program));
        cmd.addAll(List.of(args));
        Result r = exec(cmd);
        if (r.exitCode() != 0) throw new AssertionError("python3 failed (" + r.exitCode() + "):\n" + r.out());
        return r.out();
    }
}
