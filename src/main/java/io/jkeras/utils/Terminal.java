package io.jkeras.utils;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a PNG inline in terminals that can draw images, as a notebook shows {@code plot_model}'s picture: every
 * jkeras plot calls {@link #show(Path)} after writing its file.
 *
 * <p>Protocols: iTerm2's {@code OSC 1337 File=} (when {@code TERM_PROGRAM} is {@code iTerm.app} or
 * {@code WezTerm}, or {@code LC_TERMINAL=iTerm2}) and the kitty graphics protocol (when {@code TERM=xterm-kitty} or
 * {@code KITTY_WINDOW_ID} is set). Anywhere else, and whenever standard output is not a terminal
 * ({@code System.console()} is {@code null}: a pipe, a file, a test run, JShell's remote agent), nothing at all is
 * printed. The system property {@code jkeras.inlineImages} or the environment variable
 * {@code JKERAS_INLINE_IMAGES} chooses: {@code auto} (the default, as above), {@code off}, {@code tty} (output is a
 * terminal even though {@code System.console()} cannot tell, as in JShell's agent: a launcher that checked
 * {@code [ -t 1 ]} passes {@code -R-Djkeras.inlineImages=tty}; the protocol is still detected), or {@code iterm} /
 * {@code kitty} to use that protocol even where it cannot be detected.
 *
 * <pre>{@code
 * jshell> Terminal.show(Path.of("history.png"))   // draws the picture in iTerm2, WezTerm or kitty
 * }</pre>
 */
public final class Terminal {
    /** The inline-image protocols jkeras knows. */
    public enum Protocol { ITERM, KITTY }

    /** Base64 characters per kitty escape sequence; the protocol allows at most 4096. */
    static final int KITTY_CHUNK = 4096;

    private Terminal() {
    }

    /** Shows the image on this process's standard output when it can (see the class comment); never throws. */
    public static void show(Path png) {
        String setting = System.getProperty("jkeras.inlineImages", System.getenv("JKERAS_INLINE_IMAGES"));
        show(png, System.out, System.getenv(), System.console() != null, setting);
    }

    /**
     * The testable core of {@link #show(Path)}.
     *
     * @param isTerminal whether {@code out} is a terminal
     * @param setting {@code null}/{@code "auto"}, {@code "off"}, {@code "tty"}, {@code "iterm"} or {@code "kitty"}
     * @return whether an image was written
     */
    static boolean show(Path png, PrintStream out, Map<String, String> env, boolean isTerminal, String setting) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        Protocol p = switch (s) {
            case "off", "never", "false", "0", "no" -> null;
            case "iterm", "iterm2" -> Protocol.ITERM;
            case "kitty" -> Protocol.KITTY;
            case "tty" -> detect(env);  // a launcher that knows its output is a terminal (JShell's agent cannot see it)
            default -> isTerminal ? detect(env) : null;
        };
        if (p == null) return false;
        try {
            out.print(escape(Files.readAllBytes(png), png.getFileName().toString(), p));
            out.println();
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;  // a picture that cannot be shown is no reason to fail the plot that wrote it
        }
    }

    /** The protocol this environment's terminal speaks, or {@code null}. */
    public static Protocol detect(Map<String, String> env) {
        String program = env.getOrDefault("TERM_PROGRAM", "");
        if (program.equals("iTerm.app") || program.equals("WezTerm") || "iTerm2".equals(env.get("LC_TERMINAL"))) {
            return Protocol.ITERM;
        }
        if ("xterm-kitty".equals(env.get("TERM")) || env.containsKey("KITTY_WINDOW_ID")) return Protocol.KITTY;
        return null;
    }

    /**
     * The escape sequence that draws a PNG.
     *
     * <p>iTerm2: {@code ESC ] 1337 ; File=name=<base64 name>;size=<bytes>;inline=1 : <base64 data> BEL}. kitty:
     * {@code ESC _G f=100,a=T,m=1 ; <chunk> ESC \} then {@code ESC _G m=1 ; <chunk> ESC \} ..., the last chunk
     * with {@code m=0}; chunks of at most 4096 base64 characters.
     */
    public static String escape(byte[] png, String name, Protocol protocol) {
        String data = Base64.getEncoder().encodeToString(png);
        if (protocol == Protocol.ITERM) {
            String b64name = Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
            return "\033]1337;File=name=" + b64name + ";size=" + png.length + ";inline=1:" + data + "\007";
        }
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < data.length() || at == 0; at += KITTY_CHUNK) {
            int end = Math.min(data.length(), at + KITTY_CHUNK);
            boolean more = end < data.length();
            sb.append("\033_G");
            if (at == 0) sb.append("f=100,a=T,");
            sb.append("m=").append(more ? 1 : 0).append(';').append(data, at, end).append("\033\\");
            if (!more) break;
        }
        return sb.toString();
    }
}
