package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline images: the iTerm2 and kitty escape formats, detection, and silence off a terminal. */
class TerminalTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void itermEscapeCarriesNameSizeAndData() {
        byte[] png = bytes(1000);
        String e = Terminal.escape(png, "plot.png", Terminal.Protocol.ITERM);
        Matcher m = Pattern.compile("\033]1337;File=name=([A-Za-z0-9+/=]+);size=(\\d+);inline=1:([A-Za-z0-9+/=]+)\007").matcher(e);
        assertThat(m.matches()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8)).isEqualTo("plot.png");
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(1000);
        assertThat(Base64.getDecoder().decode(m.group(3))).isEqualTo(png);
    }

    @Test
    void kittyEscapeIsChunkedAndReassembles() {
        byte[] png = bytes(10_000);  // 13,336 base64 characters: 4 chunks
        String e = Terminal.escape(png, "plot.png", Terminal.Protocol.KITTY);
        Matcher m = Pattern.compile("\033_G([^;]*);([A-Za-z0-9+/=]*)\033\\\\").matcher(e);
        StringBuilder data = new StringBuilder();
        int chunks = 0, end = 0;
        while (m.find()) {
            assertThat(m.start()).isEqualTo(end);  // nothing between sequences
            end = m.end();
            String keys = m.group(1);
            boolean last = end == e.length();
            assertThat(keys).isEqualTo((chunks == 0 ? "f=100,a=T," : "") + "m=" + (last ? 0 : 1));
            assertThat(m.group(2).length()).isLessThanOrEqualTo(4096);
            data.append(m.group(2));
            chunks++;
        }
        assertThat(end).isEqualTo(e.length());
        assertThat(chunks).isEqualTo((Base64.getEncoder().encodeToString(png).length() + 4095) / 4096);
        assertThat(Base64.getDecoder().decode(data.toString())).isEqualTo(png);
    }

    @Test
    void detectsTerminalsFromTheirEnvironment() {
        assertThat(Terminal.detect(Map.of("TERM_PROGRAM", "iTerm.app"))).isEqualTo(Terminal.Protocol.ITERM);
        assertThat(Terminal.detect(Map.of("TERM_PROGRAM", "WezTerm"))).isEqualTo(Terminal.Protocol.ITERM);
        assertThat(Terminal.detect(Map.of("TERM", "xterm-kitty"))).isEqualTo(Terminal.Protocol.KITTY);
        assertThat(Terminal.detect(Map.of("KITTY_WINDOW_ID", "1", "TERM", "xterm-256color"))).isEqualTo(Terminal.Protocol.KITTY);
        assertThat(Terminal.detect(Map.of("TERM", "xterm-256color", "TERM_PROGRAM", "Apple_Terminal"))).isNull();
        assertThat(Terminal.detect(Map.of())).isNull();
    }

    @Test
    void printsOnlyOnADetectedTerminalUnlessTurnedOff() throws IOException {
        Path png = dir.resolve("p.png");
        Files.write(png, bytes(300));
        Map<String, String> kitty = Map.of("TERM", "xterm-kitty");
        assertThat(run(png, kitty, true, null)).startsWith("\033_Gf=100,a=T,m=0;");
        assertThat(run(png, kitty, false, null)).isEmpty();            // a pipe or a file: nothing at all
        assertThat(run(png, kitty, true, "off")).isEmpty();            // turned off
        assertThat(run(png, Map.of("TERM", "xterm"), true, null)).isEmpty();  // a terminal without images
        assertThat(run(png, Map.of(), false, "iterm")).startsWith("\033]1337;File=");  // asked for explicitly
        assertThat(run(png, kitty, false, "tty")).startsWith("\033_G");   // a launcher vouches for the terminal
        assertThat(run(png, Map.of("TERM", "xterm"), false, "tty")).isEmpty();
        assertThat(run(dir.resolve("missing.png"), kitty, true, null)).isEmpty();  // never throws
    }

    private static String run(Path png, Map<String, String> env, boolean terminal, String setting) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Terminal.show(png, new PrintStream(buf, true, StandardCharsets.UTF_8), env, terminal, setting);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plotsPrintNoEscapeCodesWhenOutputIsNotATerminal() throws IOException {
        // Under the test runner System.console() is null: a plot writes its file and prints nothing.
        assertThat(System.console()).isNull();
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ImageGrid.plot(org.nd4j.linalg.factory.Nd4j.rand(2, 4, 4), null, 2, dir.resolve("g.png").toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).doesNotContain("\033");
        assertThat(dir.resolve("g.png")).exists();
    }
}
